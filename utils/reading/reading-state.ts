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
  /** AudioContext time at which the unit started / ended (for gap measurements). */
  startContextTime?: number;
  endContextTime?: number;
  fromCache?: boolean;
  error?: string;
  pauseAfterMs: number;
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
  /** 'smart' or 'naive' (benchmark baseline), fixed for the whole session. */
  mode?: 'smart' | 'naive';
  lang?: string;
  url?: string;
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
