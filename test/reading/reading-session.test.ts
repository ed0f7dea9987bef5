import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PlaybackEvent } from '../../utils/messages/offscreen-protocol';
import { productPacing } from '../../utils/reading/product-pacing';
import { buildUnits, createSessionReadingStore, READING_KEY, unitKey } from '../../utils/reading/reading-session';
import { idleState, type ReadingState } from '../../utils/reading/reading-state';
import { seekTarget } from '../../utils/reading/seek-target';
import { SynthesisScheduler } from '../../utils/reading/synthesis-scheduler';
import { baseDeps, makeUnits, PARAMS, settle } from './scheduler-fakes';

const opts = { sentencePauseMs: 200, paragraphPauseMs: 800, rate: 2, pacing: productPacing };

describe('buildUnits', () => {
  const extracted = {
    lang: 'en',
    blocks: [
      { index: 0, text: 'One. Two.' },
      { index: 1, text: 'Three.' },
    ],
  };

  it('numbers units in reading order with sentence and paragraph pauses scaled by rate', () => {
    const units = buildUnits(extracted, opts);
    expect(units.map((u) => u.index)).toEqual(units.map((_, i) => i));
    expect(units.every((u) => u.status === 'pending')).toBe(true);
    const lastOfFirstBlock = units.filter((u) => u.block === 0).at(-1)!;
    expect(lastOfFirstBlock.pauseAfterMs).toBe(400);
    expect(units.at(-1)!.pauseAfterMs).toBe(0);
    expect(units.map((u) => u.text).join(' ')).toContain('Three.');
  });

  it('starts at fromBlock', () => {
    const units = buildUnits(extracted, { ...opts, fromBlock: 1 });
    expect(units.map((u) => u.block)).toEqual([1]);
    expect(units[0]!.index).toBe(0);
  });

  it('starts at the unit of fromBlock holding fromOffset (continue from a stored position)', () => {
    // "One. Two." — "Two." starts at offset 5.
    const units = buildUnits(extracted, { ...opts, fromBlock: 0, fromOffset: 5 });
    expect(units.map((u) => u.text)).toEqual(['Two.', 'Three.']);
    expect(units.map((u) => u.index)).toEqual([0, 1]);
  });

  it("a sentence too long for one unit is one sentence to next/previous, with a comma's pause between its pieces", () => {
    const clause = 'the tide came in over the flats faster than anyone on the causeway expected';
    const long = `Before dawn ${clause}; ${clause}; ${clause}; ${clause}.`;
    const text = `Short first. ${long} Short last.`;
    const units = buildUnits({ lang: 'en', blocks: [{ index: 0, text }] }, opts);
    const pieces = units.filter((u) => u.text !== 'Short first.' && u.text !== 'Short last.');
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(pieces.map((u) => u.text).join(' ')).toBe(long);
    // 150 ms at rate 1 after each piece but the last (here rate 2), then the sentence pause.
    expect(pieces.map((u) => u.pauseAfterMs)).toEqual([...pieces.slice(1).map(() => 75), 100]);
    const playing = (i: number) => ({
      units: units.map((u) => ({
        ...u,
        status: u.index < i ? ('played' as const) : u.index === i ? ('playing' as const) : ('queued' as const),
        startedAt: 0,
      })),
    });
    const lastUnit = units.at(-1)!;
    // "Next sentence" from any piece goes to the sentence after it; "previous" from a later piece restarts it.
    for (const piece of pieces) expect(seekTarget(playing(piece.index), 'next-sentence', 1000)).toBe(lastUnit.index);
    expect(seekTarget(playing(pieces.at(-1)!.index), 'prev-sentence', 1000)).toBe(pieces[0]!.index);
    expect(seekTarget(playing(lastUnit.index), 'prev-sentence', 1000)).toBe(pieces[0]!.index);
  });

  it('with shortFirstUnit, cuts the first unit short at a clause (utils/text/first-unit.ts); later ones stay whole', () => {
    const long =
      'When the library stayed open late on Thursdays, the reading room filled with students, retirees and nurses.';
    const text = `${long} ${long}`;
    const cutting = { ...opts, pacing: { ...productPacing, shortFirstUnit: true } };
    const units = buildUnits({ lang: 'en', blocks: [{ index: 0, text }] }, cutting);
    expect(units.map((u) => u.text)).toEqual([
      'When the library stayed open late on Thursdays,',
      'the reading room filled with students, retirees and nurses.',
      long,
    ]);
    for (const u of units) expect(text.slice(u.start, u.end)).toBe(u.text);
    expect(units.map((u) => u.index)).toEqual([0, 1, 2]);
    // A comma's pause after the cut (150 ms at rate 1, here rate 2), the sentence pause after the sentence.
    expect(units.map((u) => u.pauseAfterMs)).toEqual([75, 100, 0]);
    // The first clause says the sentence goes on in the next unit (next/previous sentence treat them as one).
    expect(units.map((u) => u.endsClause ?? false)).toEqual([true, false, false]);
    // Also where a stored position is continued from: the unit listened for first is the one cut.
    const resumed = buildUnits(
      { lang: 'en', blocks: [{ index: 0, text }] },
      { ...cutting, fromBlock: 0, fromOffset: 120 },
    );
    expect(resumed.map((u) => u.text)).toEqual([
      'When the library stayed open late on Thursdays,',
      'the reading room filled with students, retirees and nurses.',
    ]);
    expect(resumed[0]!.start).toBe(long.length + 1);
    // A pacing that reads whole sentences (the benchmark's baseline) keeps them whole.
    const whole = buildUnits(
      { lang: 'en', blocks: [{ index: 0, text }] },
      { ...opts, pacing: { ...productPacing, shortFirstUnit: false } },
    );
    expect(whole.map((u) => u.text)).toEqual([long, long]);
  });
});

