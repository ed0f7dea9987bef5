// "Continue from '…'" when the stored position is in blocks still to come (a long PDF read while its later pages
// are extracted): pending at the start, offered once its block arrives with the same words.
import { describe, expect, it } from 'vitest';
import { idleState, type ReadingState, type ReadingUnit } from '../../utils/reading/reading-state';
import { appendUnits } from '../../utils/reading/reading-transitions';
import { startingOffer } from '../../utils/reading/resume-offer-position';

const unit = (block: number, index = block, text = `Page ${block + 1} begins here.`): ReadingUnit => ({
  index,
  text,
  block,
  start: 0,
  end: text.length,
  status: 'pending',
  pauseAfterMs: 0,
});
const units = (blocks: number[]) => blocks.map((b, i) => unit(b, i));
const stored = (block: number, firstWords = `Page ${block + 1} begins here.`) => ({ block, start: 0, firstWords });

function reading(blocks: number[], patch: Partial<ReadingState> = {}): ReadingState {
  return {
    ...idleState(),
    sessionId: 's',
    tabId: 1,
    status: 'playing',
    extractionId: 'x',
    moreToCome: true,
    units: units(blocks),
    ...patch,
  };
}
const more = (blocks: number[], last = false) => ({
  tabId: 1,
  extractionId: 'x',
  joinPauseMs: 600,
  units: units(blocks),
  ...(last ? { last } : {}),
});

describe('startingOffer', () => {
  it('offers a stored unit the reading has, by its index', () => {
    expect(startingOffer(units([0, 1, 2]), stored(2), true)).toEqual({
      resumeOffer: { index: 2, firstWords: 'Page 3 begins here.' },
    });
  });

  it('keeps a position past the blocks extracted so far pending while more are to come', () => {
    expect(startingOffer(units([0, 1, 2]), stored(40), true)).toEqual({
      pendingResume: { block: 40, start: 0, firstWords: 'Page 41 begins here.' },
    });
    // The whole document is in: a block it does not have is not coming.
    expect(startingOffer(units([0, 1, 2]), stored(40), false)).toEqual({});
    // A block it has whose words changed: the document is not the one read then.
    expect(startingOffer(units([0, 1, 2]), stored(1, 'Other words'), true)).toEqual({});
    // The very start is no place to continue from.
    expect(startingOffer(units([0, 1, 2]), stored(0), true)).toEqual({});
  });
});

describe('a pending position as later blocks arrive (appendUnits)', () => {
  it('becomes the offer, with the unit index it got, once its block is in', () => {
    const s = reading([0, 1, 2], { pendingResume: stored(5) });
    appendUnits(s, more([3, 4]));
    expect([s.resumeOffer, s.pendingResume]).toEqual([undefined, stored(5)]);
    appendUnits(s, more([5, 6]));
    expect(s.resumeOffer).toEqual({ index: 5, firstWords: 'Page 6 begins here.' });
    expect(s.pendingResume).toBeUndefined();
  });

  it('is given up when its block came with other words, or the document ended without it', () => {
    const changed = reading([0, 1], { pendingResume: stored(3, 'Words heard before') });
    appendUnits(changed, more([2, 3, 4]));
    expect([changed.resumeOffer, changed.pendingResume]).toEqual([undefined, undefined]);
    const ended = reading([0, 1], { pendingResume: stored(9) });
    appendUnits(ended, more([2, 3], true));
    expect([ended.resumeOffer, ended.pendingResume]).toEqual([undefined, undefined]);
  });

  it('is not offered when the listener has already got past it', () => {
    // The listener moved past the stored unit (a seek) before its position was settled.
    const passed = reading([0, 1, 2], { pendingResume: stored(2) });
    passed.units[2]!.status = 'played';
    appendUnits(passed, more([3]));
    expect([passed.resumeOffer, passed.pendingResume]).toEqual([undefined, undefined]);
  });
});
