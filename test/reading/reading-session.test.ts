import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildUnits, createSessionReadingStore, READING_KEY } from '../../utils/reading/reading-session';
import { idleState } from '../../utils/reading/reading-state';

const opts = { sentencePauseMs: 200, paragraphPauseMs: 800, rate: 2, mode: 'smart' as const };

describe('buildUnits', () => {
  const extracted = { lang: 'en', blocks: [{ index: 0, text: 'One. Two.' }, { index: 1, text: 'Three.' }] };

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

  it('uses the fixed 650 ms ÷ rate pause in naive mode', () => {
    const units = buildUnits(extracted, { ...opts, mode: 'naive' });
    expect(units[0]!.pauseAfterMs).toBe(325);
  });
});

describe('createSessionReadingStore', () => {
  beforeEach(() => fakeBrowser.reset());
  it('keeps the state in storage.session under "reading"', async () => {
    const store = createSessionReadingStore();
    expect(await store.load()).toEqual(idleState());
    await store.save({ ...idleState(), sessionId: 'x', status: 'playing' });
    expect((await fakeBrowser.storage.session.get(READING_KEY))[READING_KEY]).toMatchObject({ sessionId: 'x', status: 'playing' });
    expect((await createSessionReadingStore().load()).sessionId).toBe('x');
  });
});
