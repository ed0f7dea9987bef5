import { describe, expect, it } from 'vitest';
import { FIRST_UNIT_ALONE_MS } from '../../utils/reading/prefetch-policy';
import { SynthesisScheduler } from '../../utils/reading/synthesis-scheduler';
import { VocalidApiError } from '../../utils/vocalid/api-error';
import { idleState } from '../../utils/reading/reading-state';
import {
  createFakeSynth,
  baseDeps,
  createFakePlayer,
  event,
  PARAMS,
  settle,
  startReading,
  TEXTS,
} from './scheduler-fakes';

describe('SynthesisScheduler (smart)', () => {
  it('requests the first unit first, at most two at a time', async () => {
    const { deps, synth } = baseDeps();
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler);
    expect(synth.calls.map((c) => c.text)).toEqual(['Unit zero.', 'Unit one.']);
    expect(synth.calls[0]!.params).toEqual(PARAMS);
  });

  it('sends the unit the listener waits for alone, and the next ones as soon as it arrives', async () => {
    const { deps, synth, player } = baseDeps({ firstUnitAloneMs: undefined });
    await startReading(new SynthesisScheduler(deps));
    expect(synth.calls.map((c) => c.text)).toEqual(['Unit zero.']);
    synth.call('Unit zero.').resolve(5000);
    await settle();
    expect(player.enqueued.map((u) => u.index)).toEqual([0]);
    expect(synth.calls.map((c) => c.text)).toEqual(['Unit zero.', 'Unit one.', 'Unit two.']);
  });

  it('asks for the next unit anyway when the first one is slow', async () => {
    const { deps, synth } = baseDeps({ firstUnitAloneMs: undefined });
    await startReading(new SynthesisScheduler(deps));
    expect(synth.inflight()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, FIRST_UNIT_ALONE_MS + 50));
    await settle();
    expect(synth.calls.map((c) => c.text)).toEqual(['Unit zero.', 'Unit one.']);
  });

  it('does not hold back when something is already playing (only the wait for the first sound matters)', async () => {
    const { deps, synth } = baseDeps({ firstUnitAloneMs: undefined });
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler);
    synth.call('Unit zero.').resolve(1000);
    await settle();
    await scheduler.onPlaybackEvent(event(0, 'started'));
    synth.call('Unit one.').resolve(1000);
    synth.call('Unit two.').resolve(1000);
    await settle();
    // Two requests at a time again, without any wait.
    expect(synth.inflight().filter((c) => !['Unit zero.', 'Unit one.', 'Unit two.'].includes(c.text))).toHaveLength(2);
  });

  it('says it is still trying while a request is retried, and stops saying so when audio arrives', async () => {
    const { deps, synth } = baseDeps();
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler);
    const unreachable = new VocalidApiError({
      status: 0,
      code: 'network',
      message: 'refused',
      userMessage: "Can't reach the VocaliD server.",
      retryable: true,
    });
    synth.call('Unit zero.').onRetry!(unreachable);
    await settle();
    expect((await scheduler.getState()).notice).toBe("Can't reach the VocaliD server right now. Still trying…");
    synth.call('Unit zero.').resolve(1000);
    await settle();
    const state = await scheduler.getState();
    expect(state.notice).toBeUndefined();
    expect(state.status).toBe('loading');
  });

  it('hands units to the player in order even when a later one is ready first', async () => {
    const { deps, synth, player, store } = baseDeps();
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler);

    synth.call('Unit one.').resolve(1500);
    await settle();
    expect(player.enqueued).toEqual([]);
    expect(store.saved.units[1]!.status).toBe('ready');

    synth.call('Unit zero.').resolve(1200);
    await settle();
    expect(player.enqueued.map((u) => u.index)).toEqual([0, 1]);
    expect(player.enqueued[0]!.cacheKey).toContain('Unit zero.');
    expect(store.saved.units[0]).toMatchObject({ status: 'queued', durationMs: 1200, fromCache: false });
  });

  it('stops prefetching once enough audio is ready ahead', async () => {
    const { deps, synth } = baseDeps({ settings: async () => ({ prefetchSeconds: 10 }) });
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler);
    // Each unit is 6 s long: after 0,1,2 are ready (18 s ≥ 10 s and 3 units) nothing more is requested.
    for (const text of ['Unit zero.', 'Unit one.']) synth.call(text).resolve(6000);
    await settle();
    synth.call('Unit two.').resolve(6000);
    await settle();
    expect(synth.calls.map((c) => c.text)).toEqual(['Unit zero.', 'Unit one.', 'Unit two.']);

    // When unit 0 has played, the budget has room again.
    await scheduler.onPlaybackEvent(event(0, 'started'));
    await scheduler.onPlaybackEvent(event(0, 'ended'));
    await settle();
    expect(synth.calls.map((c) => c.text)).toContain('Unit three.');
  });

  it('never has two requests in flight for the same unit', async () => {
    const { deps, synth } = baseDeps({ settings: async () => ({ prefetchSeconds: 60 }) });
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler);
    // Many transitions that each re-run the pump while requests are still open.
    for (let i = 0; i < 5; i++) {
      await scheduler.pause();
      await scheduler.resume();
    }
    synth.call('Unit zero.').resolve(500);
    await settle();
    await scheduler.onPlaybackEvent(event(0, 'started'));
    for (const c of [...synth.calls]) c.resolve(500);
    await settle();
    for (const c of [...synth.calls]) c.resolve(500);
    await settle();
    const texts = synth.calls.map((c) => c.text);
    expect(texts).toEqual([...new Set(texts)]);
    expect(new Set(texts)).toEqual(new Set(TEXTS));
  });

  it('asks the player to time pauses sound to sound', async () => {
    const { deps, synth, player } = baseDeps();
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler);
    synth.call('Unit zero.').resolve(1000);
    await settle();
    expect(player.enqueued[0]).toMatchObject({ index: 0, soundAligned: true });
  });

  it('creates the player while the first unit is being synthesised', async () => {
    const smart = baseDeps();
    await startReading(new SynthesisScheduler(smart.deps));
    expect(smart.synth.inflight().length).toBeGreaterThan(0);
    expect(smart.player.exists).toBe(true);
    expect(smart.player.enqueued).toEqual([]);
  });

  it('creates the player only once the first request has left, not while it is being prepared', async () => {
    const synth = createFakeSynth({ holdSend: true });
    const { deps, player } = baseDeps({ synthesize: synth.synthesize });
    await startReading(new SynthesisScheduler(deps));
    expect(synth.inflight().length).toBeGreaterThan(0);
    expect(player.exists).toBe(false);
    synth.call('Unit zero.').send();
    await settle();
    expect(player.exists).toBe(true);
    expect(player.enqueued).toEqual([]);
  });

  it('a player created ahead still gets the first unit, once', async () => {
    const { deps, synth, player } = baseDeps();
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler, TEXTS.slice(0, 2));
    expect(player.exists).toBe(true);
    synth.call('Unit zero.').resolve(1000);
    await settle();
    expect(player.enqueued.map((u) => u.index)).toEqual([0]);
  });

  it('serves a cached unit without any request', async () => {
    const { deps, synth, cache, player, store } = baseDeps();
    const first = new SynthesisScheduler(deps);
    await startReading(first, ['Cached sentence.']);
    synth.call('Cached sentence.').resolve(800);
    await settle();
    expect(synth.calls).toHaveLength(1);
    expect(cache.map.size).toBe(1);

    const again = new SynthesisScheduler(deps);
    await startReading(again, ['Cached sentence.'], 's2');
    expect(synth.calls).toHaveLength(1);
    expect(store.saved.units[0]).toMatchObject({ status: 'queued', fromCache: true, durationMs: 800 });
    expect(player.enqueued.at(-1)!.cacheKey).toBe([...cache.map.keys()][0]);
  });

  it('on stop aborts what is in flight and requests nothing more', async () => {
    const { deps, synth, player, store } = baseDeps();
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler);
    const open = [...synth.calls];
    const state = await scheduler.stop();
    expect(state.status).toBe('stopped');
    expect(open.every((c) => c.signal.aborted)).toBe(true);
    expect(player.stops).toEqual(['s1']);

    // Late answers and player events for the stopped session change nothing.
    open[0]!.resolve(500);
    await scheduler.onPlaybackEvent(event(0, 'ended'));
    await settle();
    expect(synth.calls).toHaveLength(open.length);
    expect(player.enqueued).toEqual([]);
    expect(store.saved.status).toBe('stopped');
  });

  it('marks units played in order and finishes when the last one ends', async () => {
    const { deps, synth, store } = baseDeps();
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler, ['A.', 'B.']);
    synth.call('A.').resolve(300);
    synth.call('B.').resolve(300);
    await settle();
    await scheduler.onPlaybackEvent(event(0, 'started'));
    expect(store.saved.status).toBe('playing');
    expect(store.saved.firstAudioAt).toBe(1000);
    await scheduler.onPlaybackEvent(event(0, 'ended'));
    await scheduler.onPlaybackEvent(event(1, 'started'));
    await scheduler.onPlaybackEvent(event(1, 'ended'));
    expect(store.saved.status).toBe('done');
    expect(store.saved.units.map((u) => [u.startedAt, u.endedAt])).toEqual([
      [1000, 1005],
      [1010, 1015],
    ]);
  });

  it('stops the reading with the API error message when a unit finally fails', async () => {
    const { deps, synth } = baseDeps();
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler);
    const other = synth.call('Unit one.');
    synth.call('Unit zero.').reject(
      new VocalidApiError({
        status: 0,
        code: 'network_error',
        message: 'fetch failed',
        userMessage: "Can't reach the VocaliD server.",
        action: 'retry',
        retryable: true,
      }),
    );
    await settle();
    const state = await scheduler.getState();
    expect(state.status).toBe('error');
    expect(state.error).toEqual({ code: 'network_error', message: "Can't reach the VocaliD server.", action: 'retry' });
    expect(state.units[0]!.status).toBe('error');
    expect(other.signal.aborted).toBe(true);
    expect(synth.calls).toHaveLength(2);
  });

  it('a voice change mid-reading drops the old audio and restarts the current sentence with the new parameters', async () => {
    const { deps, synth, player, store, cache } = baseDeps({ settings: async () => ({ prefetchSeconds: 1 }) });
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler);
    synth.call('Unit zero.').resolve(3000);
    synth.call('Unit one.').resolve(3000);
    await settle();
    await scheduler.onPlaybackEvent(event(0, 'started'));
    await scheduler.onPlaybackEvent(event(0, 'ended'));
    await scheduler.onPlaybackEvent(event(1, 'started'));
    await settle();
    // Unit 2 was being requested at the old rate when the change came.
    const inflightBefore = synth.calls.filter((c) => c.text === 'Unit two.');
    expect(inflightBefore).toHaveLength(1);
    // Unit 2 is already cached at the new rate (read earlier at that speed): it must come from the cache.
    await cache.put(`voice-1|1|1.5|22050|Unit two.`, new ArrayBuffer(8), { durationMs: 700 });

    const callsBefore = synth.calls.length;
    await scheduler.updateParams({ rate: 1.5 });
    await settle();
    const newCalls = synth.calls.slice(callsBefore);
    // The old playback is stopped and its late events are ignored.
    expect(player.stops).toEqual(['s1']);
    for (const c of inflightBefore) expect(c.signal.aborted).toBe(true);
    await scheduler.onPlaybackEvent(event(1, 'ended'));
    expect(store.saved.units[1]!.status).not.toBe('played');
    // Unit 1 (being heard) is requested again at the new rate; unit 2 comes from the cache without a request.
    const again = newCalls.filter((c) => c.text === 'Unit one.');
    expect(again.map((c) => c.params.rate)).toEqual([1.5]);
    expect(newCalls.some((c) => c.text === 'Unit two.')).toBe(false);
    expect(newCalls.every((c) => c.params.rate === 1.5)).toBe(true);
    again[0]!.resolve(2000);
    await settle();
    expect(player.sessionId).toBe('s1#1');
    const replayed = player.enqueued.filter((u) => u.index >= 1 && u.cacheKey.includes('|1.5|'));
    expect(replayed.map((u) => u.index).slice(0, 2)).toEqual([1, 2]);
    expect(store.saved.units[0]!.status).toBe('played');
    expect(store.saved.units[1]).toMatchObject({ status: 'queued', renderedRate: 1.5 });
    expect(store.saved.units[2]).toMatchObject({ fromCache: true, renderedRate: 1.5 });
  });

  it('seeks: later units are skipped, the target is played next, and finishing past the end', async () => {
    const { deps, synth, player, store } = baseDeps();
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler);
    for (const c of [...synth.inflight()]) c.resolve(500);
    await settle();
    for (const c of [...synth.inflight()]) c.resolve(500);
    await settle();
    await scheduler.onPlaybackEvent(event(0, 'started'));

    await scheduler.seek(() => 3);
    await settle();
    for (const c of [...synth.inflight()]) c.resolve(500);
    await settle();
    expect(store.saved.units.slice(0, 3).map((u) => [u.status, u.skipped ?? false])).toEqual([
      ['played', true],
      ['played', true],
      ['played', true],
    ]);
    const afterSeek = player.enqueued.slice(player.enqueued.findIndex((u) => u.index === 3));
    expect(afterSeek[0]!.index).toBe(3);
    expect(player.sessionId).toBe('s1#1');
    // An event from before the seek is ignored; one from the new playback counts.
    await scheduler.onPlaybackEvent(event(0, 'ended'));
    expect(store.saved.units[0]!.endedAt).toBeUndefined();
    await scheduler.onPlaybackEvent(event(3, 'started', 's1#1'));
    expect(store.saved.units[3]!.status).toBe('playing');

    // Back to unit 1: it and everything after it will be heard again.
    await scheduler.seek(() => 1);
    await settle();
    for (const c of [...synth.inflight()]) c.resolve(500);
    await settle();
    expect(store.saved.units[1]!.skipped).toBeUndefined();
    expect(store.saved.units[1]!.status).not.toBe('played');
    expect(player.sessionId).toBe('s1#2');

    const done = await scheduler.seek((s) => s.units.length);
    expect(done.status).toBe('done');
  });
});

