// Between the WAV the voice service sends and what the cache keeps: a WAV entry compressed to Opus, and any entry
// (old WAV or compressed) turned back into WAV bytes the player's decodeAudioData reads.
import { readWavInfo } from '../playback/wav-decode';
import { cachedAudioFormat } from './compressed-entry';
import { floatWav } from './float-wav';
import { decodeOpusEntry, encodeOpusEntry, OPUS_SAMPLE_RATE, type PcmAudio } from './opus-codec';

/**
 * WAV bytes for any entry: an old WAV entry as it is, a compressed one decoded (32-bit float at 48 kHz, exactly the
 * source's duration). Needs AudioDecoder: a window or the offscreen document, not the service worker.
 */
export async function cachedAudioAsWav(bytes: ArrayBuffer): Promise<ArrayBuffer> {
  if (cachedAudioFormat(bytes) === 'wav') return bytes;
  return floatWav(await decodeOpusEntry(bytes));
}

/**
 * What the player reads for an entry: an old WAV entry as its bytes; a compressed one as its PCM when that is at
 * `sampleRate` (the player's), which it then plays without a second decode. At another rate the PCM goes through
 * a float WAV and decodeAudioData, whose resampler is better than an AudioBufferSourceNode's at play time.
 */
export async function cachedAudioForPlayer(bytes: ArrayBuffer, sampleRate: number): Promise<ArrayBuffer | PcmAudio> {
  if (cachedAudioFormat(bytes) === 'wav') return bytes;
  const pcm = await decodeOpusEntry(bytes);
  return pcm.sampleRate === sampleRate ? { sampleRate: pcm.sampleRate, channels: pcm.channels } : floatWav(pcm);
}

/**
 * A WAV entry compressed to Opus. The resampling to 48 kHz is Web Audio's decodeAudioData (the same converter the
 * player uses for WAV), so both formats line up in time. Needs AudioEncoder and OfflineAudioContext.
 */
export async function compressWavEntry(wavBytes: ArrayBuffer): Promise<ArrayBuffer> {
  const info = readWavInfo(wavBytes);
  const frames = Math.floor(info.dataBytes / ((info.bitsPerSample / 8) * info.channels));
  const decoder = new OfflineAudioContext({ numberOfChannels: 1, length: 1, sampleRate: OPUS_SAMPLE_RATE });
  // decodeAudioData detaches its argument: the caller's bytes stay whole.
  const buffer = await decoder.decodeAudioData(wavBytes.slice(0));
  const channels = Array.from({ length: Math.min(buffer.numberOfChannels, 2) }, (_, c) => buffer.getChannelData(c));
  const entry = await encodeOpusEntry({
    pcm: { sampleRate: OPUS_SAMPLE_RATE, channels },
    sourceSampleRate: info.sampleRate,
    sourceFrames: frames,
  });
  // Stored only if this browser plays it back whole: a decoder that accepts the config yet returns less (or fails)
  // would otherwise turn a playable WAV into a unit that cannot be heard.
  const check = await decodeOpusEntry(entry);
  if (check.decodedFrames < buffer.length) {
    throw new Error(`Opus round trip returned ${check.decodedFrames} of ${buffer.length} frames; keeping WAV.`);
  }
  return entry;
}
