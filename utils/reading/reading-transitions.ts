// The reading's state transitions as plain functions of the state and what happened: no player, storage, clock or
// network, so each rule is testable on a literal state. The scheduler (synthesis-scheduler.ts) runs them one at a
// time under its lock and does the I/O they call for. Units only leave or enter 'fetching' through the UnitFetcher
// (unit-fetcher.ts); transitions that may touch a fetching unit take its `abandon` as a parameter.
import type { PlaybackEvent } from '../messages/offscreen-protocol';
import { playbackError } from './reading-errors';
import { settlePendingOffer } from './resume-offer-position';
import {
  forgetStream,
  isActive,
  type ReadingError,
  type ReadingParams,
  type ReadingState,
  type ReadingUnit,
  type UnitStatus,
} from './reading-state';

export interface StartRequest {
  sessionId: string;
  tabId: number | null;
  title?: string;
  lang?: string;
  url?: string;
  units: ReadingUnit[];
  params: ReadingParams;
  extractionId?: string;
  resumeOffer?: { index: number; firstWords: string };
  source?: ReadingState['source'];
  /** More blocks follow with `moreBlocks` (ExtractedText.more). */
  moreToCome?: boolean;
  /** A stored position in blocks still to come (ReadingState.pendingResume). */
  pendingResume?: { block: number; start: number; firstWords: string };
}

/** Gives a unit its next status, abandoning its request first if it had one in flight. */
export type Abandon = (unit: ReadingUnit, next: UnitStatus) => void;

/** The offscreen player's session for the current playback of a reading (see ReadingState.playEpoch). */
export function playerSessionOf(s: Pick<ReadingState, 'sessionId' | 'playEpoch'>): string {
  return s.playEpoch ? `${s.sessionId}#${s.playEpoch}` : (s.sessionId ?? '');
}

/** A new reading replaces the state wholesale; what belonged to the previous one is cleared. */
export function beginReading(s: ReadingState, next: ReadingState): void {
  Object.assign(
    s,
    {
      error: undefined,
      title: undefined,
      firstAudioAt: undefined,
      playEpoch: undefined,
      extractionId: undefined,
      resumeOffer: undefined,
      source: undefined,
      notice: undefined,
      moreToCome: undefined,
      pendingResume: undefined,
    },
    next,
  );
}

/** The extracted units arrive. False when a newer reading (or a stop) happened while this one was extracting. */
export function startReading(s: ReadingState, request: StartRequest): boolean {
  if (s.sessionId !== request.sessionId || s.status !== 'extracting') return false;
  delete s.notice;
  Object.assign(s, {
    status: request.units.length > 0 ? 'loading' : 'done',
    units: request.units,
    params: request.params,
    tabId: request.tabId,
    ...(request.title !== undefined ? { title: request.title } : {}),
    ...(request.lang !== undefined ? { lang: request.lang } : {}),
    ...(request.url !== undefined ? { url: request.url } : {}),
    ...(request.extractionId !== undefined ? { extractionId: request.extractionId } : {}),
    ...(request.source !== undefined ? { source: request.source } : {}),
    ...(request.resumeOffer !== undefined ? { resumeOffer: request.resumeOffer } : {}),
    ...(request.moreToCome ? { moreToCome: true } : {}),
    ...(request.pendingResume !== undefined ? { pendingResume: request.pendingResume } : {}),
  });
  return true;
}

/** More units of a reading's document, made from blocks extracted after it started (a long PDF's later pages). */
export interface AppendRequest {
  tabId: number;
  extractionId: string;
  units: ReadingUnit[];
  /** The pause after the unit that was last until now: it ends a paragraph that is no longer the last one. */
  joinPauseMs: number;
  /** The document's last blocks: nothing more follows. */
  last?: boolean;
}

/**
 * Appends the units of blocks after the last block the reading has (blocks sent again are ignored), renumbered to
 * follow on. 'later' while the reading is still being prepared; 'over' when it ended or reads something else.
 */
export function appendUnits(s: ReadingState, request: AppendRequest): 'added' | 'later' | 'over' {
  if (s.tabId !== request.tabId || !isActive(s)) return 'over';
  if (s.status === 'extracting') return 'later';
  if (s.extractionId !== request.extractionId) return 'over';
  const last = s.units.at(-1);
  const fresh = request.units.filter((u) => u.block > (last?.block ?? -1));
  if (request.last) delete s.moreToCome;
  if (fresh.length === 0) {
    // The listener was waiting at the end of what had arrived, and nothing more is coming.
    if (!s.moreToCome && s.status === 'loading' && s.units.every((u) => u.status === 'played')) s.status = 'done';
    settlePendingOffer(s);
    return 'added';
  }
  if (last) last.pauseAfterMs = request.joinPauseMs;
  for (const unit of fresh) s.units.push({ ...unit, index: s.units.length, status: 'pending' });
  settlePendingOffer(s);
  return 'added';
}

/** The reading ends in an error (its requests already abandoned); `unit` is the one that failed, if any. */
export function failReading(s: ReadingState, error: ReadingError, unit?: ReadingUnit): void {
  s.status = 'error';
  s.error = error;
  delete s.notice;
  if (unit) {
    unit.status = 'error';
    unit.error = error.message;
  }
}

