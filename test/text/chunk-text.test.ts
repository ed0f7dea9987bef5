import { describe, expect, it } from 'vitest';
import { chunkText, type TextBlock, type TextUnit } from '../../utils/text/chunk-text';
import { codePointLength, normalizeText } from '../../utils/text/normalize-text';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function graphemeBoundaries(text: string): Set<number> {
  const out = new Set<number>([text.length]);
  for (const { index } of graphemes.segment(text)) out.add(index);
  return out;
}

/** Properties every chunking must have, whatever the input. */
function checkInvariants(blocks: TextBlock[], units: TextUnit[], max = 256) {
  for (const unit of units) {
    const block = blocks.find((b) => b.index === unit.block);
    expect(block).toBeDefined();
    const text = (block as TextBlock).text;
    expect(unit.text).toBe(text.slice(unit.start, unit.end));
    expect(unit.text).toBe(unit.text.trim());
    expect(unit.text.length).toBeGreaterThan(0);
    expect(codePointLength(normalizeText(unit.text))).toBeLessThanOrEqual(max);
    const bounds = graphemeBoundaries(text);
    expect(bounds.has(unit.start)).toBe(true);
    expect(bounds.has(unit.end)).toBe(true);
  }
  // Nothing lost, nothing read twice: the units of a block, in order, hold all of its non-space text.
  for (const block of blocks) {
    const own = units.filter((u) => u.block === block.index);
    for (let i = 1; i < own.length; i++) expect(own[i]!.start).toBeGreaterThanOrEqual(own[i - 1]!.end);
    expect(
      own
        .map((u) => u.text)
        .join('')
        .replace(/\s/gu, ''),
    ).toBe(block.text.replace(/\s/gu, ''));
  }
}

function words(codePoints: number): string {
  // "abcd " repeated, cut to length, never ending in a space.
  let s = '';
  while (s.length < codePoints) s += 'abcd ';
  s = s.slice(0, codePoints - 1) + 'x';
  return s;
}

