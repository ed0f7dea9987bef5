// Test doubles for SynthesisScheduler: a controllable synthesiser, an in-memory store, cache and player.
import type { PlayerStatus, PlayerUnit } from '../../utils/messages/offscreen-protocol';
import { readWavInfo } from '../../utils/playback/wav-decode';
import { silentWavOfDuration } from '../playback/wav-fixture';
import type { ReadingStore } from '../../utils/reading/reading-session';
import { idleState, type ReadingParams, type ReadingState, type ReadingUnit } from '../../utils/reading/reading-state';
import type { PlaybackEvent } from '../../utils/messages/offscreen-protocol';
import type {
  PlayerPort,
  SchedulerDeps,
  StartRequest,
  SynthesisScheduler,
} from '../../utils/reading/synthesis-scheduler';

export interface SynthCall {
  text: string;
  params: ReadingParams;
  signal: AbortSignal;
  onRetry?: (error: unknown) => void;
  /** The request leaves (calls its onSent); done at once unless the synthesiser was made with `holdSend`. */
  send(): void;
  resolve(durationMs?: number): void;
  reject(err: unknown): void;
}

export function createFakeSynth(options: { holdSend?: boolean } = {}) {
  const calls: SynthCall[] = [];
  const synthesize = (
    text: string,
    params: ReadingParams,
    signal: AbortSignal,
    onRetry?: (error: unknown) => void,
    onSent?: () => void,
  ) =>
    new Promise<ArrayBuffer>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      calls.push({
        text,
        params,
        signal,
        ...(onRetry ? { onRetry } : {}),
        send: () => onSent?.(),
        resolve: (ms = 1000) => resolve(silentWavOfDuration(ms, 8000)),
        reject,
      });
      if (!options.holdSend) onSent?.();
    });
  const inflight = () => calls.filter((c) => !c.signal.aborted);
  const call = (text: string) => {
    const found = calls.find((c) => c.text === text);
    if (!found) throw new Error(`no request for "${text}"; requested: ${calls.map((c) => c.text).join(', ')}`);
    return found;
  };
  return { calls, synthesize, inflight, call };
}

export function createMemoryStore(initial: ReadingState = idleState()): ReadingStore & { saved: ReadingState } {
  const store = {
    saved: structuredClone(initial),
    async load() {
      return structuredClone(store.saved);
    },
    async save(state: ReadingState) {
      store.saved = structuredClone(state);
    },
  };
  return store;
}

export function createMemoryCache() {
  const map = new Map<string, { bytes: ArrayBuffer; durationMs?: number }>();
  const gets: string[] = [];
  return {
    map,
    gets,
    async lookup(key: string) {
      gets.push(key);
      const hit = map.get(key);
      return hit ? { durationMs: hit.durationMs ?? readWavInfo(hit.bytes).durationMs } : undefined;
    },
    async put(key: string, bytes: ArrayBuffer, meta?: { durationMs?: number }) {
      map.set(key, { bytes, ...(meta?.durationMs !== undefined ? { durationMs: meta.durationMs } : {}) });
    },
  };
}

export function createFakePlayer(options: { exists?: boolean } = {}): PlayerPort & {
  enqueued: PlayerUnit[];
  stops: string[];
  pauses: number;
  exists: boolean;
  sessionId?: string;
} {
  const player = {
    enqueued: [] as PlayerUnit[],
    stops: [] as string[],
    pauses: 0,
    exists: options.exists ?? false,
    sessionId: undefined as string | undefined,
    async ensure() {
      const created = !player.exists;
      player.exists = true;
      if (created) player.sessionId = undefined;
      return created;
    },
    async enqueue(sessionId: string, units: PlayerUnit[]) {
      player.sessionId = sessionId;
      player.enqueued.push(...units);
    },
    async pause() {
      player.pauses++;
    },
    async resume() {},
    async stop(sessionId: string) {
      player.stops.push(sessionId);
    },
    async status(): Promise<PlayerStatus | null> {
      if (!player.exists) return null;
      return { ...(player.sessionId ? { sessionId: player.sessionId } : {}), queued: [], paused: false };
    },
  };
  return player;
}

export function makeUnits(texts: string[], pauseAfterMs = 200): ReadingUnit[] {
  return texts.map((text, index) => ({
    index,
    text,
    block: index,
    start: 0,
    end: text.length,
    status: 'pending',
    pauseAfterMs,
  }));
}

export const PARAMS: ReadingParams = { voiceToken: 'voice-1', pitch: 1, rate: 1, sampleRate: 22050 };

export function baseDeps(overrides: Partial<SchedulerDeps> = {}) {
  const synth = createFakeSynth();
  const store = createMemoryStore();
  const cache = createMemoryCache();
  const player = createFakePlayer();
  const deps: SchedulerDeps = {
    store,
    cache,
    player,
    synthesize: synth.synthesize,
    cacheKeyFor: async (text, params) =>
      `${params.voiceToken}|${params.pitch}|${params.rate}|${params.sampleRate}|${text}`,
    settings: async () => ({ prefetchSeconds: 10 }),
    // Most tests are about order and prefetch, not about the first unit going alone (its own tests set this).
    firstUnitAloneMs: 0,
    ...overrides,
  };
  return { deps, synth, store, cache, player };
}

/** Lets queued promise chains (fetch completions, state transitions) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

export const TEXTS = ['Unit zero.', 'Unit one.', 'Unit two.', 'Unit three.', 'Unit four.', 'Unit five.'];

/** Begins and starts a reading of `texts` (session `sessionId`), and lets its first requests go out. */
export async function startReading(scheduler: SynthesisScheduler, texts = TEXTS, sessionId = 's1') {
  // Copies: a live change assigns to the reading's params, and the next test must start from PARAMS again.
  await scheduler.begin({
    sessionId,
    tabId: 7,
    status: 'extracting',
    units: [],
    params: { ...PARAMS },
    triggeredAt: 1,
  });
  const request: StartRequest = { sessionId, tabId: 7, units: makeUnits(texts), params: { ...PARAMS } };
  const state = await scheduler.start(request);
  await settle();
  return state;
}

/** A playback event of unit `index` with distinct, increasing times. */
export function event(index: number, kind: PlaybackEvent['kind'], sessionId = 's1'): PlaybackEvent {
  return { sessionId, index, kind, at: 1000 + index * 10 + (kind === 'ended' ? 5 : 0), contextTime: index };
}