describe('SynthesisScheduler: the unit heard first after a restart', () => {
  const LONG =
    'When the rain finally stopped after three long days, the villagers walked down to the river to see how ' +
    'high the water had risen over the old stone bridge.';
  const HEAD = 'When the rain finally stopped after three long days,';
  const texts = ['Unit zero.', 'Unit one.', 'Unit two.', LONG, 'Unit four.'];

  async function playingFirst() {
    const fakes = baseDeps({ settings: async () => ({ prefetchSeconds: 1 }) });
    const scheduler = new SynthesisScheduler(fakes.deps);
    await startReading(scheduler, texts);
    fakes.synth.call('Unit zero.').resolve(3000);
    await settle();
    await scheduler.onPlaybackEvent(event(0, 'started'));
    await settle();
    return { scheduler, ...fakes };
  }

  it('a seek to a long sentence never fetched asks for its first clause alone, then the rest', async () => {
    const { scheduler, synth, player, store } = await playingFirst();
    const before = synth.calls.length;
    await scheduler.seek(() => 3);
    await settle();
    // The clause first; the rest of the sentence after it (prefetch, not the listener's wait).
    expect(synth.calls.slice(before)[0]!.text).toBe(HEAD);
    synth.call(HEAD).resolve(1000);
    await settle();
    expect(player.enqueued.filter((u) => u.index >= 3)[0]).toMatchObject({ index: 3 });
    expect(store.saved.units.map((u) => u.text)).toEqual([
      ...texts.slice(0, 3),
      HEAD,
      LONG.slice(HEAD.length + 1),
      'Unit four.',
    ]);
    expect(store.saved.units.map((u) => u.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(synth.inflight().map((c) => c.text)).toContain(LONG.slice(HEAD.length + 1));
  });

  it('a seek to a long sentence in the cache plays it whole, with no request', async () => {
    const { scheduler, synth, cache, deps, store } = await playingFirst();
    await cache.put(await deps.cacheKeyFor(LONG, store.saved.params), new ArrayBuffer(8), { durationMs: 9000 });
    const before = synth.calls.length;
    const state = await scheduler.seek(() => 3);
    await settle();
    expect(state.units).toHaveLength(texts.length);
    expect(synth.calls.slice(before).some((c) => c.text === LONG || c.text === HEAD)).toBe(false);
  });

  it('a voice change while a long sentence plays asks for its first clause in the new voice first', async () => {
    const { deps, synth, store } = baseDeps({ settings: async () => ({ prefetchSeconds: 30 }) });
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler, ['Unit zero.', LONG, 'Unit two.']);
    synth.call('Unit zero.').resolve(1000);
    synth.call(LONG).resolve(9000);
    await settle();
    await scheduler.onPlaybackEvent(event(0, 'started'));
    await scheduler.onPlaybackEvent(event(1, 'started'));
    const before = synth.calls.length;
    await scheduler.updateParams({ voiceToken: 'voice-2' });
    await settle();
    const asked = synth.calls.slice(before).filter((c) => c.params.voiceToken === 'voice-2');
    expect(asked[0]!.text).toBe(HEAD);
    expect(store.saved.units.map((u) => u.text)).toEqual([
      'Unit zero.',
      HEAD,
      LONG.slice(HEAD.length + 1),
      'Unit two.',
    ]);
  });
});

describe('SynthesisScheduler after a worker restart', () => {
  async function readUntilRestart() {
    const fakes = baseDeps({ settings: async () => ({ prefetchSeconds: 2 }) });
    const before = new SynthesisScheduler(fakes.deps);
    await startReading(before, ['A.', 'B.', 'C.', 'D.']);
    fakes.synth.call('A.').resolve(1000);
    fakes.synth.call('B.').resolve(1000);
    await settle();
    await before.onPlaybackEvent(event(0, 'started'));
    await before.onPlaybackEvent(event(0, 'ended'));
    await before.onPlaybackEvent(event(1, 'started'));
    await settle();
    // Now: A played, B playing, C (and maybe D) requested. The worker dies here: its memory is gone.
    expect(fakes.store.saved.units.map((u) => u.status).slice(0, 3)).toEqual(['played', 'playing', 'fetching']);
    return fakes;
  }

  it('re-requests what was in flight and never repeats a played unit', async () => {
    const { deps, store, player } = await readUntilRestart();
    const synth2 = baseDeps().synth;
    const enqueuedBefore = player.enqueued.length;
    const after = new SynthesisScheduler({ ...deps, synthesize: synth2.synthesize });
    await after.resumeAfterRestart();
    await settle();
    expect(synth2.calls.map((c) => c.text)[0]).toBe('C.');
    expect(synth2.calls.map((c) => c.text)).not.toContain('A.');
    expect(synth2.calls.map((c) => c.text)).not.toContain('B.');
    // The player still held B, so nothing is sent twice.
    expect(player.enqueued.length).toBe(enqueuedBefore);

    for (const c of synth2.calls) c.resolve(1000);
    await settle();
    expect(player.enqueued.slice(enqueuedBefore).map((u) => u.index)).toEqual([2, 3]);
    await after.onPlaybackEvent(event(1, 'ended'));
    expect(store.saved.units[0]!.status).toBe('played');
    expect(store.saved.units[1]!.status).toBe('played');
  });

  it('a resume check while this worker is still extracting does not stop the reading', async () => {
    // The reading alarm and the player watchdog call resumeAfterRestart on a live worker too; an extraction that is
    // slow (the voice list retried while the server is down) must not be mistaken for one a dead worker left behind.
    const { deps } = baseDeps();
    const scheduler = new SynthesisScheduler(deps);
    await scheduler.begin({ ...idleState(), sessionId: 's1', tabId: 1, status: 'extracting' });
    const after = await scheduler.resumeAfterRestart();
    expect(after.status).toBe('extracting');
  });

  it('an extraction left behind by a dead worker is stopped on restart', async () => {
    const { deps } = baseDeps();
    await new SynthesisScheduler(deps).begin({ ...idleState(), sessionId: 's1', tabId: 1, status: 'extracting' });
    const restarted = new SynthesisScheduler(deps);
    expect((await restarted.resumeAfterRestart()).status).toBe('stopped');
  });

  it('re-enqueues from the current unit when the offscreen player is gone', async () => {
    const { deps, synth } = await readUntilRestart();
    const freshPlayer = createFakePlayer({ exists: false });
    const after = new SynthesisScheduler({ ...deps, player: freshPlayer });
    await after.resumeAfterRestart();
    synth.call('C.').resolve(1000);
    await settle();
    expect(freshPlayer.enqueued.map((u) => u.index)[0]).toBe(1);
    expect(freshPlayer.enqueued.map((u) => u.index)).not.toContain(0);
  });

  it('names the audio it has yet to play as needed, from the moment a fetch knows its key until the unit is played', async () => {
    const { deps, synth, cache } = baseDeps();
    const scheduler = new SynthesisScheduler(deps);
    const key = (text: string) => deps.cacheKeyFor(text, PARAMS);
    // What the cache is told is in use while it stores each unit's audio (it evicts around these).
    const neededAtPut = new Map<string, string[]>();
    const put = cache.put.bind(cache);
    cache.put = async (k, bytes, meta) => {
      neededAtPut.set(k, scheduler.neededAudio().sort());
      await put(k, bytes, meta);
    };
    await startReading(scheduler);
    expect(scheduler.neededAudio().sort()).toEqual([await key('Unit one.'), await key('Unit zero.')].sort());
    synth.call('Unit zero.').resolve(1000);
    await settle();
    expect(neededAtPut.get(await key('Unit zero.'))).toContain(await key('Unit zero.'));
    await scheduler.onPlaybackEvent(event(0, 'started'));
    synth.call('Unit one.').resolve(1000);
    await settle();
    await scheduler.onPlaybackEvent(event(0, 'ended'));
    await scheduler.onPlaybackEvent(event(1, 'started'));
    synth.call('Unit two.').resolve(1000);
    await settle();
    // Unit zero was played: only the units from the one playing on are needed.
    expect(neededAtPut.get(await key('Unit two.'))).toEqual(
      [await key('Unit one.'), await key('Unit two.'), await key('Unit three.')].sort(),
    );
    expect(scheduler.neededAudio()).not.toContain(await key('Unit zero.'));
    expect(synth.inflight().length, 'requests in flight at the stop').toBeGreaterThan(0);
    await scheduler.stop();
    expect(scheduler.neededAudio(), 'a stopped reading needs nothing, not even its aborted requests').toEqual([]);
  });
});
