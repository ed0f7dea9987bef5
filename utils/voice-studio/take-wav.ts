// A take as the WAV recording/save expects (server/docs/accounts-and-builds.md "Recordings"): RIFF/WAVE, 16-bit
// integer PCM, mono, at the capture's own rate — the level check judges the real samples, so nothing is
// normalised or resampled on the way.
import { WaveFile } from 'wavefile';

/** The server refuses recordings longer than this (its default --max-recording-seconds). */
export const MAX_TAKE_SECONDS = 30;
/** The studio stops a take on its own a little before the server's limit. */
export const TAKE_STOP_SECONDS = 25;

/** Float samples in [-1, 1] (Web Audio) → 16-bit integers, clamped: a full-scale float stays full scale. */
export function toInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const x = Math.max(-1, Math.min(1, samples[i] as number));
    out[i] = x < 0 ? Math.round(x * 32768) : Math.round(x * 32767);
  }
  return out;
}

export function encodeTakeWav(samples: Float32Array, sampleRate: number): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate < 4000 || sampleRate > 384000) {
    throw new RangeError(`sample rate ${sampleRate} Hz is outside what the server accepts (4–384 kHz)`);
  }
  if (samples.length === 0) throw new RangeError('a take with no samples cannot be saved');
  if (samples.length / sampleRate > MAX_TAKE_SECONDS) {
    throw new RangeError(`a take may be at most ${MAX_TAKE_SECONDS} s long`);
  }
  const wav = new WaveFile();
  wav.fromScratch(1, sampleRate, '16', toInt16(samples));
  return wav.toBuffer();
}
