import type { DecodedWav } from './wav-read';

export type SentenceStatusCode = 'OK' | 'OVERDRIVEN' | 'UNDERDRIVEN';

/** Thresholds, all in dBFS (0 dBFS = a full-scale sample); documented in server/docs/accounts-and-builds.md. */
export const LEVEL_THRESHOLDS = {
  /** A sample whose magnitude reaches this is counted as clipped (0.989 of full scale). */
  clipSampleDbfs: -0.1,
  /** More than this fraction of clipped samples in any channel makes the recording OVERDRIVEN. */
  maxClippedFraction: 0.001,
  /** Speech level (gated RMS) above this is OVERDRIVEN even without hard clipping. */
  maxSpeechRmsDbfs: -8,
  /** Speech level below this is UNDERDRIVEN. */
  minSpeechRmsDbfs: -45,
  /** Blocks quieter than this are silence and never count towards the speech level. */
  absoluteGateDbfs: -70,
  /** Blocks more than this many dB below the mean of the non-silent blocks are pauses, not speech. */
  relativeGateDb: 20,
  blockSeconds: 0.05,
} as const;

export interface LevelReport {
  code: SentenceStatusCode;
  /** Gated RMS of the loudest channel; -Infinity for digital silence. */
  speechRmsDbfs: number;
  peakDbfs: number;
  clippedFraction: number;
}

export function toDbfs(amplitude: number): number {
  return amplitude > 0 ? 20 * Math.log10(amplitude) : -Infinity;
}

/**
 * Judges a recording's level. The speech level is a gated RMS (in the spirit of ITU-R BS.1770 gating, without
 * K-weighting) so that leading and trailing silence and pauses between words do not make a well-recorded
 * sentence look too quiet.
 */
export function checkLevel(wav: DecodedWav): LevelReport {
  let speechRms = 0;
  let peak = 0;
  let clippedFraction = 0;
  const clipLevel = 10 ** (LEVEL_THRESHOLDS.clipSampleDbfs / 20);
  const blockSize = Math.max(1, Math.round(wav.sampleRate * LEVEL_THRESHOLDS.blockSeconds));
  for (const channel of wav.channels) {
    let clipped = 0;
    for (const sample of channel) {
      const magnitude = Math.abs(sample);
      if (magnitude > peak) peak = magnitude;
      if (magnitude >= clipLevel) clipped++;
    }
    clippedFraction = Math.max(clippedFraction, clipped / channel.length);
    speechRms = Math.max(speechRms, gatedRms(channel, blockSize));
  }
  const speechRmsDbfs = toDbfs(speechRms);
  let code: SentenceStatusCode = 'OK';
  if (clippedFraction > LEVEL_THRESHOLDS.maxClippedFraction || speechRmsDbfs > LEVEL_THRESHOLDS.maxSpeechRmsDbfs) {
    code = 'OVERDRIVEN';
  } else if (speechRmsDbfs < LEVEL_THRESHOLDS.minSpeechRmsDbfs) {
    code = 'UNDERDRIVEN';
  }
  return { code, speechRmsDbfs, peakDbfs: toDbfs(peak), clippedFraction };
}

/** Mean-square power of each block of `blockSize` samples (the last partial block included). */
export function blockPowers(samples: Float32Array, blockSize: number): number[] {
  const powers: number[] = [];
  for (let start = 0; start < samples.length; start += blockSize) {
    const end = Math.min(samples.length, start + blockSize);
    let sum = 0;
    for (let i = start; i < end; i++) sum += (samples[i] as number) ** 2;
    powers.push(sum / (end - start));
  }
  return powers;
}

/** Indices of the blocks that pass both the absolute and the relative gate, i.e. that hold speech. */
export function activeBlocks(powers: number[]): number[] {
  const absoluteGate = 10 ** (LEVEL_THRESHOLDS.absoluteGateDbfs / 10);
  const loud = powers.map((power, index) => ({ power, index })).filter((block) => block.power > absoluteGate);
  if (loud.length === 0) return [];
  const mean = loud.reduce((sum, block) => sum + block.power, 0) / loud.length;
  const relativeGate = mean * 10 ** (-LEVEL_THRESHOLDS.relativeGateDb / 10);
  return loud.filter((block) => block.power > relativeGate).map((block) => block.index);
}

function gatedRms(samples: Float32Array, blockSize: number): number {
  const powers = blockPowers(samples, blockSize);
  const active = activeBlocks(powers);
  if (active.length === 0) return 0;
  const mean = active.reduce((sum, index) => sum + (powers[index] as number), 0) / active.length;
  return Math.sqrt(mean);
}
