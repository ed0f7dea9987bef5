import { describe, expect, it } from 'vitest';
import { remainingCharsEstimate } from '../../utils/pdf/remaining-text';

describe('remainingCharsEstimate', () => {
  it('counts the pages not settled yet at the average of those settled', () => {
    // 8 of 30 pages settled, 2 400 characters heard on them: 22 more pages at 300 each.
    expect(remainingCharsEstimate({ sentChars: 2_400, pagesDecided: 8, pagesTotal: 30 })).toBe(6_600);
  });

  it('is nothing when every page is settled, and nothing before any is', () => {
    expect(remainingCharsEstimate({ sentChars: 2_400, pagesDecided: 30, pagesTotal: 30 })).toBe(0);
    expect(remainingCharsEstimate({ sentChars: 0, pagesDecided: 0, pagesTotal: 12 })).toBe(0);
  });
});
