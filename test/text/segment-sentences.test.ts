import { describe, expect, it } from 'vitest';
import { segmentSentences } from '../../utils/text/segment-sentences';

function sentences(text: string, lang = 'en') {
  return segmentSentences(text, lang).map(({ start, end }) => text.slice(start, end).trim());
}

describe('segmentSentences', () => {
  it('covers the whole text with contiguous ranges', () => {
    const text = 'One. Two!  Three?\nFour';
    const ranges = segmentSentences(text, 'en');
    expect(ranges[0]!.start).toBe(0);
    expect(ranges[ranges.length - 1]!.end).toBe(text.length);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end);
  });

  it('joins after titles, Latin shorthand and initials', () => {
    expect(sentences('Ask Prof. Lee. Or Dr. No.')).toEqual(['Ask Prof. Lee.', 'Or Dr. No.']);
    expect(sentences('Some, i.e. Many, came. Fine.')).toEqual(['Some, i.e. Many, came.', 'Fine.']);
    expect(sentences('J. R. R. Tolkien wrote it. Yes.')).toEqual(['J. R. R. Tolkien wrote it.', 'Yes.']);
  });

  it('still ends sentences after ordinary words that look short', () => {
    expect(sentences('I said no. Then I left.')).toEqual(['I said no.', 'Then I left.']);
    expect(sentences('We sold books etc. Then we closed.')).toEqual(['We sold books etc.', 'Then we closed.']);
  });
});
