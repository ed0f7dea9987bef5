import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { median, pitchTrack } from '../audio/pitch-estimate';
import { speakingRate } from '../audio/speaking-rate';

/**
 * Median F0 (Hz) that our own pitch estimator measures on eSpeak NG output at each `-p` value (-s 175, three
 * English sentences, measured in November 2026 with `pitchTrack`). Measuring with the same estimator that
 * analyses the speaker's recordings cancels its bias, so inverting this table makes the built voice's median
 * F0 follow the speaker's. `en-us` covers low voices, the `f3` variant high ones.
 */
export const PITCH_CALIBRATION: readonly { espeakVoice: string; points: readonly (readonly [number, number])[] }[] = [
  {
    espeakVoice: 'en-us',
    points: [
      [0, 68.3],
      [10, 73.3],
      [20, 79.5],
      [30, 87.4],
      [40, 94.7],
      [50, 103.8],
      [60, 113.0],
      [70, 124.7],
      [80, 138.0],
      [90, 154.0],
      [99, 169.9],
    ],
  },
  {
    espeakVoice: 'en-us+f3',
    points: [
      [0, 156.0],
      [10, 165.9],
      [20, 176.0],
      [30, 187.0],
      [40, 198.0],
      [50, 213.8],
      [60, 231.9],
      [70, 253.8],
      [80, 279.0],
      [90, 307.6],
      [99, 336.5],
    ],
  },
];

/** Above this median F0 the high variant is used; it sits where both variants overlap, near their ends. */
export const HIGH_VARIANT_FROM_HZ = 160;

/** Words per second of speech (as `speakingRate` measures it) on eSpeak output at each `-s` (words per minute). */
export const SPEED_CALIBRATION: readonly (readonly [number, number])[] = [
  [80, 1.88],
  [120, 2.6],
  [175, 3.62],
  [250, 4.96],
  [350, 6.94],
  [450, 8.5],
];

export const DEFAULT_SPEED_WPM = 175;

export interface EspeakVoiceParams {
  espeakVoice: string;
  /** eSpeak -p, 0..99. */
  basePitch: number;
  /** eSpeak -s, words per minute, 80..450. */
  baseSpeed: number;
}

export interface SpeakerAnalysis {
  medianF0Hz: number | null;
  wordsPerSecond: number | null;
  voicedFrames: number;
}

/** Linear interpolation through (x, y) points sorted by x, clamped to the ends. */
function interpolate(points: readonly (readonly [number, number])[], x: number): number {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) throw new Error('empty calibration table');
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i] as readonly [number, number];
    const [x0, y0] = points[i - 1] as readonly [number, number];
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return last[1];
}

/** eSpeak voice and -p whose output has the given median F0, as closely as eSpeak can get. */
export function pitchToEspeak(medianF0Hz: number): { espeakVoice: string; basePitch: number } {
  const table = PITCH_CALIBRATION[medianF0Hz > HIGH_VARIANT_FROM_HZ ? 1 : 0];
  if (!table) throw new Error('missing pitch calibration');
  // Pitch is perceived (and eSpeak's -p behaves) roughly logarithmically, so interpolate in log-frequency.
  const inverse = table.points.map(([p, hz]) => [Math.log(hz), p] as const);
  const basePitch = Math.round(interpolate(inverse, Math.log(medianF0Hz)));
  return { espeakVoice: table.espeakVoice, basePitch };
}

/** eSpeak -s whose output has the given words per second of speech. */
export function rateToEspeakSpeed(wordsPerSecond: number): number {
  const inverse = SPEED_CALIBRATION.map(([wpm, wps]) => [wps, wpm] as const);
  return Math.round(interpolate(inverse, wordsPerSecond));
}

/**
 * Median F0 over all voiced frames of all recordings, and speaking rate over all of them. Runs in the audio worker
 * (audio-jobs.ts), off the server's event loop.
 */
export async function analyseSpeaker(
  recordings: { samples: Float32Array; sampleRate: number; transcript: string }[],
): Promise<SpeakerAnalysis> {
  const f0s: number[] = [];
  for (const recording of recordings) {
    f0s.push(...pitchTrack(recording.samples, recording.sampleRate));
    await yieldToEventLoop();
  }
  return { medianF0Hz: median(f0s), wordsPerSecond: speakingRate(recordings), voicedFrames: f0s.length };
}

/** Fewer voiced 10 ms frames than this (half a second) is too little to trust a median F0. */
export const MIN_VOICED_FRAMES = 50;

/** Maps an analysis to eSpeak parameters; null when the recordings hold too little voiced speech. */
export function voiceParamsFor(analysis: SpeakerAnalysis): EspeakVoiceParams | null {
  if (analysis.medianF0Hz === null || analysis.voicedFrames < MIN_VOICED_FRAMES) return null;
  const { espeakVoice, basePitch } = pitchToEspeak(analysis.medianF0Hz);
  const baseSpeed = analysis.wordsPerSecond === null ? DEFAULT_SPEED_WPM : rateToEspeakSpeed(analysis.wordsPerSecond);
  return { espeakVoice, basePitch, baseSpeed };
}
