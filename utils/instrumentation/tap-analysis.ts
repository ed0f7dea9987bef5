// Turns an output-tap recording (utils/instrumentation/output-tap.ts) into benchmark figures: when sound was first heard
// (wall clock) and the silence at each seam between units. Pure functions; the benchmark fetches the recording.
import { measureSeams, type SeamMeasurement } from './seam-detector';

export interface LevelTrack {
  /** RMS per tap window (each window lasts windowFrames / contextSampleRate seconds). */
  levels: Float32Array;
  windowFrames: number;
  contextSampleRate: number;
  originContextTime: number;
  clock: { contextTime: number; wallTime: number };
}

export interface UnitTiming {
  index: number;
  startContextTime?: number;
  endContextTime?: number;
  pauseAfterMs: number;
}

export const AUDIBLE_DB = -50;

/** A playback event as the test-build playback log keeps it (utils/instrumentation/playback-log.ts). */
export interface LoggedPlaybackEvent {
  sessionId: string;
  index: number;
  kind: 'started' | 'ended' | 'error';
  contextTime?: number;
}

/**
 * Each unit's start and end on the player's clock, from the playback log: the first `started` and `ended` of the
 * player session `playerSession` (the reading's id, `<id>#<epoch>` after a restart), as the scheduler takes them.
 */
export function unitTimings(
  units: readonly { index: number; pauseAfterMs: number }[],
  events: readonly LoggedPlaybackEvent[],
  playerSession: string,
): UnitTiming[] {
  const first = (index: number, kind: 'started' | 'ended') =>
    events.find(
      (e) => e.sessionId === playerSession && e.index === index && e.kind === kind && e.contextTime !== undefined,
    )?.contextTime;
  return units.map((u) => {
    const start = first(u.index, 'started');
    const end = first(u.index, 'ended');
    return {
      index: u.index,
      pauseAfterMs: u.pauseAfterMs,
      ...(start !== undefined ? { startContextTime: start } : {}),
      ...(end !== undefined ? { endContextTime: end } : {}),
    };
  });
}

/** Seconds per tap window. */
export const windowSeconds = (t: Pick<LevelTrack, 'windowFrames' | 'contextSampleRate'>) =>
  t.windowFrames / t.contextSampleRate;

/** Context time of the first window at or above `thresholdDb` at or after `fromContextTime`; undefined if none. */
export function firstSoundContextTime(
  track: LevelTrack,
  fromContextTime = -Infinity,
  thresholdDb = AUDIBLE_DB,
): number | undefined {
  const threshold = Math.pow(10, thresholdDb / 20);
  const w = windowSeconds(track);
  const from = Math.max(0, Math.floor((fromContextTime - track.originContextTime) / w));
  for (let i = from; i < track.levels.length; i++)
    if (track.levels[i]! >= threshold) return track.originContextTime + i * w;
  return undefined;
}

/** Wall-clock time (Date.now() scale) at which context time `t` was heard, from the tap's clock reading. */
export const contextToWall = (track: LevelTrack, t: number) =>
  track.clock.wallTime + (t - track.clock.contextTime) * 1000;

/**
 * Seams between consecutive units that both played. The unit's planned start (the previous unit's end plus its
 * pause) is where the detector looks for the onset, so a unit that was placed late because its audio was not ready
 * shows up as an underrun instead of moving the yardstick with it.
 */
export function seamsFromUnits(
  track: LevelTrack,
  units: UnitTiming[],
  opts: { underrunToleranceMs?: number } = {},
): { seams: SeamMeasurement[]; missing: number[] } {
  const sorted = [...units].sort((a, b) => a.index - b.index);
  const boundaries = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const unit = sorted[i]!;
    if (prev.endContextTime === undefined || unit.startContextTime === undefined) continue;
    const planned = prev.endContextTime + prev.pauseAfterMs / 1000;
    boundaries.push({
      index: unit.index,
      scheduledStart: Math.min(planned, unit.startContextTime) - track.originContextTime,
      pauseMs: prev.pauseAfterMs,
    });
  }
  // The detector's envelope window is four tap windows (~2 ms), so its RMS over them is the exact 2 ms RMS.
  const envelopeRate = 1 / windowSeconds(track);
  const seams = measureSeams(track.levels, boundaries, {
    sampleRate: envelopeRate,
    windowMs: (4 / envelopeRate) * 1000,
    silenceDb: AUDIBLE_DB,
    // A late unit can be late by a whole synthesis round trip: look far enough to find it.
    searchMs: 10_000,
    underrunToleranceMs: opts.underrunToleranceMs ?? 20,
  });
  const found = new Set(seams.map((s) => s.index));
  return { seams, missing: boundaries.map((b) => b.index).filter((i) => !found.has(i)) };
}

export function decodeLevels(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}
