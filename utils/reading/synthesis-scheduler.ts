// Turns a reading's units into audio: cache first, then authenticated synthesis, prefetching by a time budget
// with bounded concurrency, and hands ready units to the player strictly in order. Every transition is written
// to the ReadingStore, so a service worker that Chrome restarts resumes without losing or repeating a unit.
import type { PlaybackEvent, PlayerStatus, PlayerUnit } from '../messages/offscreen-protocol';
import { readWavInfo } from '../playback/wav-decode';
import { isVocalidApiError } from '../vocalid/api-error';
import type { ReadingStore } from './reading-session';
import type { Pacing } from './pacing';
import { FIRST_UNIT_ALONE_MS } from './prefetch-policy';
import { productPacing } from './product-pacing';
import { currentUnitIndex, isActive, type ReadingError, type ReadingParams, type ReadingState, type ReadingUnit } from './reading-state';

/** The offscreen player as the scheduler sees it. */
export interface PlayerPort {
  /** Makes sure the player exists; true when it had to be created (so it lost any queue it had). */
  ensure(): Promise<boolean>;
  enqueue(sessionId: string, units: PlayerUnit[]): Promise<void>;
  /** These three never create the player: there is nothing to pause or stop in a missing one. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(sessionId: string): Promise<void>;
  /** null when there is no player. */
  status(): Promise<PlayerStatus | null>;
}

export interface AudioStore {
  /** The cached unit's duration, or undefined when it is not cached (the player reads the audio itself). */
  lookup(key: string): Promise<{ durationMs: number } | undefined>;
  put(key: string, bytes: ArrayBuffer, meta?: { durationMs?: number }): Promise<unknown>;
}

export interface SchedulerSettings {
  prefetchSeconds: number;
}

export interface SchedulerDeps {
  store: ReadingStore;
  cache: AudioStore;
  cacheKeyFor(text: string, params: ReadingParams): Promise<string>;
  /** `onRetry` is told when a request failed and is being retried (the reading says it is still trying). */
  synthesize(text: string, params: ReadingParams, signal: AbortSignal, onRetry?: (error: unknown) => void): Promise<ArrayBuffer>;
  player: PlayerPort;
  settings(): Promise<SchedulerSettings>;
  now?: () => number;
  /** How long the unit a listener is waiting for goes to the server alone (FIRST_UNIT_ALONE_MS). */
  firstUnitAloneMs?: number;
  /** The pacing of the reading (product-pacing.ts unless a test build installed another). */
  pacing?: () => Pacing;
}

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
}

/** The offscreen player's session for the current playback of a reading (see ReadingState.playEpoch). */
export function playerSessionOf(s: Pick<ReadingState, 'sessionId' | 'playEpoch'>): string {
  return s.playEpoch ? `${s.sessionId}#${s.playEpoch}` : (s.sessionId ?? '');
}

/** What the popup says while a request is retried, in place of "Preparing the voice…". */
export function retryNotice(err: unknown): string {
  if (isVocalidApiError(err) && err.status === 429) return 'The VocaliD server is busy. Trying again in a moment…';
  if (isVocalidApiError(err) && err.status === 0) return "Can't reach the VocaliD server right now. Still trying…";
  return 'The VocaliD server is having trouble. Still trying…';
}

