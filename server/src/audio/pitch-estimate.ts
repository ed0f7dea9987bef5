import { YIN } from 'pitchfinder';
import { activeBlocks, blockPowers } from './level-check';

/** The speaking-voice F0 range we accept from the detector; outside it a frame is an octave error or noise. */
export const F0_RANGE_HZ = { min: 50, max: 500 } as const;

const ANALYSIS_RATE_HZ = 16_000;
const HOP_SECONDS = 0.01;
// pitchfinder's YIN analyses the largest power of two strictly below the frame length, so 1025 samples give a
// 1024-sample window and lags up to 512: down to about 31 Hz at 16 kHz, below any speaking voice.
const FRAME_LENGTH = 1025;

/**
 * F0 in Hz of every voiced frame of a recording (YIN on 10 ms hops, only over frames that hold speech by
 * energy), in time order. Frames the detector rejects as aperiodic are left out.
 */
export function pitchTrack(samples: Float32Array, sampleRate: number): number[] {
  const { signal, rate } = decimate(samples, sampleRate);
  const detect = YIN({ sampleRate: rate, threshold: 0.1 });
  const blockSize = Math.max(1, Math.round(rate * 0.05));
  const active = new Set(activeBlocks(blockPowers(signal, blockSize)));
  const hop = Math.max(1, Math.round(rate * HOP_SECONDS));
  const track: number[] = [];
  for (let start = 0; start + FRAME_LENGTH <= signal.length; start += hop) {
    const centre = start + (FRAME_LENGTH >> 1);
    if (!active.has(Math.floor(centre / blockSize))) continue;
    const f0 = detect(signal.subarray(start, start + FRAME_LENGTH));
    if (f0 !== null && f0 >= F0_RANGE_HZ.min && f0 <= F0_RANGE_HZ.max) track.push(f0);
  }
  return track;
}

/** Median of the values, or null when there are none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Median F0 of one signal, or null when no frame is voiced. */
export function estimateMedianF0(samples: Float32Array, sampleRate: number): number | null {
  return median(pitchTrack(samples, sampleRate));
}

/**
 * Brings high-rate audio down to about 16 kHz by averaging groups of samples: the boxcar is a crude low-pass,
 * but enough for pitch, and it keeps YIN's quadratic cost per frame independent of the upload's rate.
 */
function decimate(samples: Float32Array, sampleRate: number): { signal: Float32Array; rate: number } {
  const factor = Math.max(1, Math.floor(sampleRate / ANALYSIS_RATE_HZ));
  if (factor === 1) return { signal: samples, rate: sampleRate };
  const out = new Float32Array(Math.floor(samples.length / factor));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let j = 0; j < factor; j++) sum += samples[i * factor + j] as number;
    out[i] = sum / factor;
  }
  return { signal: out, rate: sampleRate / factor };
}
