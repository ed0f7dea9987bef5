/**
 * Time left in a reading session: the real durations of units already synthesized, an estimate for the rest
 * from the speaking speed (characters per second) measured on the known ones, all scaled to the current rate.
 * Structural input so it takes `ReadingState.units` as is.
 */
import { ESTIMATED_CHARS_PER_SECOND } from '../text/speaking-speed';

export interface TimedUnit {
  text: string;
  status: 'pending' | 'fetching' | 'ready' | 'queued' | 'playing' | 'played' | 'error' | string;
  /** Audio duration as rendered, at `renderedRate` (defaults to the current rate). */
  durationMs?: number;
  renderedRate?: number;
  /** The scheduled pause after this unit; taken as is (the scheduler already scales it). */
  pauseAfterMs?: number;
}

export interface RemainingOptions {
  /** Current speaking rate (1 = normal). */
  rate: number;
  /** How far into the playing unit playback is, in ms of its audio. */
  currentElapsedMs?: number;
  /** Speed assumed when no unit has a known duration yet, in characters per second at rate 1. */
  defaultCharsPerSecond?: number;
}

const countChars = (text: string): number => [...text].length;

export function estimateRemainingMs(units: readonly TimedUnit[], options: RemainingOptions): number {
  const rate = options.rate > 0 ? options.rate : 1;
  // Learn chars per second (at rate 1) from every unit whose duration is known, played or not.
  let knownChars = 0;
  let knownMsAtRate1 = 0;
  for (const u of units) {
    if (u.durationMs && u.durationMs > 0) {
      knownChars += countChars(u.text);
      knownMsAtRate1 += u.durationMs * (u.renderedRate ?? rate);
    }
  }
  const charsPerSecond =
    knownMsAtRate1 > 0 && knownChars > 0
      ? knownChars / (knownMsAtRate1 / 1000)
      : (options.defaultCharsPerSecond ?? ESTIMATED_CHARS_PER_SECOND);

  let remaining = 0;
  for (const u of units) {
    if (u.status === 'played' || u.status === 'error') continue;
    const atRate1 =
      u.durationMs && u.durationMs > 0
        ? u.durationMs * (u.renderedRate ?? rate)
        : (countChars(u.text) / charsPerSecond) * 1000;
    let ms = atRate1 / rate;
    if (u.status === 'playing')
      ms = Math.max(0, ms - (options.currentElapsedMs ?? 0) * ((u.renderedRate ?? rate) / rate));
    remaining += ms + (u.pauseAfterMs ?? 0);
  }
  return Math.round(remaining);
}