describe('createSessionReadingStore', () => {
  beforeEach(() => fakeBrowser.reset());
  it('keeps the state in storage.session under "reading"', async () => {
    const store = createSessionReadingStore();
    expect(await store.load()).toEqual(idleState());
    await store.save({ ...idleState(), sessionId: 'x', status: 'playing' });
    expect((await fakeBrowser.storage.session.get(READING_KEY))[READING_KEY]).toMatchObject({
      sessionId: 'x',
      status: 'playing',
    });
    expect((await createSessionReadingStore().load()).sessionId).toBe('x');
  });
});

describe('createSessionReadingStore: one key per unit', () => {
  beforeEach(() => fakeBrowser.reset());

  const reading = (texts: string[]): ReadingState => ({
    ...idleState(),
    sessionId: 'r',
    status: 'playing',
    params: PARAMS,
    units: makeUnits(texts),
  });

  it('a restarted worker loads exactly what was saved', async () => {
    const state = reading(['A.', 'B.', 'C.']);
    state.units[0]!.status = 'played';
    await createSessionReadingStore().save(state);
    expect(await createSessionReadingStore().load()).toEqual(state);
  });

  it('a transition rewrites only the units it changed', async () => {
    const store = createSessionReadingStore();
    const state = reading(['A.', 'B.', 'C.', 'D.']);
    await store.save(state);
    const set = vi.spyOn(fakeBrowser.storage.session, 'set');
    state.units[2]!.status = 'fetching';
    await store.save(state);
    expect(Object.keys(set.mock.calls[0]![0]).sort()).toEqual([READING_KEY, unitKey(2)].sort());
    // A new worker has not seen what is stored: it loads it first, and then writes only changes too.
    const restarted = createSessionReadingStore();
    const loaded = await restarted.load();
    set.mockClear();
    loaded.units[3]!.status = 'fetching';
    await restarted.save(loaded);
    expect(Object.keys(set.mock.calls[0]![0]).sort()).toEqual([READING_KEY, unitKey(3)].sort());
  });

  it('a shorter reading after a longer one leaves no unit of the old one behind', async () => {
    const store = createSessionReadingStore();
    await store.save(reading(['A.', 'B.', 'C.']));
    await store.save({ ...reading(['X.']), sessionId: 'next' });
    const loaded = await createSessionReadingStore().load();
    expect(loaded.units.map((u) => u.text)).toEqual(['X.']);
    expect((await fakeBrowser.storage.session.get(unitKey(2)))[unitKey(2)]).toBeUndefined();
  });

  it('reads a state saved whole by the previous version', async () => {
    const state = reading(['A.', 'B.']);
    await fakeBrowser.storage.session.set({ [READING_KEY]: state });
    const store = createSessionReadingStore();
    expect(await store.load()).toEqual(state);
    await store.save(state);
    expect(await createSessionReadingStore().load()).toEqual(state);
  });

  it('a worker restarted mid-reading resumes without losing or repeating a unit', async () => {
    const event = (index: number, kind: PlaybackEvent['kind']): PlaybackEvent => ({
      sessionId: 's1',
      index,
      kind,
      at: 1000 + index,
      contextTime: index,
    });
    const fakes = baseDeps({ store: createSessionReadingStore(), settings: async () => ({ prefetchSeconds: 2 }) });
    const before = new SynthesisScheduler(fakes.deps);
    await before.begin({ ...idleState(), sessionId: 's1', tabId: 7, status: 'extracting', params: PARAMS });
    await before.start({ sessionId: 's1', tabId: 7, units: makeUnits(['A.', 'B.', 'C.', 'D.']), params: PARAMS });
    await settle();
    fakes.synth.call('A.').resolve(1000);
    fakes.synth.call('B.').resolve(1000);
    await settle();
    await before.onPlaybackEvent(event(0, 'started'));
    await before.onPlaybackEvent(event(0, 'ended'));
    await before.onPlaybackEvent(event(1, 'started'));
    await settle();

    // The worker dies: a new one with a new store and a new synthesiser, the same storage and player.
    const synth2 = baseDeps().synth;
    const enqueuedBefore = fakes.player.enqueued.length;
    const after = new SynthesisScheduler({
      ...fakes.deps,
      store: createSessionReadingStore(),
      synthesize: synth2.synthesize,
    });
    const resumed = await after.resumeAfterRestart();
    expect(resumed.units.map((u) => u.status).slice(0, 2)).toEqual(['played', 'playing']);
    await settle();
    expect(synth2.calls.map((c) => c.text)).not.toContain('A.');
    expect(synth2.calls.map((c) => c.text)).not.toContain('B.');
    expect(synth2.calls.map((c) => c.text)[0]).toBe('C.');
    for (const c of synth2.calls) c.resolve(1000);
    await settle();
    for (const c of synth2.calls) c.resolve(1000);
    await settle();
    expect(fakes.player.enqueued.slice(enqueuedBefore).map((u) => u.index)).toEqual([2, 3]);
    expect(fakes.player.enqueued.map((u) => u.index)).toEqual([0, 1, 2, 3]);
  });
});
