/**
 * What the page script shows for a reading: one self-contained snapshot the service worker sends whenever
 * something visible changes. Snapshots rather than "highlight"/"clear" commands, because the worker may die
 * and messages may arrive out of order: the page applies the newest `seq` and ignores older ones.
 */
import { estimateRemainingMs } from '../highlight/time-remaining';
import type { HighlightGranularity } from '../highlight/page-highlighter';
import type { ReadingState, ReadingStatus } from './reading-state';
import { readingMessage, type ReadingMessage } from './reading-message';
import { sentenceOfUnit } from './seek-target';

export interface FollowSettings {
  granularity: HighlightGranularity;
  sentenceColor: string;
  wordColor: string;
  showPlayer: boolean;
  autoScroll: boolean;
  paragraphButtons: boolean;
  /** Playback volume 0–1, shown on the player's volume slider. */
  volume: number;
}

export interface PageUnitView {
  index: number;
  block: number;
  start: number;
  end: number;
  text: string;
  /** Date.now() when its audio started (same machine clock as the page). */
  startedAt: number;
  durationMs?: number;
}

export interface PageView {
  /** Increases with every snapshot the worker sends (also across worker restarts: it starts at Date.now()). */
  seq: number;
  sessionId: string | null;
  /** Which extraction the block indices refer to (the page keeps that extraction's blocks). */
  extractionId?: string;
  status: ReadingStatus;
  /**
   * 0-based sentence being heard (or the next one), and how many sentences the reading has: the position slider's
   * value and range. A sentence of several units (ReadingUnit.endsClause) counts once (seek-target.ts).
   */
  index: number;
  total: number;
  rate: number;
  /** Estimated time left at `at` (Date.now()). */
  remainingMs: number;
  at: number;
  lang: string;
  /** The unit whose audio is playing now (or was, in the pause after it); null before the first audio. */
  current: PageUnitView | null;
  /** A stored position on this page the user may continue from. */
  offer?: { index: number; firstWords: string };
  /** The notice while a problem is ridden out, or the error that ended the reading (shown until dismissed). */
  message?: ReadingMessage;
  settings: FollowSettings;
}

/** Readings that have ended: the page removes its highlight and player. */
export const FINISHED_STATUSES: readonly ReadingStatus[] = ['idle', 'done', 'stopped', 'error'];

export function buildPageView(state: ReadingState, settings: FollowSettings, seq: number, now: number): PageView {
  const next = state.units.find((u) => u.status !== 'played');
  // In the pause between two units the one just heard stays highlighted, so the highlight does not blink.
  const justHeard = state.units[(next?.index ?? state.units.length) - 1];
  const playing =
    state.units.find((u) => u.status === 'playing' && u.startedAt !== undefined) ??
    (justHeard && justHeard.status === 'played' && justHeard.startedAt !== undefined && !justHeard.skipped
      ? justHeard
      : undefined);
  const unitIndex =
    (playing?.status === 'playing' ? playing.index : undefined) ?? next?.index ?? Math.max(0, state.units.length - 1);
  const { sentence: index, sentences: total } = sentenceOfUnit(state.units, unitIndex);
  const remainingMs = estimateRemainingMs(state.units, {
    rate: state.params.rate,
    ...(playing?.status === 'playing' && playing.startedAt !== undefined
      ? { currentElapsedMs: Math.max(0, now - playing.startedAt) }
      : {}),
  });
  const message = readingMessage(state);
  return {
    seq,
    sessionId: state.sessionId,
    ...(state.extractionId !== undefined ? { extractionId: state.extractionId } : {}),
    status: state.status,
    index,
    total,
    rate: state.params.rate,
    remainingMs: FINISHED_STATUSES.includes(state.status) ? 0 : remainingMs,
    at: now,
    lang: state.lang ?? 'en',
    current: playing
      ? {
          index: playing.index,
          block: playing.block,
          start: playing.start,
          end: playing.end,
          text: playing.text,
          startedAt: playing.startedAt!,
          ...(playing.durationMs !== undefined ? { durationMs: playing.durationMs } : {}),
        }
      : null,
    ...(state.resumeOffer ? { offer: state.resumeOffer } : {}),
    ...(message ? { message } : {}),
    settings,
  };
}

/** Two views that would look the same on the page (the time left moves by itself between them). */
export function sameVisibleView(a: PageView | null, b: PageView): boolean {
  if (!a) return false;
  const strip = (v: PageView) => JSON.stringify({ ...v, seq: 0, at: 0, remainingMs: 0 });
  return strip(a) === strip(b) && Math.abs(a.remainingMs - b.remainingMs - (b.at - a.at)) < 2000;
}
