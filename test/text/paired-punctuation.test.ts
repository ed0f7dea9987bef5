import { describe, expect, it } from 'vitest';
import { chunkText } from '../../utils/text/chunk-text';
import { segmentSentences } from '../../utils/text/segment-sentences';

// Item 8 of issue 11: opening brackets and quotes go with the sentence they open, closing ones with the sentence
// they close, and no unit starts with closing punctuation — in every script.

function sentences(text: string, lang: string) {
  return segmentSentences(text, lang).map(({ start, end }) => text.slice(start, end).trim());
}

function units(text: string, lang: string, max?: number) {
  return chunkText([{ index: 0, text }], lang, max).map((u) => u.text);
}

// Marks whose direction is their Unicode category; the undirected ones are checked case by case below.
const CLOSING = /^[\p{Pe}\p{Pf}]/u;
const OPENING = /[\p{Ps}\p{Pi}]$/u;

describe('segmentation keeps paired punctuation with its sentence', () => {
  it('Japanese: an opening bracket after 。 starts the next sentence, the closing one ends its own', () => {
    const text = '僕はそう思いました。（あいつの言うことは正しい。）それでいい。';
    expect(units(text, 'ja')).toEqual(['僕はそう思いました。', '（あいつの言うことは正しい。）', 'それでいい。']);
  });

  it('Japanese: a corner-bracket quote after 。 opens the next sentence', () => {
    expect(units('と彼は聞いた。「はい。」次です。', 'ja')).toEqual(['と彼は聞いた。', '「はい。」', '次です。']);
  });

  it('Japanese: a closing quote after ？ and a space stays with the question', () => {
    const text = '彼は「本当ですか？ 」と聞いた。次。';
    const out = units(text, 'ja');
    expect(out[0]).toBe('彼は「本当ですか？ 」');
    for (const unit of out) expect(unit).not.toMatch(CLOSING);
  });

  it('Japanese: the e2e fixture paragraph (test/e2e/fixtures/reading-quality-text.html)', () => {
    const text =
      '僕はそう思いました。（あいつの言うことは正しい。）彼は「本当ですか？ 」と聞いた。「はい。」それでいい。';
    expect(units(text, 'ja')).toEqual([
      '僕はそう思いました。',
      '（あいつの言うことは正しい。）',
      '彼は「本当ですか？ 」',
      'と聞いた。',
      '「はい。」',
      'それでいい。',
    ]);
  });

  it('Chinese: curly quotes after 。 open the next sentence', () => {
    expect(units('这是第一句。“这是引用。”这是第三句。', 'zh')).toEqual([
      '这是第一句。',
      '“这是引用。”',
      '这是第三句。',
    ]);
  });

  it('French: a spaced closing guillemet stays with its question', () => {
    const text = 'Il a dit : « Vraiment ? » Puis il est parti. « Oui. » Bien.';
    expect(units(text, 'fr')).toEqual(['Il a dit : « Vraiment ? »', 'Puis il est parti.', '« Oui. »', 'Bien.']);
  });

  it('German: „…“ and »…« are told apart by their place, not by their Unicode class alone', () => {
    const text = 'Er sagte: „Wirklich?“ Dann ging er. »Ja.« Gut.';
    expect(units(text, 'de')).toEqual(['Er sagte: „Wirklich?“', 'Dann ging er.', '»Ja.«', 'Gut.']);
  });

  it('English: a lower-case word after a quoted question continues the sentence', () => {
    expect(units('“Really?” he asked. “Yes.” OK.', 'en')).toEqual(['“Really?” he asked.', '“Yes.”', 'OK.']);
  });

  it('ASCII double quotes in text without spaces are paired in order', () => {
    expect(units('これは本です。"次の文"です。', 'ja')).toEqual(['これは本です。', '"次の文"です。']);
  });

  it('Arabic: guillemets and brackets stay with their sentence', () => {
    const text = 'قال: «هل أنت بخير؟» ثم ذهب. (هذا تعليق.) نعم.';
    expect(units(text, 'ar')).toEqual(['قال: «هل أنت بخير؟»', 'ثم ذهب.', '(هذا تعليق.)', 'نعم.']);
  });

  it('Hebrew: a gershayim quote mark closes the question it ends', () => {
    const text = 'הוא שאל ״מה שלומך?״ ואז הלך. "כן." טוב.';
    expect(units(text, 'he')).toEqual(['הוא שאל ״מה שלומך?״', 'ואז הלך.', '"כן."', 'טוב.']);
  });

  it('ranges still cover the text contiguously after the moves', () => {
    const text = '僕はそう思いました。（あいつ。）それ。「はい？ 」と。';
    const ranges = segmentSentences(text, 'ja');
    expect(ranges[0]!.start).toBe(0);
    expect(ranges[ranges.length - 1]!.end).toBe(text.length);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end);
    for (const s of sentences(text, 'ja')) {
      expect(s).not.toMatch(CLOSING);
      expect(s).not.toMatch(OPENING);
    }
  });

  it('a long sentence cut between words never starts a unit with a closing bracket nor ends one with an opener', () => {
    // Ten-character limit: the word cut would otherwise fall right before ")" or right after "(".
    const text = 'aaaa bbbb (cccc) dddd (eeee) ffff.';
    const out = units(text, 'en', 10);
    expect(out.join('').replace(/\s/gu, '')).toBe(text.replace(/\s/gu, ''));
    for (const unit of out) {
      expect(unit).not.toMatch(CLOSING);
      expect(unit).not.toMatch(OPENING);
    }
  });

  it('apostrophes inside words and Hebrew abbreviation marks are not quotes', () => {
    expect(units("Don't go. It's late.", 'en')).toEqual(["Don't go.", "It's late."]);
    expect(units('Don’t go. It’s late.', 'en')).toEqual(['Don’t go.', 'It’s late.']);
    expect(units('הוא שירת בצה״ל. "כן." טוב.', 'he')).toEqual(['הוא שירת בצה״ל.', '"כן."', 'טוב.']);
  });
});

describe('settled boundaries lose nothing', () => {
  it('random mixes of sentences, brackets, quotes and spaces still cover the text and keep every character once', () => {
    const pieces = [
      'Word',
      'の文',
      'نص',
      'טקסט',
      '. ',
      '。',
      '？',
      '? ',
      '! ',
      '(',
      ')',
      '（',
      '）',
      '「',
      '」',
      '“',
      '”',
      '«',
      '»',
      '"',
      "'",
      '״',
      ' ',
      '\n',
      'x',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = 1 + Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
      const ranges = segmentSentences(text, 'und');
      expect(ranges[0]?.start ?? 0).toBe(0);
      expect(ranges[ranges.length - 1]?.end ?? 0).toBe(text.length);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end);
      for (const range of ranges) expect(range.end).toBeGreaterThan(range.start);
      const out = chunkText([{ index: 0, text }], 'und', 12);
      expect(
        out
          .map((u) => u.text)
          .join('')
          .replace(/\s/gu, ''),
      ).toBe(text.replace(/\s/gu, ''));
      for (const unit of out) expect(unit.text).toBe(text.slice(unit.start, unit.end));
    }
  });
});
