// Turns a reading's units into audio and hands them to the player strictly in order. What to fetch is the
// pacing's call (pacing.ts), requests in flight belong to the UnitFetcher (unit-fetcher.ts), the state changes are
// the plain functions of reading-transitions.ts; this class runs them one at a time under a lock, saves every
// transition to the ReadingStore (so a service worker that Chrome restarts resumes without losing or repeating a
// unit) and does the I/O: cache, synthesis, player.
import type { AudioStreamStore } from '../cache/audio-stream-store';
import type { PlaybackEvent, PlayerStatus, PlayerUnit, StreamGrowth } from '../messages/offscreen-protocol';
import type { PcmFormat } from '../playback/wav-stream-reader';
import { readWavInfo } from '../playback/wav-decode';
import type { Pacing } from './pacing';
import { FIRST_UNIT_ALONE_MS } from './prefetch-policy';
import { productPacing } from './product-pacing';
import { retryNotice, toReadingError } from './reading-errors';
import type { ReadingStore } from './reading-session';
import {
  currentUnitIndex,
  forgetStream,
  isActive,
  type ReadingError,
  type ReadingParams,
  type ReadingState,
  type ReadingUnit,
} from './reading-state';
import {
  appendUnits,
  applyPlaybackEvent,
  beginReading,
  type AppendRequest,
  failReading,
  markReady,
  nextBatch,
  paramsChange,
  playerSessionOf,
  requeueAll,
  restartAt,
  resumedStatus,
  startReading,
  type StartRequest,
} from './reading-transitions';
import { cutUnitHeardFirst, hasNoAudioYet } from './restart-cut';
import { UnitFetcher, type FetchTicket } from './unit-fetcher';
import { UnitStreams, type OpenedStream, type StreamRequest } from './unit-streams';

export { playerSessionOf, type StartRequest } from './reading-transitions';

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
  /** A stream the player may be reading grew (unit-streams.ts); never creates the player. */
  streamGrew?(update: StreamGrowth): Promise<void>;
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
  /**
   * `onRetry` is told when a request failed and is being retried (the reading says it is still trying); `onSent`
   * once the request is on its way (vocalid-client.ts CallOptions.onSent).
   */
  synthesize(
    text: string,
    params: ReadingParams,
    signal: AbortSignal,
    onRetry?: (error: unknown) => void,
    onSent?: () => void,
  ): Promise<ArrayBuffer>;
  player: PlayerPort;
  settings(): Promise<SchedulerSettings>;
  now?: () => number;
  /** How long the unit a listener is waiting for goes to the server alone (FIRST_UNIT_ALONE_MS). */
  firstUnitAloneMs?: number;
  /** The pacing of the reading (product-pacing.ts unless a test build installed another). */
  pacing?: () => Pacing;
  /**
   * Streamed synthesis (with `streamStore`): when the pacing streams audio, a unit goes to the player at its first
   * chunk (docs/architecture.md "Streamed playback"). Without them every unit is fetched whole by `synthesize`.
   */
  synthesizeStream?(
    text: string,
    params: ReadingParams,
    options: {
      signal: AbortSignal;
      skipPcmBytes: number;
      onRetry?: (error: unknown) => void;
      onSent?: () => void;
      onFormat(format: PcmFormat): Promise<void>;
      onPcm(pcm: Uint8Array): Promise<void>;
    },
  ): Promise<number>;
  streamStore?: AudioStreamStore;
}

interface FetchedAudio {
  key: string;
  durationMs: number;
  fromCache: boolean;
  /** Still arriving (unit-streams.ts). */
  stream?: string;
}

export class SynthesisScheduler {
  private state: ReadingState | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  private readonly fetcher: UnitFetcher;
  private readonly streams: UnitStreams | undefined;
  private readonly now: () => number;
  private pumpTimer: ReturnType<typeof setTimeout> | undefined;
  /** The session this worker instance is extracting, if any: memory, so a restarted worker does not have it. */
  private extractingHere: string | null = null;
  /** The cache key of each fetch in flight, from the moment it is known until the unit holds it (or the fetch ends). */
  private readonly fetchingKeys = new Map<FetchTicket, string>();

