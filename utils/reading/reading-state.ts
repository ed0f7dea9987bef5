// The reading state contract (docs/architecture.md "Reading state"). Persisted in storage.session under `reading`.

export type UnitStatus = 'pending' | 'fetching' | 'ready' | 'queued' | 'playing' | 'played' | 'error';

export interface ReadingUnit {
  index: number;
  text: string;
  block: number;
  start: number;
  end: number;
  status: UnitStatus;
  cacheKey?: string;
  durationMs?: number;
  requestedAt?: number;
  readyAt?: number;
  startedAt?: number;
  endedAt?: number;
  fromCache?: boolean;
  /** The rate the unit's audio was made at (a speed change mid-reading makes new audio). */
  renderedRate?: number;
  /** Passed over by next/previous: counted as played, never heard. */
  skipped?: boolean;
  /**
   * Ends inside its sentence (a unit cut at a clause for a quicker first sound, utils/text/first-unit.ts, or a
   * piece of a sentence too long for one unit, chunk-text.ts): the next unit is more of the same sentence, and
   * next/previous sentence treat the pieces as one.
   */
  endsClause?: boolean;
  error?: string;
  pauseAfterMs: number;
  /** Its audio is still arriving, into the stream store under this key (unit-streams.ts); gone once it is cached. */
  stream?: string;
  /**
   * Its stream is complete with this many chunks but the cache refused the whole (a full disk): the player reads it
   * from the stream store, which keeps it until the next reading.
   */
  streamChunks?: number;
}

export type ReadingStatus = 'idle' | 'extracting' | 'loading' | 'playing' | 'paused' | 'done' | 'stopped' | 'error';

export interface ReadingParams {
  voiceToken: string;
  pitch: number;
  rate: number;
  sampleRate: number;
}

export interface ReadingError {
  code: string;
  message: string;
  action?: string;
}

export interface ReadingState {
  sessionId: string | null;
  tabId: number | null;
  status: ReadingStatus;
  title?: string;
  units: ReadingUnit[];
  error?: ReadingError;
  params: ReadingParams;
  triggeredAt?: number;
  firstAudioAt?: number;
  lang?: string;
  url?: string;
  /** What was extracted: a selection, the article or the page's visible text. */
  source?: 'selection' | 'article' | 'page';
  /**
   * Bumped whenever playback restarts within the session (seek, live voice/rate change). The offscreen player's
   * session is `${sessionId}#${playEpoch}`, so events of audio stopped before the restart are recognised and ignored.
   */
  playEpoch?: number;
  /** The page extraction the units' block indices refer to (the page script keeps its blocks). */
  extractionId?: string;
  /** A stored position on this page the user may continue from (shown on the page). */
  resumeOffer?: { index: number; firstWords: string };
  /** A passing problem the reading is riding out (the server not answering, retried); gone when audio arrives. */
  notice?: string;
  /**
   * The document's later blocks are still being extracted (a long PDF): reaching the last unit so far waits for
   * them ('loading') instead of ending the reading. Cleared by the batch marked `last`.
   */
  moreToCome?: boolean;
  /**
   * A stored position on this page in blocks not yet extracted when the reading started (a long PDF): it becomes
   * `resumeOffer` once its block arrives with the same first words (resume-offer-position.ts).
   */
  pendingResume?: { block: number; start: number; firstWords: string };
}

export const ACTIVE_STATUSES: readonly ReadingStatus[] = ['extracting', 'loading', 'playing', 'paused'];

export function isActive(state: ReadingState): boolean {
  return ACTIVE_STATUSES.includes(state.status);
}

export function idleState(): ReadingState {
  return {
    sessionId: null,
    tabId: null,
    status: 'idle',
    units: [],
    params: { voiceToken: '', pitch: 1, rate: 1, sampleRate: 22050 },
  };
}

/** Index of the unit being heard now, or the next one to be heard; -1 when all have played. */
export function currentUnitIndex(state: ReadingState): number {
  const unit = state.units.find((u) => u.status !== 'played');
  return unit ? unit.index : -1;
}

/** The unit's audio is no longer read from a stream (cached, or to be made again). */
export function forgetStream(unit: ReadingUnit): void {
  delete unit.stream;
  delete unit.streamChunks;
}
