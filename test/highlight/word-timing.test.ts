import { describe, expect, it } from 'vitest';
import { estimateSyllables, estimateWordTimings, wordAt, wordAtTime } from '../../utils/highlight/word-timing';

const spanOf = (sentence: string, word: string): { start: number; end: number } => {
  const start = sentence.indexOf(word);
  return { start, end: start + word.length };
};

describe('estimateSyllables', () => {
  it('counts vowel groups, ignores a silent final e, and never returns less than one', () => {
    expect(estimateSyllables('cat')).toBe(1);
    expect(estimateSyllables('make')).toBe(1);
    expect(estimateSyllables('table')).toBe(2);
    expect(estimateSyllables('banana')).toBe(3);
    expect(estimateSyllables('rhythm')).toBe(1);
    expect(estimateSyllables('nth')).toBe(1);
  });

  it('gives numbers and syllabic scripts their spoken length', () => {
    expect(estimateSyllables('2024')).toBeGreaterThan(estimateSyllables('7'));
    expect(estimateSyllables('東京都')).toBe(3);
  });
});

describe('word timing', () => {
  const sentence = 'The extraordinary cat sat, quietly, on the mat.';
  const duration = 4000;

  it('starts the first word at 0 ms and ends the last word at the end of the audio', () => {
    const timings = estimateWordTimings(sentence, duration);
    expect(timings[0]!.startMs).toBe(0);
    expect(timings.at(-1)!.endMs).toBeCloseTo(duration, 6);
    expect(wordAt(sentence, 0, duration)).toEqual(spanOf(sentence, 'The'));
    expect(wordAt(sentence, duration - 1, duration)).toEqual(spanOf(sentence, 'mat'));
    expect(wordAt(sentence, duration + 500, duration)).toEqual(spanOf(sentence, 'mat'));
  });

  it('is monotonic in elapsed time and visits every word in order', () => {
    const seen: number[] = [];
    let last = -1;
    for (let t = 0; t <= duration; t += 5) {
      const w = wordAt(sentence, t, duration)!;
      expect(w.start).toBeGreaterThanOrEqual(last);
      if (w.start !== last) seen.push(w.start);
      last = w.start;
    }
    const expected = ['The', 'extraordinary', 'cat', 'sat', 'quietly', 'on', 'the', 'mat'].map((word, i, all) =>
      // "the" appears twice: find each occurrence after the previous word.
      sentence.indexOf(word, i === 0 ? 0 : sentence.indexOf(all[i - 1]!) + 1),
    );
    expect(seen).toEqual(expected);
  });

  it('gives longer words longer spans', () => {
    const timings = estimateWordTimings(sentence, duration);
    const len = (word: string): number => {
      const t = timings.find((x) => sentence.slice(x.start, x.end) === word)!;
      return t.endMs - t.startMs;
    };
    expect(len('extraordinary')).toBeGreaterThan(len('cat') * 3);
    expect(len('quietly')).toBeGreaterThan(len('sat'));
  });

  it('pauses longer at punctuation than between plain words', () => {
    const s = 'one two, three four. five';
    const t = estimateWordTimings(s, 3000);
    const gap = (i: number): number => t[i + 1]!.startMs - t[i]!.endMs;
    expect(gap(1)).toBeGreaterThan(gap(0)); // comma after "two"
    expect(gap(3)).toBeGreaterThan(gap(1)); // full stop after "four"
    expect(gap(0)).toBeGreaterThan(0);
    // During the pause the previous word stays highlighted.
    expect(wordAtTime(t, t[1]!.endMs + gap(1) / 2)).toEqual(spanOf(s, 'two'));
  });

  it('has no word before the audio starts or in a sentence without words', () => {
    expect(wordAt(sentence, -1, duration)).toBeNull();
    expect(wordAt('… — !', 100, 1000)).toBeNull();
  });

  it('uses UTF-16 offsets of the sentence, also after astral characters', () => {
    const s = '😀 smile now';
    const t = estimateWordTimings(s, 1000);
    expect(t.map((w) => s.slice(w.start, w.end))).toEqual(['smile', 'now']);
  });

  it('survives a malformed language tag', () => {
    expect(wordAt('Hello there', 0, 1000, 'not a tag!')).toEqual({ start: 0, end: 5 });
  });
});