  constructor(private readonly deps: SchedulerDeps) {
    this.now = deps.now ?? Date.now;
    this.fetcher = new UnitFetcher(this.now);
    const { streamStore, player } = deps;
    this.streams =
      streamStore && deps.synthesizeStream
        ? new UnitStreams({ store: streamStore, grew: (update) => player.streamGrew?.(update) ?? Promise.resolve() })
        : undefined;
  }

  /** Runs one state transition at a time; loads the stored state on first use and saves after each change. */
  private run<T>(fn: (state: ReadingState) => Promise<T> | T): Promise<T> {
    const next = this.lock.then(async () => {
      if (!this.state) {
        this.state = await this.deps.store.load();
        // A request that was in flight when the previous worker died left no audio: ask again.
        this.fetcher.adopt(this.state.units);
        this.adoptStreams(this.state);
      }
      const result = await fn(this.state);
      await this.deps.store.save(this.state);
      return result;
    });
    this.lock = next.catch(() => undefined);
    return next;
  }

  /** Creates the player ahead of need (a reading is about to start); failures surface when it is used. */
  warmPlayer(): void {
    void this.deps.player.ensure().catch(() => undefined);
  }

  /**
   * The cache keys of the audio the reading in progress has yet to play: fetched or being fetched, queued, playing
   * (a streamed unit's player reads the rest of it from the cache). The audio cache passes them over when it evicts.
   */
  neededAudio(): string[] {
    // A fetch abandoned by a stop or a seek needs nothing, even before its own ending has run.
    const keys = new Set([...this.fetchingKeys].filter(([ticket]) => ticket.isCurrent()).map(([, key]) => key));
    const s = this.state;
    if (s && isActive(s)) for (const u of s.units) if (u.cacheKey && u.status !== 'played') keys.add(u.cacheKey);
    return [...keys];
  }

  getState(): Promise<ReadingState> {
    return this.run((s) => structuredClone(s));
  }

  /** Replaces the current state wholesale (new reading); aborts whatever the previous reading was doing. */
  begin(state: ReadingState): Promise<ReadingState> {
    if (state.status === 'extracting') this.extractingHere = state.sessionId;
    return this.run(async (s) => {
      if (s.sessionId && isActive(s)) await this.halt(s);
      // Chunks of streams that a dead worker or an aborted reading left behind belong to no reading now.
      await this.streams?.clearStore().catch(() => undefined);
      beginReading(s, state);
      return structuredClone(s);
    });
  }

  start(request: StartRequest): Promise<ReadingState> {
    return this.run(async (s) => {
      if (startReading(s, request)) await this.pump(s);
      return structuredClone(s);
    });
  }

