// The unit heard first after a seek or a live change, cut at its first clause when its audio is still to be made
// (utils/reading/restart-cut.ts).
import { describe, expect, it } from 'vitest';
import { CLAUSE_PAUSE_MS } from '../../utils/playback/timeline';
import { cutUnitHeardFirst } from '../../utils/reading/restart-cut';
import { idleState, type ReadingState } from '../../utils/reading/reading-state';
import { makeUnits, PARAMS } from './scheduler-fakes';

const LONG =
  'When the rain finally stopped after three long days, the villagers walked down to the river to see how high ' +
  'the water had risen over the old stone bridge.';
const BLOCK = `It rained. ${LONG}`;

function reading(rate = 1): ReadingState {
  const units = makeUnits(['Unit zero.', 'It rained.', LONG, 'Unit three.'], 400);
  // Units 1 and 2 are one block: unit 2 starts after "It rained. ".
  units[1] = { ...units[1]!, block: 1, start: 0, end: 10 };
  units[2] = { ...units[2]!, block: 1, start: 11, end: 11 + LONG.length };
  units[3] = { ...units[3]!, block: 2 };
  return { ...idleState(), sessionId: 's', status: 'playing', lang: 'en', units, params: { ...PARAMS, rate } };
}

describe('cutUnitHeardFirst', () => {
  it('cuts a long unit without audio at its first clause; both pieces are ranges of the block', () => {
    const s = reading(2);
    s.resumeOffer = { index: 3, firstWords: 'Unit three' };
    expect(cutUnitHeardFirst(s, 2)).toBe(true);
    expect(s.units.map((u) => u.index)).toEqual([0, 1, 2, 3, 4]);
    const [head, tail] = [s.units[2]!, s.units[3]!];
    expect(head.text).toBe('When the rain finally stopped after three long days,');
    expect(`${head.text} ${tail.text}`).toBe(LONG);
    for (const piece of [head, tail]) {
      expect(piece.block).toBe(1);
      expect(BLOCK.slice(piece.start, piece.end)).toBe(piece.text);
      expect(piece.status).toBe('pending');
    }
    // A comma's pause after the head at this rate; the tail keeps the sentence's.
    expect(head.pauseAfterMs).toBe(Math.round(CLAUSE_PAUSE_MS / 2));
    expect(tail.pauseAfterMs).toBe(400);
    // The sentence goes on after the head, not after the tail.
    expect([head.endsClause, tail.endsClause]).toEqual([true, undefined]);
    expect(s.units[4]!.text).toBe('Unit three.');
    expect(s.resumeOffer).toEqual({ index: 4, firstWords: 'Unit three' });
  });

  it('leaves alone a unit with audio, one being fetched, and one too short to cut', () => {
    for (const change of [{ cacheKey: 'k', status: 'ready' as const }, { status: 'fetching' as const }]) {
      const s = reading();
      Object.assign(s.units[2]!, change);
      expect(cutUnitHeardFirst(s, 2)).toBe(false);
      expect(s.units).toHaveLength(4);
    }
    const s = reading();
    expect(cutUnitHeardFirst(s, 1)).toBe(false);
    expect(s.units).toHaveLength(4);
  });
});