export function toReadingError(err: unknown): ReadingError {
  if (isVocalidApiError(err)) return { code: err.code, message: err.userMessage, ...(err.action ? { action: err.action } : {}) };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Something went wrong while reading: ${message}` };
}

export class SynthesisScheduler {
  private state: ReadingState | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  private readonly inflight = new Map<number, AbortController>();
  private readonly now: () => number;
  private pumpTimer: ReturnType<typeof setTimeout> | undefined;
  /** The session this worker instance is extracting, if any: memory, so a restarted worker does not have it. */
  private extractingHere: string | null = null;

  constructor(private readonly deps: SchedulerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Runs one state transition at a time; loads the stored state on first use and saves after each change. */
  private run<T>(fn: (state: ReadingState) => Promise<T> | T): Promise<T> {
    const next = this.lock.then(async () => {
      if (!this.state) this.state = this.normaliseAfterLoad(await this.deps.store.load());
      const result = await fn(this.state);
      await this.deps.store.save(this.state);
      return result;
    });
    this.lock = next.catch(() => undefined);
    return next;
  }

  /** A request that was in flight when the previous worker died left no audio: ask again. */
  private normaliseAfterLoad(state: ReadingState): ReadingState {
    for (const unit of state.units) {
      if (unit.status === 'fetching' && !this.inflight.has(unit.index)) {
        unit.status = 'pending';
        delete unit.requestedAt;
      }
    }
    return state;
  }

  /** Creates the player ahead of need (a reading is about to start); failures surface when it is used. */
  warmPlayer(): void {
    void this.deps.player.ensure().catch(() => undefined);
  }

  getState(): Promise<ReadingState> {
    return this.run((s) => structuredClone(s));
  }

  /** Replaces the current state wholesale (new reading); aborts whatever the previous reading was doing. */
  begin(state: ReadingState): Promise<ReadingState> {
    if (state.status === 'extracting') this.extractingHere = state.sessionId;
    return this.run(async (s) => {
      if (s.sessionId && isActive(s)) await this.halt(s);
      Object.assign(s, { error: undefined, title: undefined, firstAudioAt: undefined, playEpoch: undefined, extractionId: undefined, resumeOffer: undefined, source: undefined, notice: undefined }, state);
      return structuredClone(s);
    });
  }

  start(request: StartRequest): Promise<ReadingState> {
    return this.run(async (s) => {
      // A newer reading (or a stop) happened while this one was extracting: drop it.
      if (s.sessionId !== request.sessionId || s.status !== 'extracting') return structuredClone(s);
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
      });
      await this.pump(s);
      return structuredClone(s);
    });
  }

  /** A passing problem of this reading (see ReadingState.notice), e.g. the voice list being retried. */
  notice(sessionId: string, text: string): Promise<void> {
    return this.run((s) => {
      if (s.sessionId === sessionId && isActive(s)) s.notice = text;
    });
  }

  fail(sessionId: string, error: ReadingError): Promise<ReadingState> {
    return this.run(async (s) => {
      if (s.sessionId === sessionId && isActive(s)) await this.failNow(s, error);
      return structuredClone(s);
    });
  }

  stop(): Promise<ReadingState> {
    return this.run(async (s) => {
      if (isActive(s)) {
        await this.halt(s);
        s.status = 'stopped';
      }
      return structuredClone(s);
    });
  }

  pause(): Promise<ReadingState> {
    return this.run(async (s) => {
      if (s.status === 'playing' || s.status === 'loading') {
        s.status = 'paused';
        await this.deps.player.pause();
      }
      return structuredClone(s);
    });
  }

  resume(): Promise<ReadingState> {
    return this.run(async (s) => {
      if (s.status === 'paused') {
        s.status = s.firstAudioAt !== undefined ? 'playing' : 'loading';
        await this.reconcile(s);
        await this.pump(s);
        await this.deps.player.resume();
      }
      return structuredClone(s);
    });
  }

  togglePause(): Promise<ReadingState> {
    return this.run((s) => s.status).then((status) => (status === 'paused' ? this.resume() : this.pause()));
  }

  /**
   * New voice/pitch/rate apply from the sentence being heard: audio made with the old ones is dropped (the player
   * is stopped, requests in flight are abandoned) and the current sentence starts again; units already cached
   * for the new parameters come from the cache.
   */
  updateParams(patch: Partial<ReadingParams>): Promise<ReadingState> {
    return this.run(async (s) => {
      if (!isActive(s)) return structuredClone(s);
      const changed = (Object.keys(patch) as (keyof ReadingParams)[]).some((k) => patch[k] !== undefined && patch[k] !== s.params[k]);
      Object.assign(s.params, patch);
      const current = currentUnitIndex(s);
      if (changed && s.status !== 'extracting' && current >= 0) await this.restartAt(s, current, true);
      return structuredClone(s);
    });
  }

  /**
   * Continue from unit `target(state)` (next/previous sentence or paragraph, continue from a stored position).
   * Units before it count as played; a target past the last unit finishes the reading.
   */
  seek(target: (s: ReadingState) => number): Promise<ReadingState> {
    return this.run(async (s) => {
      if (isActive(s) && s.status !== 'extracting' && s.units.length > 0) await this.restartAt(s, target(s), false);
      return structuredClone(s);
    });
  }

  /**
   * Called when a worker starts: if a reading was going on, re-attach to the player (re-enqueueing from the
   * current unit if Chrome closed the offscreen document meanwhile) and carry on fetching.
   */
  resumeAfterRestart(): Promise<ReadingState> {
    return this.run(async (s) => {
      if (isActive(s) && s.status !== 'extracting') {
        await this.reconcile(s);
        await this.pump(s);
      } else if (s.status === 'extracting' && s.sessionId !== this.extractingHere) {
        // The extraction died with the old worker; there is nothing to resume from. (This worker's own extraction
        // may just be slow — the voice list retried while the server is down — and goes on.)
        s.status = 'stopped';
      }
      return structuredClone(s);
    });
  }

  onPlaybackEvent(event: PlaybackEvent): Promise<void> {
    return this.run(async (s) => {
      // Events of audio stopped by a restart (an older playEpoch) no longer describe anything that is heard.
      if (event.sessionId !== playerSessionOf(s) || !isActive(s)) return;
      const unit = s.units[event.index];
      if (!unit) return;
      if (event.kind === 'error') {
        await this.failNow(s, { code: 'playback_failed', message: `Could not play sentence ${event.index + 1}: ${event.message ?? 'unknown error'}` }, unit);
        return;
      }
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
        if (unit.status === 'played' || unit.status === 'playing') return;
        unit.status = 'playing';
        unit.startedAt = event.at;
        if (event.durationMs !== undefined) unit.durationMs = event.durationMs;
        s.firstAudioAt ??= event.at;
        if (s.status === 'loading') s.status = 'playing';
      } else {
        if (unit.status === 'played') return;
        if (unit.startedAt === undefined) unit.startedAt = event.at;
        unit.status = 'played';
        unit.endedAt = event.at;
        if (s.units.every((u) => u.status === 'played')) s.status = 'done';
      }
      await this.pump(s);
    });
  }

  // ---- internals (called with the lock held) ----

  private async halt(s: ReadingState): Promise<void> {
    for (const controller of this.inflight.values()) controller.abort();
    this.inflight.clear();
    for (const unit of s.units) if (unit.status === 'fetching') unit.status = 'pending';
    if (s.sessionId) await this.deps.player.stop(playerSessionOf(s)).catch(() => undefined);
  }

  private abort(index: number): void {
    this.inflight.get(index)?.abort();
    this.inflight.delete(index);
  }

  /**
   * Stops what the player has, then plays from `target`: earlier units are marked played (skipped if never heard);
   * from `target` on, units are handed to the player again — re-fetched when `refetch` (new voice parameters),
   * else from the audio already fetched.
   */
  private async restartAt(s: ReadingState, target: number, refetch: boolean): Promise<void> {
    if (s.sessionId) await this.deps.player.stop(playerSessionOf(s)).catch(() => undefined);
    s.playEpoch = (s.playEpoch ?? 0) + 1;
    const from = Math.max(0, target);
    for (const unit of s.units) {
      if (unit.index < from) {
        if (unit.status !== 'played') {
          this.abort(unit.index);
          unit.status = 'played';
          unit.skipped = true;
        }
        continue;
      }
      for (const k of ['startedAt', 'endedAt', 'skipped'] as const) delete unit[k];
      if (refetch) {
        this.abort(unit.index);
        unit.status = 'pending';
        for (const k of ['cacheKey', 'durationMs', 'readyAt', 'requestedAt', 'fromCache', 'renderedRate'] as const) delete unit[k];
      } else if (unit.status === 'queued' || unit.status === 'playing' || unit.status === 'played') {
        // Its audio is in the cache; fetchUnit finds it there again (and re-synthesizes if it was evicted).
        unit.status = 'pending';
      }
    }
    if (from >= s.units.length) {
      s.status = 'done';
      return;
    }
    await this.pump(s);
  }

  private async failNow(s: ReadingState, error: ReadingError, unit?: ReadingUnit): Promise<void> {
    await this.halt(s);
    s.status = 'error';
    s.error = error;
    delete s.notice;
    if (unit) {
      unit.status = 'error';
      unit.error = error.message;
    }
  }

  /** If the player lost our queue (new offscreen document, other session), hand it everything unplayed again. */
  private async reconcile(s: ReadingState): Promise<void> {
    const status = await this.deps.player.status().catch(() => null);
    if (status && status.sessionId === playerSessionOf(s)) return;
    for (const unit of s.units) if (unit.status === 'queued' || unit.status === 'playing') unit.status = 'ready';
  }

  private pacing(): Pacing {
    return this.deps.pacing?.() ?? productPacing;
  }

  private async pump(s: ReadingState): Promise<void> {
    if (!isActive(s) || s.status === 'extracting') return;
    const pacing = this.pacing();
    const plan = pacing.plan({
      units: s.units,
      rate: s.params.rate,
      now: this.now(),
      budgetMs: (await this.deps.settings()).prefetchSeconds * 1000,
      firstUnitAloneMs: this.deps.firstUnitAloneMs ?? FIRST_UNIT_ALONE_MS,
    });
    for (const index of plan.fetch) this.launch(s, s.units[index]!, pacing);
    if (plan.recheckInMs !== undefined) this.pumpLater(plan.recheckInMs);
    await this.handOff(s, pacing);
  }

  private pumpLater(ms: number): void {
    if (this.pumpTimer !== undefined) return;
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = undefined;
      void this.run((s) => this.pump(s)).catch(() => undefined);
    }, ms);
  }

  private launch(s: ReadingState, unit: ReadingUnit, pacing: Pacing): void {
    const sessionId = s.sessionId!;
    const params = { ...s.params };
    const controller = new AbortController();
    this.inflight.set(unit.index, controller);
    unit.status = 'fetching';
    unit.requestedAt = this.now();
    const warmPlayer = pacing.warmsPlayerWhileFetching && !s.units.some((u) => u.status === 'queued' || u.status === 'playing');
    const onRetry = (err: unknown) => {
      if (this.inflight.get(unit.index) === controller) void this.notice(sessionId, retryNotice(err)).catch(() => undefined);
    };
    void this.fetchUnit(unit.index, unit.text, params, pacing.readsCache, controller, warmPlayer, onRetry).then(
      (result) =>
        this.run(async (st) => {
          if (this.inflight.get(unit.index) !== controller) return;
          this.inflight.delete(unit.index);
          const current = st.units[unit.index];
          if (st.sessionId !== sessionId || !current || !isActive(st)) return;
          delete st.notice;
          Object.assign(current, { status: 'ready', cacheKey: result.key, durationMs: result.durationMs, readyAt: this.now(), fromCache: result.fromCache, renderedRate: params.rate });
          await this.pump(st);
        }),
      (err: unknown) =>
        this.run(async (st) => {
          if (this.inflight.get(unit.index) !== controller) return; // aborted by stop/halt: not an error
          this.inflight.delete(unit.index);
          if (st.sessionId !== sessionId || !isActive(st)) return;
          await this.failNow(st, toReadingError(err), st.units[unit.index]);
        }),
    );
  }

  private async fetchUnit(
    _index: number,
    text: string,
    params: ReadingParams,
    readCache: boolean,
    controller: AbortController,
    warmPlayer = false,
    onRetry?: (error: unknown) => void,
  ): Promise<{ key: string; durationMs: number; fromCache: boolean }> {
    const key = await this.deps.cacheKeyFor(text, params);
    if (readCache) {
      const hit = await this.deps.cache.lookup(key);
      if (hit) return { key, durationMs: hit.durationMs, fromCache: true };
    }
    const request = this.deps.synthesize(text, params, controller.signal, onRetry);
    // Errors are left to handOff, which ensures the player again when the audio is there.
    if (warmPlayer) this.warmPlayer();
    const bytes = await request;
    const durationMs = readWavInfo(bytes).durationMs;
    if (controller.signal.aborted) throw new DOMException('Aborted', 'AbortError');
    await this.deps.cache.put(key, bytes, { durationMs });
    return { key, durationMs, fromCache: false };
  }

  private async handOff(s: ReadingState, pacing: Pacing): Promise<void> {
    if (!s.sessionId || !isActive(s)) return;
    const firstReady = s.units.find((u) => u.status !== 'played' && u.status !== 'playing' && u.status !== 'queued');
    if (!firstReady || firstReady.status !== 'ready') return;
    if (await this.deps.player.ensure()) {
      // A fresh player has an empty queue: everything we thought it held must be sent again.
      for (const unit of s.units) if (unit.status === 'queued' || unit.status === 'playing') unit.status = 'ready';
    }
    const batch: ReadingUnit[] = [];
    for (const unit of s.units) {
      if (unit.status === 'played' || unit.status === 'playing' || unit.status === 'queued') continue;
      if (unit.status !== 'ready') break;
      batch.push(unit);
    }
    if (batch.length === 0) return;
    await this.deps.player.enqueue(
      playerSessionOf(s),
      batch.map((u) => ({ index: u.index, cacheKey: u.cacheKey!, pauseAfterMs: u.pauseAfterMs, ...(pacing.soundAligned ? { soundAligned: true } : {}) })),
    );
    for (const unit of batch) unit.status = 'queued';
    if (s.status === 'paused') await this.deps.player.pause();
  }
}
