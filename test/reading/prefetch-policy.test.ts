// The product's prefetch policy as a pure function: no scheduler, clock or server.
import { describe, expect, it } from 'vitest';
import type { PrefetchView } from '../../utils/reading/pacing';
import {
  estimateSpeechMs,
  FIRST_UNIT_ALONE_MS,
  MAX_CONCURRENT_REQUESTS,
  planPrefetch,
} from '../../utils/reading/prefetch-policy';
import type { ReadingUnit, UnitStatus } from '../../utils/reading/reading-state';

function units(statuses: UnitStatus[], extra: Partial<ReadingUnit> = {}): ReadingUnit[] {
  // 30 characters ≈ 2 s of speech at 15 characters a second.
  return statuses.map((status, index) => ({
    index,
    text: 'x'.repeat(30),
    block: index,
    start: 0,
    end: 30,
    status,
    pauseAfterMs: 0,
    ...extra,
  }));
}

const view = (u: ReadingUnit[], patch: Partial<PrefetchView> = {}): PrefetchView => ({
  units: u,
  rate: 1,
  now: 10_000,
  budgetMs: 10_000,
  firstUnitAloneMs: 0,
  ...patch,
});

describe('planPrefetch', () => {
  it('asks for the first pending units, at most two at once', () => {
    expect(MAX_CONCURRENT_REQUESTS).toBe(2);
    expect(planPrefetch(view(units(['pending', 'pending', 'pending'])))).toEqual({ fetch: [0, 1] });
    expect(planPrefetch(view(units(['fetching', 'pending', 'pending'])))).toEqual({ fetch: [1] });
    expect(planPrefetch(view(units(['fetching', 'fetching', 'pending'])))).toEqual({ fetch: [] });
  });

  it('stops once the budget of speech ahead is met, but keeps three units ahead whatever their length', () => {
    const ahead = units(['playing', 'ready', 'ready', 'ready', 'pending']);
    // 3 × 2 s ahead ≥ 5 s budget and three units: nothing more.
    expect(planPrefetch(view(ahead, { budgetMs: 5_000 })).fetch).toEqual([]);
    // Long units: two of them fill the budget, a third is still asked for.
    const long = units(['playing', 'ready', 'ready', 'pending'], { durationMs: 60_000 });
    expect(planPrefetch(view(long, { budgetMs: 5_000 })).fetch).toEqual([3]);
  });

  it('lets the unit a listener waits for go alone for a while, then asks for the next', () => {
    const waiting = units(['fetching', 'pending', 'pending'], { requestedAt: 10_000 });
    expect(planPrefetch(view(waiting, { firstUnitAloneMs: FIRST_UNIT_ALONE_MS, now: 10_100 }))).toEqual({
      fetch: [],
      recheckInMs: FIRST_UNIT_ALONE_MS - 100,
    });
    expect(
      planPrefetch(view(waiting, { firstUnitAloneMs: FIRST_UNIT_ALONE_MS, now: 10_000 + FIRST_UNIT_ALONE_MS })),
    ).toEqual({ fetch: [1] });
    // Launched by this very plan: alone from now.
    expect(planPrefetch(view(units(['pending', 'pending']), { firstUnitAloneMs: 250 }))).toEqual({
      fetch: [0],
      recheckInMs: 250,
    });
    // Something is already playing: nobody is waiting for a first sound.
    expect(
      planPrefetch(view(units(['playing', 'fetching', 'pending'], { requestedAt: 10_000 }), { firstUnitAloneMs: 250 }))
        .fetch,
    ).toEqual([2]);
  });

  it('estimates unheard units from their text and the rate', () => {
    expect(estimateSpeechMs({ text: 'x'.repeat(30) }, 1)).toBe(2000);
    expect(estimateSpeechMs({ text: 'x'.repeat(30) }, 2)).toBe(1000);
    expect(estimateSpeechMs({ text: 'x'.repeat(30), durationMs: 700 }, 2)).toBe(700);
  });
});