  /** More units of the document being read (reading-transitions.ts appendUnits); fetched as the pacing says. */
  extend(request: AppendRequest): Promise<'added' | 'later' | 'over'> {
    return this.run(async (s) => {
      const outcome = appendUnits(s, request);
      if (outcome === 'added') await this.pump(s);
      return outcome;
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

  /** Reading `sessionId` ends without being heard and without an error (it was handed to another page). */
  end(sessionId: string): Promise<ReadingState> {
    return this.run(async (s) => {
      if (s.sessionId === sessionId && isActive(s)) {
        await this.halt(s);
        s.status = 'stopped';
      }
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
        s.status = resumedStatus(s);
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
      const changed = paramsChange(s, patch);
      Object.assign(s.params, patch);
      const current = currentUnitIndex(s);
      if (changed && s.status !== 'extracting' && current >= 0) await this.restart(s, current, true);
      return structuredClone(s);
    });
  }

  /**
   * Continue from unit `target(state)` (next/previous sentence or paragraph, continue from a stored position).
   * Units before it count as played; a target past the last unit finishes the reading.
   */
  seek(target: (s: ReadingState) => number): Promise<ReadingState> {
    return this.run(async (s) => {
      if (isActive(s) && s.status !== 'extracting' && s.units.length > 0) await this.restart(s, target(s), false);
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
      const outcome = applyPlaybackEvent(s, event);
      if (outcome.kind === 'failed') await this.failNow(s, outcome.error, outcome.unit);
      else if (outcome.kind === 'applied') await this.pump(s);
    });
  }

  // ---- internals (called with the lock held) ----

  private pacing(): Pacing {
    return this.deps.pacing?.() ?? productPacing;
  }

  private async halt(s: ReadingState): Promise<void> {
    this.fetcher.abandonAll(s.units);
    this.streams?.abortAll();
    if (s.sessionId) await this.deps.player.stop(playerSessionOf(s)).catch(() => undefined);
  }

  /** Stops what the player has, then plays from `target` (reading-transitions.ts restartAt). */
  private async restart(s: ReadingState, target: number, refetch: boolean): Promise<void> {
    if (s.sessionId) await this.deps.player.stop(playerSessionOf(s)).catch(() => undefined);
    // A stream still waiting for its first chunk is the fetcher's request, not the player's: restartAt keeps it
    // (or abandons it through its ticket when it is before the target). Aborting it here failed the reading.
    this.streams?.abortAll((index) => s.units[index]?.status === 'fetching');
    if (!restartAt(s, target, refetch, (unit, next) => this.fetcher.abandon(unit, next))) return;
    await this.cutIfUncached(s, Math.max(0, target));
    await this.pump(s);
  }

  /** The unit heard first after a restart, cut short when its audio is still to be made (restart-cut.ts). */
  private async cutIfUncached(s: ReadingState, target: number): Promise<void> {
    const unit = s.units[target];
    if (!this.pacing().shortFirstUnit || !unit || !hasNoAudioYet(unit)) return;
    // Heard before (an earlier reading of the page): the cache plays it at once, whole.
    if (await this.deps.cache.lookup(await this.deps.cacheKeyFor(unit.text, s.params)).catch(() => undefined)) return;
    if (!cutUnitHeardFirst(s, target)) return;
    // Requests and streams in flight are keyed by unit index, which the cut shifts: they are asked for again. The
    // tickets go first, so that the aborted streams' failures are recognised as abandoned, not as the reading's.
    this.fetcher.abandonAll(s.units);
    this.streams?.abortAll();
  }

  private async failNow(s: ReadingState, error: ReadingError, unit?: ReadingUnit): Promise<void> {
    await this.halt(s);
    failReading(s, error, unit);
  }

  /** If the player lost our queue (new offscreen document, other session), hand it everything unplayed again. */
  private async reconcile(s: ReadingState): Promise<void> {
    const status = await this.deps.player.status().catch(() => null);
    if (status && status.sessionId === playerSessionOf(s)) return;
    requeueAll(s);
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
    // Decided before the unit counts as fetching: is anything already with the player?
    const warmPlayer =
      pacing.warmsPlayerWhileFetching && !s.units.some((u) => u.status === 'queued' || u.status === 'playing');
    const ticket = this.fetcher.begin(unit);
    const onRetry = (err: unknown) => {
      if (ticket.isCurrent()) void this.notice(sessionId, retryNotice(err)).catch(() => undefined);
    };
    // Named after the player's session, not the reading's: a unit asked for again after a seek streams under a new
    // key, so nothing the player heard of the aborted stream (how many chunks it had) carries over to it.
    const streamed =
      pacing.streamsAudio && this.streams
        ? { sessionId, playerSession: playerSessionOf(s), index: unit.index }
        : undefined;
    void this.fetchUnit(unit.text, params, pacing.readsCache, ticket, warmPlayer, onRetry, streamed)
      .then(
        (audio) =>
          this.run(async (st) => {
            if (!this.fetcher.finish(ticket)) return;
            const current = st.units[unit.index];
            if (st.sessionId !== sessionId || !current || !isActive(st)) return;
            delete st.notice;
            markReady(current, audio, this.now(), params.rate);
            await this.pump(st);
          }),
        (err: unknown) =>
          this.run(async (st) => {
            if (!this.fetcher.finish(ticket)) return; // abandoned by a stop, seek or new reading: not an error
            if (st.sessionId !== sessionId || !isActive(st)) return;
            await this.failNow(st, toReadingError(err), st.units[unit.index]);
          }),
      )
      .finally(() => this.fetchingKeys.delete(ticket));
  }

  /** The unit's audio: from the cache when the pacing reads it, else synthesized and cached. */
  private async fetchUnit(
    text: string,
    params: ReadingParams,
    readCache: boolean,
    ticket: FetchTicket,
    warmPlayer: boolean,
    onRetry: (error: unknown) => void,
    streamed?: { sessionId: string; playerSession: string; index: number },
  ): Promise<FetchedAudio> {
    // The player is created once the request has left, not alongside it: creating the offscreen document at the same
    // moment slowed reading the credentials that sign the request by 30-40 ms (measured with the cloud bench
    // profile), and the server's answer takes longer than the document anyway.
    const warm = warmPlayer ? () => this.warmPlayer() : undefined;
    const key = await this.deps.cacheKeyFor(text, params);
    this.fetchingKeys.set(ticket, key);
    if (readCache) {
      const hit = await this.deps.cache.lookup(key);
      if (hit) return { key, durationMs: hit.durationMs, fromCache: true };
    }
    if (streamed && this.streams) {
      const stream = UnitStreams.keyOf(key, streamed.playerSession, streamed.index);
      const opened = this.streams.open(
        streamed.index,
        stream,
        this.streamRequest(text, params, onRetry, warm),
        ticket.signal,
      );
      return this.whenFlowing(key, stream, streamed.index, streamed.sessionId, opened);
    }
    // Errors are left to handOff, which ensures the player again when the audio is there.
    const bytes = await this.deps.synthesize(text, params, ticket.signal, onRetry, warm);
    const durationMs = readWavInfo(bytes).durationMs;
    if (ticket.signal.aborted) throw new DOMException('Aborted', 'AbortError');
    await this.deps.cache.put(key, bytes, { durationMs });
    return { key, durationMs, fromCache: false };
  }

  private streamRequest(
    text: string,
    params: ReadingParams,
    onRetry?: (error: unknown) => void,
    onSent?: () => void,
  ): StreamRequest {
    const synthesizeStream = this.deps.synthesizeStream!;
    return (options) =>
      synthesizeStream(text, params, { ...options, ...(onRetry ? { onRetry } : {}), ...(onSent ? { onSent } : {}) });
  }

  /**
   * A streamed unit is ready for the player at its first chunk; the rest arrives under `followStream`. A stream
   * that ends (or fails) before any chunk is stored is an ordinary whole fetch.
   */
  private async whenFlowing(
    key: string,
    stream: string,
    index: number,
    sessionId: string,
    opened: OpenedStream,
  ): Promise<FetchedAudio> {
    // Settled here only when it failed before its first chunk: a later failure is followStream's to report (a
    // handler on `whole` itself would settle it first, and followStream would take the failure for an abort).
    const first = await Promise.race([opened.firstChunk.then(() => null), opened.whole]).catch((err: unknown) => {
      this.streams!.settle(index, opened);
      throw err;
    });
    if (first) {
      this.streams!.settle(index, opened);
      await this.deps.cache.put(key, first.wav, { durationMs: first.durationMs });
      void this.deps.streamStore!.remove(stream).catch(() => undefined);
      return { key, durationMs: first.durationMs, fromCache: false };
    }
    this.followStream(key, stream, index, sessionId, opened);
    return { key, durationMs: opened.receivedMs(), fromCache: false, stream };
  }

  /** The rest of a unit already with the player: cached when whole, the player told; a failure ends the reading. */
  private followStream(key: string, stream: string, index: number, sessionId: string, opened: OpenedStream): void {
    const streams = this.streams!;
    opened.whole.then(
      async (audio) => {
        if (!streams.isLive(index, opened)) return;
        // Cached first: the player takes what it has not read yet from the whole entry once told it is done, and
        // the chunks can go. A cache that refused it (full disk) keeps the chunks for the player instead.
        const cached = await this.deps.cache.put(key, audio.wav, { durationMs: audio.durationMs }).then(
          (stored) => stored !== false,
          () => false,
        );
        await this.deps.player.streamGrew?.({ stream, chunks: audio.chunks, done: true }).catch(() => undefined);
        await this.run((st) => {
          if (!streams.isLive(index, opened)) return;
          streams.settle(index, opened);
          const unit = st.units[index];
          if (st.sessionId !== sessionId || unit?.stream !== stream) return;
          // Not cached: the unit stays a stream, complete, for a player it reaches only now (or a new one).
          if (cached) forgetStream(unit);
          else unit.streamChunks = audio.chunks;
          unit.durationMs = audio.durationMs;
        });
        if (cached) await this.deps.streamStore!.remove(stream).catch(() => undefined);
      },
      (err: unknown) =>
        this.run(async (st) => {
          if (!streams.isLive(index, opened)) return; // aborted by a stop, seek or new reading
          streams.settle(index, opened);
          if (st.sessionId !== sessionId || !isActive(st)) return;
          await this.failNow(st, toReadingError(err), st.units[index]);
        }),
    );
  }

  /**
   * A state loaded by a new worker: a unit whose stream the old worker was reading is asked for again after the
   * chunks the store holds (the player keeps reading the same stream); one no longer going to the player is dropped.
   */
  private adoptStreams(s: ReadingState): void {
    for (const unit of s.units) {
      if (unit.stream === undefined || this.streams?.has(unit.index)) continue;
      const live = unit.status === 'ready' || unit.status === 'queued' || unit.status === 'playing';
      if (!this.streams || !live || !isActive(s) || !s.sessionId || !unit.cacheKey) {
        forgetStream(unit);
        if (unit.status === 'ready') unit.status = 'pending';
        continue;
      }
      if (unit.streamChunks !== undefined) continue; // complete in the store: nothing more to ask for
      const opened = this.streams.open(
        unit.index,
        unit.stream,
        this.streamRequest(unit.text, { ...s.params }),
        undefined,
        true,
      );
      this.followStream(unit.cacheKey, unit.stream, unit.index, s.sessionId, opened);
    }
  }

  private async handOff(s: ReadingState, pacing: Pacing): Promise<void> {
    if (!s.sessionId || !isActive(s)) return;
    if (nextBatch(s).length === 0) return;
    // A fresh player has an empty queue: everything we thought it held must be sent again.
    if (await this.deps.player.ensure()) requeueAll(s);
    const batch = nextBatch(s);
    if (batch.length === 0) return;
    await this.deps.player.enqueue(
      playerSessionOf(s),
      batch.map((u) => ({
        index: u.index,
        cacheKey: u.cacheKey!,
        pauseAfterMs: u.pauseAfterMs,
        ...(pacing.soundAligned ? { soundAligned: true } : {}),
        ...(u.stream !== undefined ? { stream: u.stream } : {}),
        ...(u.streamChunks !== undefined ? { streamChunks: u.streamChunks } : {}),
      })),
    );
    for (const unit of batch) unit.status = 'queued';
    if (s.status === 'paused') await this.deps.player.pause();
  }
}