/** The status a paused reading resumes to: playing once something was heard, else still loading. */
export function resumedStatus(s: ReadingState): ReadingState['status'] {
  return s.firstAudioAt !== undefined ? 'playing' : 'loading';
}

/** Whether a voice/pitch/rate patch changes what the reading sounds like (so its audio must be made again). */
export function paramsChange(s: ReadingState, patch: Partial<ReadingParams>): boolean {
  return (Object.keys(patch) as (keyof ReadingParams)[]).some(
    (k) => patch[k] !== undefined && patch[k] !== s.params[k],
  );
}

/** A unit's audio arrived (from the cache or the server). */
export function markReady(
  unit: ReadingUnit,
  audio: { key: string; durationMs: number; fromCache: boolean; stream?: string },
  at: number,
  renderedRate: number,
): void {
  forgetStream(unit);
  if (audio.stream !== undefined) unit.stream = audio.stream;
  Object.assign(unit, {
    status: 'ready',
    cacheKey: audio.key,
    durationMs: audio.durationMs,
    readyAt: at,
    fromCache: audio.fromCache,
    renderedRate,
  });
}

/** The player lost its queue (a new document, another session): everything it held is to be sent again. */
export function requeueAll(s: ReadingState): void {
  for (const unit of s.units) if (unit.status === 'queued' || unit.status === 'playing') unit.status = 'ready';
}

/** The ready units next in line for the player, in order: the run of ready units after what it holds or played. */
export function nextBatch(s: ReadingState): ReadingUnit[] {
  const batch: ReadingUnit[] = [];
  for (const unit of s.units) {
    if (unit.status === 'played' || unit.status === 'playing' || unit.status === 'queued') continue;
    if (unit.status !== 'ready') break;
    batch.push(unit);
  }
  return batch;
}

/**
 * Playback restarts at `target` (a seek, a parameter change): earlier units count as played (skipped if never
 * heard); from `target` on, units go to the player again — made again when `refetch` (new voice parameters), else
 * from the audio already fetched (found in the cache, or re-synthesized if it was evicted). Returns false when the
 * target is past the last unit and the reading is done.
 */
export function restartAt(s: ReadingState, target: number, refetch: boolean, abandon: Abandon): boolean {
  s.playEpoch = (s.playEpoch ?? 0) + 1;
  const from = Math.max(0, target);
  for (const unit of s.units) {
    if (unit.index < from) {
      if (unit.status !== 'played') {
        abandon(unit, 'played');
        unit.skipped = true;
      }
      forgetStream(unit);
      continue;
    }
    for (const k of ['startedAt', 'endedAt', 'skipped'] as const) delete unit[k];
    // A restart aborts the streams (unit-streams.ts): a unit whose audio was still arriving is asked for again.
    if (unit.stream !== undefined) {
      forgetStream(unit);
      if (unit.status === 'ready') unit.status = 'pending';
    }
    if (refetch) {
      abandon(unit, 'pending');
      for (const k of ['cacheKey', 'durationMs', 'readyAt', 'requestedAt', 'fromCache', 'renderedRate'] as const)
        delete unit[k];
    } else if (unit.status === 'queued' || unit.status === 'playing' || unit.status === 'played') {
      unit.status = 'pending';
    }
  }
  if (from >= s.units.length) {
    // Past the last unit so far: the end of the document, unless its later blocks are still being extracted.
    s.status = s.moreToCome ? 'loading' : 'done';
    return false;
  }
  return true;
}

/** 'ignored': nothing more to do (a stale or repeated event; earlier units may still have been marked played). */
export type EventOutcome =
  { kind: 'ignored' } | { kind: 'applied' } | { kind: 'failed'; error: ReadingError; unit: ReadingUnit };

/** What a playback event from the player does to the reading. */
export function applyPlaybackEvent(s: ReadingState, event: PlaybackEvent): EventOutcome {
  // Events of audio stopped by a restart (an older playEpoch) no longer describe anything that is heard.
  if (event.sessionId !== playerSessionOf(s) || !isActive(s)) return { kind: 'ignored' };
  const unit = s.units[event.index];
  if (!unit) return { kind: 'ignored' };
  if (event.kind === 'error') return { kind: 'failed', error: playbackError(event.index, event.message), unit };
  // The player plays strictly in order: an event of unit k means every earlier unit it held has finished, even
  // when that unit's 'ended' never arrived (a worker stopped while handling it loses the event).
  for (const earlier of s.units) {
    if (earlier.index >= event.index) break;
    if (earlier.status !== 'playing' && earlier.status !== 'queued') continue;
    earlier.status = 'played';
    earlier.startedAt ??= event.at;
    earlier.endedAt ??= event.at;
  }
  if (event.kind === 'started') {
    if (unit.status === 'played' || unit.status === 'playing') return { kind: 'ignored' };
    unit.status = 'playing';
    unit.startedAt = event.at;
    if (event.durationMs !== undefined) unit.durationMs = event.durationMs;
    s.firstAudioAt ??= event.at;
    if (s.status === 'loading') s.status = 'playing';
  } else {
    if (unit.status === 'played') return { kind: 'ignored' };
    if (unit.startedAt === undefined) unit.startedAt = event.at;
    unit.status = 'played';
    unit.endedAt = event.at;
    if (s.units.every((u) => u.status === 'played')) s.status = s.moreToCome ? 'loading' : 'done';
  }
  return { kind: 'applied' };
}