describe('chunkText', () => {
  it('keeps a 255 code point sentence whole', () => {
    const blocks = [{ index: 0, text: words(255) }];
    const units = chunkText(blocks, 'en');
    expect(units).toHaveLength(1);
    expect(units[0]).toEqual({ text: blocks[0]!.text, block: 0, start: 0, end: 255, endsParagraph: true });
  });

  it('keeps a sentence of exactly 256 code points whole', () => {
    const blocks = [{ index: 0, text: words(256) }];
    expect(chunkText(blocks, 'en')).toHaveLength(1);
  });

  it('splits a 257 code point sentence into two units at a word boundary', () => {
    const blocks = [{ index: 0, text: words(257) }];
    const units = chunkText(blocks, 'en');
    expect(units).toHaveLength(2);
    checkInvariants(blocks, units);
    // Cut between words: the first unit ends in a whole word.
    expect(units[0]!.text.endsWith('abcd')).toBe(true);
  });

  it('counts code points, not UTF-16 units: 200 astral letters fit one unit', () => {
    const text = '𝒜'.repeat(200); // 400 UTF-16 units, 200 code points
    const units = chunkText([{ index: 0, text }], 'en');
    expect(units).toHaveLength(1);
  });

  it('measures the normalised text that is sent (NFC), not the raw text', () => {
    const text = 'e\u0301'.repeat(200); // 400 code points raw, 200 after NFC
    expect(chunkText([{ index: 0, text }], 'en')).toHaveLength(1);
  });

  it('never splits a ZWJ family emoji', () => {
    const family = '👨‍👩‍👧‍👦'; // 7 code points, one grapheme
    const blocks = [{ index: 0, text: family.repeat(100) }];
    const units = chunkText(blocks, 'en');
    expect(units.length).toBeGreaterThan(1);
    checkInvariants(blocks, units);
    for (const u of units) expect(u.text.replaceAll(family, '')).toBe('');
  });

  it('never splits a flag', () => {
    const blocks = [{ index: 0, text: '🇫🇷🇯🇵'.repeat(100) }];
    const units = chunkText(blocks, 'en');
    expect(units.length).toBeGreaterThan(1);
    checkInvariants(blocks, units);
    for (const u of units) expect(u.text.replace(/🇫🇷|🇯🇵/gu, '')).toBe('');
  });

  it('splits CJK without spaces at 。！？', () => {
    const text = '今日は晴れです。明日は雨でしょう！本当ですか？';
    const units = chunkText([{ index: 0, text }], 'ja');
    expect(units.map((u) => u.text)).toEqual(['今日は晴れです。', '明日は雨でしょう！', '本当ですか？']);
  });

  it('cuts a long CJK sentence without punctuation between characters, within the limit', () => {
    const blocks = [{ index: 0, text: '東京都の天気は晴れで気温が高い'.repeat(40) + '。' }];
    const units = chunkText(blocks, 'ja');
    expect(units.length).toBeGreaterThanOrEqual(3);
    checkInvariants(blocks, units);
  });

  it('segments Arabic and Hebrew sentences', () => {
    const arabic = 'مرحبا بالعالم. كيف حالك؟ أنا بخير.';
    expect(chunkText([{ index: 0, text: arabic }], 'ar').map((u) => u.text)).toEqual([
      'مرحبا بالعالم.',
      'كيف حالك؟',
      'أنا بخير.',
    ]);
    const hebrew = 'שלום עולם. מה שלומך?';
    expect(chunkText([{ index: 0, text: hebrew }], 'he').map((u) => u.text)).toEqual(['שלום עולם.', 'מה שלומך?']);
  });

  it('does not end a sentence after "Dr." or "e.g."', () => {
    const text = 'Dr. Smith arrived late. Bring fruit, e.g. Apples or pears. Then stop.';
    expect(chunkText([{ index: 0, text }], 'en').map((u) => u.text)).toEqual([
      'Dr. Smith arrived late.',
      'Bring fruit, e.g. Apples or pears.',
      'Then stop.',
    ]);
  });

  it('does not end a sentence after "Mr." or "U.S."', () => {
    const text = 'Mr. Jones moved to the U.S. Army base. It was cold.';
    expect(chunkText([{ index: 0, text }], 'en').map((u) => u.text)).toEqual([
      'Mr. Jones moved to the U.S. Army base.',
      'It was cold.',
    ]);
  });

  it('keeps decimals whole', () => {
    const text = 'Pi is about 3.14 in short. That is enough.';
    expect(chunkText([{ index: 0, text }], 'en').map((u) => u.text)).toEqual([
      'Pi is about 3.14 in short.',
      'That is enough.',
    ]);
  });

  it('cuts a 1000 character URL into units within the limit, losing nothing', () => {
    let url = 'https://example.com/';
    let i = 0;
    while (url.length < 1000) url += `segment${i++}/`;
    url = url.slice(0, 1000);
    const blocks = [{ index: 0, text: `See ${url} for details.` }];
    const units = chunkText(blocks, 'en');
    expect(units.length).toBeGreaterThanOrEqual(4);
    checkInvariants(blocks, units);
  });

  it('cuts a URL with no word boundaries at all between graphemes', () => {
    const blocks = [{ index: 0, text: 'x'.repeat(1000) }];
    const units = chunkText(blocks, 'en');
    expect(units.map((u) => u.text.length)).toEqual([256, 256, 256, 232]);
    checkInvariants(blocks, units);
  });

  it('prefers clause punctuation when a sentence is too long', () => {
    const clause = 'the quick brown fox jumps over the lazy dog again and again';
    const text = `${clause}, ${clause}, ${clause}, ${clause}, ${clause}.`;
    const blocks = [{ index: 0, text }];
    const units = chunkText(blocks, 'en');
    expect(units.length).toBe(2);
    expect(units[0]!.text.endsWith(',')).toBe(true);
    checkInvariants(blocks, units);
  });

  it('marks every piece of a sentence too long for one unit but its last as going on in the next', () => {
    const clause = 'the quick brown fox jumps over the lazy dog again and again';
    const long = `The ${clause}, ${clause}, ${clause}, ${clause}, ${clause}, ${clause}, ${clause}, ${clause}, ${clause}.`;
    const blocks = [{ index: 0, text: `Short one. ${long} Short two.` }];
    const units = chunkText(blocks, 'en');
    const pieces = units.filter((u) => u.text !== 'Short one.' && u.text !== 'Short two.');
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(pieces.map((u) => u.endsClause === true)).toEqual([...pieces.slice(1).map(() => true), false]);
    // Whole sentences are not cut anywhere: they say nothing of the kind.
    expect(units[0]).toMatchObject({ text: 'Short one.' });
    expect(units[0]!.endsClause).toBeUndefined();
    expect(units.at(-1)).toMatchObject({ text: 'Short two.', endsParagraph: true });
    expect(units.at(-1)!.endsClause).toBeUndefined();
    checkInvariants(blocks, units);
  });

  it('leaves the last piece of a block-ending long sentence to end the paragraph, not a clause', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const units = chunkText([{ index: 0, text: `${words}.` }], 'en');
    expect(units.length).toBe(2);
    expect(units.map((u) => [u.endsClause === true, u.endsParagraph])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('cuts a single grapheme longer than the limit (stacked marks) without losing text', () => {
    const blocks = [{ index: 0, text: 'a' + '\u0301\u0302'.repeat(150) }];
    const units = chunkText(blocks, 'en');
    expect(units).toHaveLength(2);
    expect(units.map((u) => u.text).join('')).toBe(blocks[0]!.text);
  });

  it('returns nothing for empty and whitespace-only blocks', () => {
    expect(chunkText([], 'en')).toEqual([]);
    expect(chunkText([{ index: 0, text: '' }], 'en')).toEqual([]);
    expect(chunkText([{ index: 0, text: ' \n\t\u00a0\u3000 ' }], 'en')).toEqual([]);
  });

  it('numbers units by block and marks the last unit of each block', () => {
    const blocks = [
      { index: 3, text: 'First one. First two.' },
      { index: 4, text: '   ' },
      { index: 7, text: 'Second.' },
    ];
    const units = chunkText(blocks, 'en');
    expect(units.map((u) => [u.block, u.text, u.endsParagraph])).toEqual([
      [3, 'First one.', false],
      [3, 'First two.', true],
      [7, 'Second.', true],
    ]);
  });

  it('gives UTF-16 offsets into the block text, trimmed to non-space', () => {
    const text = '  \n Héllo 👋 wörld.   Next one!\n\n';
    const units = chunkText([{ index: 0, text }], 'en');
    expect(units.map((u) => [u.start, u.end])).toEqual([
      [4, 19], // 👋 is two UTF-16 units
      [22, 31],
    ]);
    expect(units[0]!.text).toBe('Héllo 👋 wörld.');
    checkInvariants([{ index: 0, text }], units);
  });

  it('accepts an invalid page language', () => {
    expect(chunkText([{ index: 0, text: 'One. Two.' }], 'not a language!')).toHaveLength(2);
  });

  it('honours a smaller limit and rejects a nonsensical one', () => {
    const blocks = [{ index: 0, text: words(100) }];
    const units = chunkText(blocks, 'en', 20);
    checkInvariants(blocks, units, 20);
    expect(() => chunkText(blocks, 'en', 0)).toThrow(RangeError);
  });
});
