// wavefile's resampler module is used directly: WaveFile.fromScratch/toSampleRate/toBuffer add ~200 ms of generic
// packing per 16 s of audio, several times the synthesis itself. wavefile is pinned (11.0.0), so the path is stable.
// @ts-expect-error — untyped internal module of wavefile
import { resample } from 'wavefile/lib/resampler/index.js';

type Resample = (
  samples: Float64Array,
  from: number,
  to: number,
  options: { method: string; LPF: boolean },
) => Float64Array;
const resampleWithWavefile = resample as Resample;

export const SUPPORTED_SAMPLE_RATES = [8000, 11025, 16000, 22050, 32000, 44100, 48000] as const;
export type SupportedSampleRate = (typeof SUPPORTED_SAMPLE_RATES)[number];
export type Container = 'wav' | '';

/** "Low Res" voices are band-limited to this rate before resampling to the requested one, so they sound it. */
export const LOW_RES_SAMPLE_RATE = 11025;
const WAV_HEADER_BYTES = 44;

export interface EncodeOptions {
  sampleRate: number;
  /** 'wav' = RIFF WAV, '' = raw 16-bit little-endian mono PCM (vocalid-api.txt `container`). */
  container: Container;
  lowRes?: boolean;
}

/**
 * Cubic interpolation; the low-pass filter only when going down (anti-aliasing). Going up from eSpeak's 22050 Hz
 * needs none — the source is already band-limited — and the IIR filter would cost ten times the interpolation.
 */
function convertRate(samples: Float64Array, from: number, to: number): Float64Array {
  if (from === to) return samples;
  return resampleWithWavefile(samples, from, to, { method: 'cubic', LPF: to < from });
}

/** 16-bit mono samples at `fromRate` → bytes at the requested rate and container. Runs inside the speech workers. */
export function encodeAudio(samples: Int16Array, fromRate: number, opts: EncodeOptions): Uint8Array {
  let data: Float64Array = Float64Array.from(samples);
  let rate = fromRate;
  if (opts.lowRes && rate > LOW_RES_SAMPLE_RATE) {
    data = convertRate(data, rate, LOW_RES_SAMPLE_RATE);
    rate = LOW_RES_SAMPLE_RATE;
  }
  data = convertRate(data, rate, opts.sampleRate);

  const header = opts.container === 'wav' ? WAV_HEADER_BYTES : 0;
  const bytes = new Uint8Array(header + data.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) {
    view.setInt16(header + i * 2, Math.max(-32768, Math.min(32767, Math.round(data[i]!))), true);
  }
  if (header) writeWavHeader(view, data.length * 2, opts.sampleRate);
  return bytes;
}

/** Canonical 44-byte RIFF/WAVE header for 16-bit mono PCM. */
function writeWavHeader(view: DataView, dataBytes: number, sampleRate: number): void {
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
}
