// Opus through WebCodecs (https://www.w3.org/TR/webcodecs/ and the Opus codec registration,
// https://www.w3.org/TR/webcodecs-opus-codec-registration/). AudioEncoder/AudioDecoder exist in windows and dedicated
// workers, not in service workers: the player's host (offscreen document in Chrome, background page in Firefox)
// runs this. No WASM, so the extension's CSP stays as it is.
//
// Sample exactness: an Opus stream starts with `pre-skip` frames of encoder delay (RFC 7845 §4.2) and its last packet
// is padded to a whole frame. The decoded audio is cut back to exactly the source's duration, so the player's seams
// and the word timings (computed from that duration) are the same as with the WAV.
import { packCompressedEntry, unpackCompressedEntry, type CompressedEntry } from './compressed-entry';

/** Opus runs at 48 kHz inside (RFC 6716 §2); we resample to it ourselves so no hidden resampler shifts the audio. */
export const OPUS_SAMPLE_RATE = 48_000;
/**
 * Speech from the voice service is 22–24 kHz mono; 24 kb/s Opus keeps it clear (Opus's own guidance puts fullband
 * speech at 24–40 kb/s) and comes to ~5 minutes of speech per MB with the entry's framing.
 */
export const OPUS_BITRATE = 24_000;
/** RFC 7845 §5.1: pre-skip for libopus at its default application is 312 frames at 48 kHz (6.5 ms). */
const DEFAULT_PRE_SKIP = 312;
/**
 * 60 ms packets, Opus's longest single frame (RFC 6716 §2.1.4): a third of the packets of the default 20 ms, so a third
 * of the per-packet cost of WebCodecs' decode() calls and of the entry's length table, at no cost for stored speech
 * (frame size only matters for live latency).
 */
const FRAME_DURATION_US = 60_000;
const FRAME_FRAMES = (OPUS_SAMPLE_RATE * FRAME_DURATION_US) / 1e6;
/**
 * Silence appended before flushing: Chrome's encoder drops the last partial frame at flush, and the final real
 * frames lie pre-skip later in the stream. One whole frame plus the pre-skip covers both.
 */
const TAIL_PADDING_FRAMES = FRAME_FRAMES + 2 * DEFAULT_PRE_SKIP;

function encoderConfig(channels: number): AudioEncoderConfig {
  return {
    codec: 'opus',
    sampleRate: OPUS_SAMPLE_RATE,
    numberOfChannels: channels,
    bitrate: OPUS_BITRATE,
    opus: { frameDuration: FRAME_DURATION_US },
  };
}

/** Whether this context can write Opus entries (feature detection, not browser sniffing). */
export async function opusEncodingSupported(channels = 1): Promise<boolean> {
  if (typeof AudioEncoder === 'undefined' || typeof AudioDecoder === 'undefined') return false;
  try {
    const [enc, dec] = await Promise.all([
      AudioEncoder.isConfigSupported(encoderConfig(channels)),
      AudioDecoder.isConfigSupported({ codec: 'opus', sampleRate: OPUS_SAMPLE_RATE, numberOfChannels: channels }),
    ]);
    return enc.supported === true && dec.supported === true;
  } catch {
    return false;
  }
}

/** OpusHead (RFC 7845 §5.1) carries the pre-skip at byte 10, little endian. */
function preSkipOf(description: AllowSharedBufferSource | undefined): number {
  if (!description) return DEFAULT_PRE_SKIP;
  const bytes =
    description instanceof ArrayBuffer || description instanceof SharedArrayBuffer
      ? new Uint8Array(description)
      : new Uint8Array(description.buffer, description.byteOffset, description.byteLength);
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== 'OpusHead' || bytes.length < 12) return DEFAULT_PRE_SKIP;
  return bytes[10]! | (bytes[11]! << 8);
}

export interface PcmAudio {
  sampleRate: number;
  /** One array per channel, all the same length. */
  channels: Float32Array[];
}

export interface DecodedEntry extends PcmAudio {
  /** Frames the decoder returned before trimming: a check that this browser decodes what it encoded. */
  decodedFrames: number;
}

export interface EncodeSource {
  /** The audio at OPUS_SAMPLE_RATE. */
  pcm: PcmAudio;
  /** The source's own rate and length: what the entry must decode back to. */
  sourceSampleRate: number;
  sourceFrames: number;
}

