import { describe, expect, it } from 'vitest';
import { chunkText } from '../../utils/text/chunk-text';
import { FIRST_UNIT_CHARS, firstUnitCut, splitForFirstSound } from '../../utils/text/first-unit';

const LONG =
  'When the library stayed open late on Thursdays, the reading room filled with students, retirees and a few ' +
  'night-shift nurses who came for the quiet.';

describe('firstUnitCut', () => {
  it('cuts at the first clause boundary within the limit', () => {
    const at = firstUnitCut(LONG, 0, LONG.length, 'en');
    expect(LONG.slice(0, at)).toBe('When the library stayed open late on Thursdays,');
  });

  it('without a clause boundary in reach, leaves the sentence whole (a cut between words is heard mid-phrase)', () => {
    const text =
      'The quiet reading room on the second floor of the old municipal library filled up with students every evening.';
    expect(firstUnitCut(text, 0, text.length, 'en')).toBeUndefined();
    // A clause boundary past the limit is no cut either.
    const late = 'The quiet reading room on the second floor of the old municipal library, filled up every evening.';
    expect(late.indexOf(',')).toBeGreaterThan(FIRST_UNIT_CHARS);
    expect(firstUnitCut(late, 0, late.length, 'en')).toBeUndefined();
  });

  it('leaves a short sentence whole, and a long one with no boundary that leaves both pieces worth a request', () => {
    expect(firstUnitCut('A short sentence, read whole.', 0, 29, 'en')).toBeUndefined();
    const oneWord = 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(2) + ' end.';
    expect(firstUnitCut(oneWord, 0, oneWord.length, 'en')).toBeUndefined();
  });

  it('skips a clause boundary that leaves a piece too short to be worth it', () => {
    const text = 'Well, the reading room on the second floor filled up with students every evening of the week.';
    const at = firstUnitCut(text, 0, text.length, 'en')!;
    expect(text.slice(0, at)).not.toBe('Well,');
    expect(text.slice(0, at).trim().length).toBeGreaterThanOrEqual(12);
  });

  it('never cuts inside brackets or quotes', () => {
    const text =
      'The committee (which met on Thursdays, Fridays and on every second Sunday of the month) agreed to stay.';
    // The clause boundaries inside the brackets are passed over, and none is left within reach.
    expect(firstUnitCut(text, 0, text.length, 'en')).toBeUndefined();
    const quoted =
      'The old librarian said "we will stay open late, whatever the weather, every Thursday of the winter" and left.';
    expect(firstUnitCut(quoted, 0, quoted.length, 'en')).toBeUndefined();
    // After the closing bracket, a clause boundary within reach is the cut.
    const after = 'The board (all five) agreed, after a long night, to keep the reading room open until ten.';
    expect(after.slice(0, firstUnitCut(after, 0, after.length, 'en'))).toBe('The board (all five) agreed,');
  });

  it('works on a range inside a block (offsets are the block text’s)', () => {
    const block = `First sentence. ${LONG}`;
    const start = block.indexOf('When');
    const at = firstUnitCut(block, start, block.length, 'en')!;
    expect(block.slice(start, at)).toBe('When the library stayed open late on Thursdays,');
  });
});

describe('splitForFirstSound', () => {
  it('makes two units that are ranges of the block text, the second keeping endsParagraph', () => {
    const block = { index: 3, text: `Intro. ${LONG}` };
    const units = chunkText([block], 'en');
    expect(units).toHaveLength(2);
    const pieces = splitForFirstSound(units[1]!, block.text, 'en');
    expect(pieces).toHaveLength(2);
    for (const p of pieces) {
      expect(p.text).toBe(block.text.slice(p.start, p.end));
      expect(p.block).toBe(3);
    }
    expect(pieces[0]!.text).toBe('When the library stayed open late on Thursdays,');
    expect(pieces[0]!.endsParagraph).toBe(false);
    expect(pieces[0]!.endsClause).toBe(true);
    expect(pieces[1]!.endsClause).toBeFalsy();
    expect(pieces[1]!.text).toBe(
      'the reading room filled with students, retirees and a few night-shift nurses who came for the quiet.',
    );
    expect(pieces[1]!.endsParagraph).toBe(true);
    expect(pieces[0]!.start).toBe(units[1]!.start);
    expect(pieces[1]!.end).toBe(units[1]!.end);
  });

  it('returns a unit that needs no cut as it is', () => {
    const block = { index: 0, text: 'Short and sweet.' };
    const [unit] = chunkText([block], 'en');
    expect(splitForFirstSound(unit!, block.text, 'en')).toEqual([unit]);
  });
});
