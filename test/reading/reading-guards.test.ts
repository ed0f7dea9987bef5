// Found by test/e2e/reliability.test.ts: a reading went on after its tab closed or navigated away, and stalled
// for good when the offscreen document was closed under it.
import { describe, expect, it } from 'vitest';
import { documentKey } from '../../utils/reading/page-url';
import { checkPlayer, tabUpdateEndsReading } from '../../utils/reading/reading-guards';
import { idleState, type ReadingState, type UnitStatus } from '../../utils/reading/reading-state';

function reading(
  status: ReadingState['status'],
  unitStatuses: UnitStatus[] = ['played', 'playing', 'queued'],
): ReadingState {
  return {
    ...idleState(),
    sessionId: 's1',
    tabId: 7,
    status,
    url: 'https://example.org/a?x=1#intro',
    units: unitStatuses.map((st, index) => ({
      index,
      text: `u${index}`,
      block: 0,
      start: 0,
      end: 1,
      status: st,
      pauseAfterMs: 0,
    })),
  };
}

describe('tabUpdateEndsReading', () => {
  it('stops for another document in the reading tab', () => {
    expect(tabUpdateEndsReading(reading('playing'), 7, { status: 'loading', url: 'https://example.org/b' })).toBe(true);
    expect(tabUpdateEndsReading(reading('paused'), 7, { url: 'https://other.example/' })).toBe(true);
  });
  it('stops when the tab starts loading and the URL is not visible (a reload, or no host permission)', () => {
    expect(tabUpdateEndsReading(reading('playing'), 7, { status: 'loading' })).toBe(true);
  });
  it('keeps reading through a fragment change, other tabs, and when nothing is being read', () => {
    expect(
      tabUpdateEndsReading(reading('playing'), 7, { status: 'loading', url: 'https://example.org/a?x=1#part-2' }),
    ).toBe(false);
    expect(tabUpdateEndsReading(reading('playing'), 8, { status: 'loading', url: 'https://example.org/b' })).toBe(
      false,
    );
    expect(tabUpdateEndsReading(reading('done'), 7, { status: 'loading' })).toBe(false);
    expect(tabUpdateEndsReading(reading('playing'), 7, { status: 'complete' })).toBe(false);
  });
  it('documentKey drops only the fragment', () => {
    expect(documentKey('https://example.org/a?x=1#y')).toBe('https://example.org/a?x=1');
  });
});

describe('checkPlayer', () => {
  const run = async (open: boolean, state: ReadingState) => {
    let recovered = 0;
    const did = await checkPlayer({
      offscreenOpen: async () => open,
      state: async () => state,
      recover: async () => void recovered++,
    });
    return { did, recovered };
  };
  it('recovers when the offscreen document is gone while units are queued or playing', async () => {
    expect(await run(false, reading('playing'))).toEqual({ did: true, recovered: 1 });
  });
  it('leaves a living player, a paused, finished or not yet started reading alone', async () => {
    expect((await run(true, reading('playing'))).recovered).toBe(0);
    expect((await run(false, reading('paused'))).recovered).toBe(0);
    expect((await run(false, reading('done', ['played']))).recovered).toBe(0);
    expect((await run(false, reading('loading', ['fetching', 'pending']))).recovered).toBe(0);
  });
});