/** Encodes 48 kHz PCM as a compressed cache entry. */
export async function encodeOpusEntry(source: EncodeSource): Promise<ArrayBuffer> {
  const { pcm } = source;
  if (pcm.sampleRate !== OPUS_SAMPLE_RATE) throw new RangeError(`Opus entries are encoded from 48 kHz PCM.`);
  const channels = pcm.channels.length;
  const frames = pcm.channels[0]?.length ?? 0;
  const packets: Uint8Array[] = [];
  let encodedFrames = 0;
  let description: AllowSharedBufferSource | undefined;
  let failure: unknown;
  const encoder = new AudioEncoder({
    output: (chunk, meta) => {
      const data = new Uint8Array(chunk.byteLength);
      chunk.copyTo(data);
      packets.push(data);
      encodedFrames += chunk.duration ? Math.round((chunk.duration * OPUS_SAMPLE_RATE) / 1e6) : FRAME_FRAMES;
      description ??= meta?.decoderConfig?.description;
    },
    error: (e) => (failure = e),
  });
  try {
    encoder.configure(encoderConfig(channels));
    const padded = frames + TAIL_PADDING_FRAMES;
    const planar = new Float32Array(padded * channels);
    pcm.channels.forEach((c, i) => planar.set(c, i * padded));
    const data = new AudioData({
      format: 'f32-planar',
      sampleRate: OPUS_SAMPLE_RATE,
      numberOfChannels: channels,
      numberOfFrames: padded,
      timestamp: 0,
      data: planar,
    });
    encoder.encode(data);
    data.close();
    await encoder.flush();
  } finally {
    if (encoder.state !== 'closed') encoder.close();
  }
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  const entry: CompressedEntry = {
    channels,
    preSkip: preSkipOf(description),
    sourceSampleRate: source.sourceSampleRate,
    sourceFrames: source.sourceFrames,
    codecSampleRate: OPUS_SAMPLE_RATE,
    frames,
    encodedFrames,
    packets,
  };
  return packCompressedEntry(entry);
}

/**
 * Where the kept audio starts in what the decoder returned. Decoders that were given no OpusHead return every frame
 * (Chrome does); one that drops the pre-skip itself returns exactly that many frames fewer than the packets hold.
 * Anything else (a short decode) is taken as every frame, so the audio keeps its place and silence fills the end.
 */
export function keptStart(entry: Pick<CompressedEntry, 'preSkip' | 'encodedFrames'>, decodedFrames: number): number {
  return decodedFrames === entry.encodedFrames - entry.preSkip ? 0 : entry.preSkip;
}

/** Exactly `entry.frames` frames per channel from the decoded stream: pre-skip dropped, end padding cut, short filled. */
export function trimDecoded(entry: CompressedEntry, decoded: Float32Array[]): Float32Array[] {
  const start = keptStart(entry, decoded[0]?.length ?? 0);
  return decoded.map((c) => {
    const out = new Float32Array(entry.frames);
    out.set(c.subarray(start, start + entry.frames));
    return out;
  });
}

/** Decodes a compressed cache entry back to PCM at the codec's rate, exactly as long as the source. */
export async function decodeOpusEntry(bytes: ArrayBuffer): Promise<DecodedEntry> {
  const entry = unpackCompressedEntry(bytes);
  const parts: Float32Array[][] = Array.from({ length: entry.channels }, () => []);
  let failure: unknown;
  const decoder = new AudioDecoder({
    output: (audio) => {
      for (let c = 0; c < entry.channels; c++) {
        const plane = new Float32Array(audio.numberOfFrames);
        audio.copyTo(plane, { planeIndex: c, format: 'f32-planar' });
        parts[c]!.push(plane);
      }
      audio.close();
    },
    error: (e) => (failure = e),
  });
  try {
    // No OpusHead description: the decoder then returns every frame and the pre-skip is ours to drop (keptStart).
    decoder.configure({ codec: 'opus', sampleRate: entry.codecSampleRate, numberOfChannels: entry.channels });
    let timestamp = 0;
    for (const packet of entry.packets) {
      decoder.decode(new EncodedAudioChunk({ type: 'key', timestamp, data: packet }));
      timestamp += FRAME_DURATION_US;
    }
    await decoder.flush();
  } finally {
    if (decoder.state !== 'closed') decoder.close();
  }
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  const decoded = parts.map((chunks) => {
    const out = new Float32Array(chunks.reduce((sum, c) => sum + c.length, 0));
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  });
  return {
    sampleRate: entry.codecSampleRate,
    channels: trimDecoded(entry, decoded),
    decodedFrames: decoded[0]?.length ?? 0,
  };
}
