// Where each unit goes on the AudioContext timeline: back to back, separated only by the unit's own pause.

/**
 * Time needed between scheduling a source and its start so that start(when) is not already in the past, when the
 * context's render buffer is unknown. It only matters when the timeline is empty (the first unit, or a unit that
 * arrived late): every other unit is placed well ahead.
 */
export const SCHEDULE_LEAD_S = 0.015;

/**
 * The lead for a context that renders `baseLatency` seconds per callback: two callbacks, so that the audio thread
 * cannot have rendered past `when` between reading currentTime and calling start(). A start that is late anyway
 * plays whole, a few ms late (Web Audio starts a past `when` at once, from the requested offset).
 */
export function scheduleLeadS(baseLatency: number | undefined): number {
  if (baseLatency === undefined || !Number.isFinite(baseLatency) || baseLatency <= 0) return SCHEDULE_LEAD_S;
  return Math.min(0.03, Math.max(0.005, 2 * baseLatency));
}

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
export function nextSlot(opts: {
  now: number;
  previousEnd: number | null;
  previousPauseMs: number;
  durationS: number;
  leadS?: number;
}): TimelineSlot {
  const earliest = opts.now + (opts.leadS ?? SCHEDULE_LEAD_S);
  const planned = opts.previousEnd === null ? earliest : opts.previousEnd + opts.previousPauseMs / 1000;
  const start = Math.max(planned, earliest);
  return { start, end: start + opts.durationS };
}

/** Where a decoded segment's sound lies, in seconds from the segment's first frame (see findSoundBounds). */
export interface SoundSpan {
  /** Quiet lead-in before the sound starts. */
  leadInS: number;
  /** Where the sound ends (the quiet tail after it plays on into the pause). */
  soundEndS: number;
}

export interface SoundSlot extends TimelineSlot {
  /** AudioContext time at which the source starts (its lead-in plays before `start`). */
  bufferStart: number;
  /** Seconds of lead-in dropped from the segment's head because the pause before it is shorter. */
  skipS: number;
}

/**
 * Sound-to-sound placement: `start`/`end` are where the unit's SOUND starts and ends, and the next sound starts
 * exactly `previousPauseMs` after the previous sound ended. Quiet lead-ins and tails are still played (they keep
 * soft onsets and releases intact) but they overlap into the pause instead of lengthening it, which is what a
 * listener hears as the gap. A lead-in longer than the pause is cut to the pause so that it never plays under the
 * previous unit's sound.
 */
export function nextSoundSlot(opts: {
  now: number;
  previousEnd: number | null;
  previousPauseMs: number;
  span: SoundSpan;
  leadS?: number;
}): SoundSlot {
  const pauseS = opts.previousPauseMs / 1000;
  const leadIn = opts.previousEnd === null ? opts.span.leadInS : Math.min(opts.span.leadInS, pauseS);
  const earliestSound = opts.now + (opts.leadS ?? SCHEDULE_LEAD_S) + leadIn;
  const planned = opts.previousEnd === null ? earliestSound : opts.previousEnd + pauseS;
  const start = Math.max(planned, earliestSound);
  return {
    bufferStart: start - leadIn,
    skipS: opts.span.leadInS - leadIn,
    start,
    end: start + (opts.span.soundEndS - opts.span.leadInS),
  };
}

/**
 * The pause a speaker makes at a comma or semicolon inside a sentence (at rate 1). A unit cut there (the short first
 * unit, utils/text/first-unit.ts) is followed by this, not by a sentence pause, so the cut sounds like the clause
 * break it is.
 */
export const CLAUSE_PAUSE_MS = 150;

/**
 * The pause after a unit: the sentence pause, or the longer paragraph pause, or after a clause cut the shorter of
 * a clause pause and the sentence pause, all scaled by 1/rate.
 */
export function pauseAfterMs(opts: {
  endsParagraph: boolean;
  endsClause?: boolean;
  isLast: boolean;
  sentencePauseMs: number;
  paragraphPauseMs: number;
  rate: number;
}): number {
  if (opts.isLast) return 0;
  const base = opts.endsParagraph
    ? opts.paragraphPauseMs
    : opts.endsClause
      ? Math.min(CLAUSE_PAUSE_MS, opts.sentencePauseMs)
      : opts.sentencePauseMs;
  return Math.round(base / (opts.rate > 0 ? opts.rate : 1));
}
