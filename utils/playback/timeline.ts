// Where each unit goes on the AudioContext timeline: back to back, separated only by the unit's own pause.

/** Time needed between scheduling a source and its start so that start(when) is not already in the past. */
export const SCHEDULE_LEAD_S = 0.03;

export interface TimelineSlot {
  /** AudioContext time at which the unit starts. */
  start: number;
  /** AudioContext time at which its (trimmed) audio ends. */
  end: number;
}

/**
 * Start time for the next unit: right after the previous unit's end plus its pause, or — when the unit arrives
 * late (the timeline ran dry) — as soon as it can be scheduled.
 */
export function nextSlot(opts: { now: number; previousEnd: number | null; previousPauseMs: number; durationS: number }): TimelineSlot {
  const earliest = opts.now + SCHEDULE_LEAD_S;
  const planned = opts.previousEnd === null ? earliest : opts.previousEnd + opts.previousPauseMs / 1000;
  const start = Math.max(planned, earliest);
  return { start, end: start + opts.durationS };
}

/** The pause after a unit: the sentence pause, or the longer paragraph pause, both scaled by 1/rate. */
export function pauseAfterMs(opts: { endsParagraph: boolean; isLast: boolean; sentencePauseMs: number; paragraphPauseMs: number; rate: number }): number {
  if (opts.isLast) return 0;
  const base = opts.endsParagraph ? opts.paragraphPauseMs : opts.sentencePauseMs;
  return Math.round(base / (opts.rate > 0 ? opts.rate : 1));
}

/** Read Aloud's fixed wait between cloud chunks, kept for the naive benchmark baseline. */
export function naivePauseMs(rate: number, isLast: boolean): number {
  return isLast ? 0 : Math.round(650 / (rate > 0 ? rate : 1));
}
