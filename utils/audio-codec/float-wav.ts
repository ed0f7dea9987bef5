// PCM as a 32-bit float WAV (WAVE_FORMAT_IEEE_FLOAT, a 44-byte canonical header), the form the player's
// decodeAudioData takes. Written by hand rather than with wavefile: wavefile packs sample by sample, which took
// seconds for one 25 s unit in Chromium, against a single copy here.
import type { PcmAudio } from './opus-codec';

const HEADER_BYTES = 44;
const WAVE_FORMAT_IEEE_FLOAT = 3;

export function floatWav(pcm: PcmAudio): ArrayBuffer {
  const channels = pcm.channels.length;
  const frames = pcm.channels[0]?.length ?? 0;
  const dataBytes = frames * channels * 4;
  const out = new ArrayBuffer(HEADER_BYTES + dataBytes);
  const view = new DataView(out);
  const text = (offset: number, s: string) => {
    for (let i = 0; i < s.length; i++) view.setUint8(offset + i, s.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, WAVE_FORMAT_IEEE_FLOAT, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, pcm.sampleRate, true);
  view.setUint32(28, pcm.sampleRate * channels * 4, true);
  view.setUint16(32, channels * 4, true);
  view.setUint16(34, 32, true);
  text(36, 'data');
  view.setUint32(40, dataBytes, true);
  // WAV data is little endian, as is every platform browsers run on; a Float32Array view writes it in one go.
  const samples = new Float32Array(out, HEADER_BYTES, frames * channels);
  if (channels === 1) samples.set(pcm.channels[0]!);
  else
    for (let i = 0; i < frames; i++)
      for (let c = 0; c < channels; c++) samples[i * channels + c] = pcm.channels[c]![i]!;
  return out;
}
