// "fetching ⇔ in flight": the UnitFetcher is the only way into and out of 'fetching'.
import { describe, expect, it } from 'vitest';
import type { ReadingUnit } from '../../utils/reading/reading-state';
import { UnitFetcher } from '../../utils/reading/unit-fetcher';

const unit = (index: number, status: ReadingUnit['status'] = 'pending'): ReadingUnit => ({
  index,
  text: 'x',
  block: 0,
  start: 0,
  end: 1,
  status,
  pauseAfterMs: 0,
});

describe('UnitFetcher', () => {
  it('a begun unit is fetching and in flight until its request finishes', () => {
    const fetcher = new UnitFetcher(() => 42);
    const u = unit(0);
    const ticket = fetcher.begin(u);
    expect(u).toMatchObject({ status: 'fetching', requestedAt: 42 });
    expect(fetcher.size).toBe(1);
    expect(fetcher.finish(ticket)).toBe(true);
    expect(fetcher.size).toBe(0);
    expect(fetcher.finish(ticket)).toBe(false);
  });

  it('abandoning aborts the request, and its late result is not taken', () => {
    const fetcher = new UnitFetcher(() => 0);
    const units = [unit(0), unit(1)];
    const tickets = units.map((u) => fetcher.begin(u));
    fetcher.abandon(units[0]!, 'played');
    expect(tickets[0]!.signal.aborted).toBe(true);
    expect(fetcher.finish(tickets[0]!)).toBe(false);
    fetcher.abandonAll(units);
    expect(units.map((u) => u.status)).toEqual(['played', 'pending']);
    expect(tickets[1]!.signal.aborted).toBe(true);
    expect(fetcher.size).toBe(0);
  });

  it('a loaded state whose fetching units have no request here asks for them again', () => {
    const fetcher = new UnitFetcher(() => 0);
    const mine = unit(0);
    fetcher.begin(mine);
    const orphan = { ...unit(1, 'fetching'), requestedAt: 5 };
    fetcher.adopt([mine, orphan]);
    expect(mine.status).toBe('fetching');
    expect(orphan.status).toBe('pending');
    expect(orphan.requestedAt).toBeUndefined();
  });
});
