import { describe, expect, it } from 'vitest';
import type { ReadingUnit } from '../../utils/reading/reading-state';
import { firstUnitOfSentence, seekTarget, sentenceOfUnit, sliderKeySeek } from '../../utils/reading/seek-target';

/** Blocks 0,0,0,1,1,2 (three paragraphs: three, two and one sentence). */
function units(playing: number, startedAt = 0): { units: ReadingUnit[] } {
  const blocks = [0, 0, 0, 1, 1, 2];
  return {
    units: blocks.map((block, index) => ({
      index,
      block,
      text: `Sentence ${index}.`,
      start: 0,
      end: 10,
      pauseAfterMs: 0,
      status: index < playing ? 'played' : index === playing ? 'playing' : 'queued',
      ...(index === playing ? { startedAt } : {}),
    })),
  };
}

describe('seekTarget', () => {
  it('next and previous sentence move by exactly one unit', () => {
    expect(seekTarget(units(3, 1000), 'next-sentence', 1500)).toBe(4);
    expect(seekTarget(units(3, 1000), 'prev-sentence', 1500)).toBe(2);
    expect(seekTarget(units(0, 1000), 'prev-sentence', 1500)).toBe(0);
  });

  it('going back more than 3 s into a sentence restarts it', () => {
    expect(seekTarget(units(3, 1000), 'prev-sentence', 4001)).toBe(3);
    expect(seekTarget(units(3, 1000), 'prev-sentence', 3999)).toBe(2);
  });

  it('a sentence cut at a clause is one sentence: next skips its rest, previous restarts it from its first clause', () => {
    // Units 1 and 2 are one sentence, cut after its first clause for a quicker first sound.
    const cut = (playing: number, startedAt = 1000) => {
      const state = units(playing, startedAt);
      state.units[1]!.endsClause = true;
      return state;
    };
    expect(seekTarget(cut(1), 'next-sentence', 1500)).toBe(3);
    expect(seekTarget(cut(0), 'next-sentence', 1500)).toBe(1);
    // From its rest, however soon: back to its first clause; from its first clause: the sentence before.
    expect(seekTarget(cut(2), 'prev-sentence', 1500)).toBe(1);
    expect(seekTarget(cut(1), 'prev-sentence', 1500)).toBe(0);
    expect(seekTarget(cut(3), 'prev-sentence', 1500)).toBe(1);
    expect(seekTarget(cut(1), 'prev-sentence', 4500)).toBe(1);
    // Units 4 and 5 the reading's last sentence, cut: next from its first clause is the end.
    const last = units(4, 1000);
    last.units[5]!.block = 1;
    last.units[4]!.endsClause = true;
    expect(seekTarget(last, 'next-sentence', 1500)).toBe(6);
  });

  it('next paragraph goes to the first sentence of the next block; past the last one means the end', () => {
    expect(seekTarget(units(1), 'next-paragraph', 10)).toBe(3);
    expect(seekTarget(units(3), 'next-paragraph', 10)).toBe(5);
    expect(seekTarget(units(5), 'next-paragraph', 10)).toBe(6);
    expect(seekTarget(units(5), 'next-sentence', 10)).toBe(6);
  });

  it('previous paragraph: from a first sentence to the previous paragraph, else back to this one’s start', () => {
    expect(seekTarget(units(3, 1000), 'prev-paragraph', 1500)).toBe(0);
    expect(seekTarget(units(4, 1000), 'prev-paragraph', 1500)).toBe(3);
    expect(seekTarget(units(3, 1000), 'prev-paragraph', 5000)).toBe(3);
    expect(seekTarget(units(0, 1000), 'prev-paragraph', 1500)).toBe(0);
  });

  it('between units (nothing playing) it counts from the next unit to be heard', () => {
    const s = units(3);
    s.units[3]!.status = 'queued';
    delete s.units[3]!.startedAt;
    expect(seekTarget(s, 'next-sentence', 0)).toBe(4);
    expect(seekTarget(s, 'prev-sentence', 0)).toBe(2);
  });
});

describe('sliderKeySeek (the position slider in the popup and the page player)', () => {
  it('moves one sentence with the arrows, within the reading', () => {
    expect(sliderKeySeek('ArrowRight', 4, 10)).toEqual({ sentence: 5 });
    expect(sliderKeySeek('ArrowUp', 4, 10)).toEqual({ sentence: 5 });
    expect(sliderKeySeek('ArrowLeft', 4, 10)).toEqual({ sentence: 3 });
    expect(sliderKeySeek('ArrowDown', 4, 10)).toEqual({ sentence: 3 });
    expect(sliderKeySeek('ArrowLeft', 0, 10)).toEqual({ sentence: 0 });
    expect(sliderKeySeek('ArrowRight', 9, 10)).toEqual({ sentence: 9 });
  });

  it('moves a paragraph with Page Up (forward) and Page Down (back), as the APG slider does', () => {
    expect(sliderKeySeek('PageUp', 4, 10)).toEqual({ to: 'next-paragraph' });
    expect(sliderKeySeek('PageDown', 4, 10)).toEqual({ to: 'prev-paragraph' });
  });

  it('goes to the first and last sentence with Home and End, and ignores other keys', () => {
    expect(sliderKeySeek('Home', 4, 10)).toEqual({ sentence: 0 });
    expect(sliderKeySeek('End', 4, 10)).toEqual({ sentence: 9 });
    expect(sliderKeySeek('End', 0, 0)).toEqual({ sentence: 0 });
    expect(sliderKeySeek('Enter', 4, 10)).toBeNull();
    expect(sliderKeySeek('a', 4, 10)).toBeNull();
  });
});

describe('sentences as the position slider counts them', () => {
  // Units 0-1: one sentence cut at its first clause; 2: a sentence; 3-5: one sentence too long for one unit; 6.
  const ends = [true, false, false, true, true, false, false];
  const units = ends.map((endsClause) => (endsClause ? { endsClause } : {}));

  it('counts a sentence of several units once, wherever in it the reading is', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => sentenceOfUnit(units, i).sentence)).toEqual([0, 0, 1, 2, 2, 2, 3]);
    expect(sentenceOfUnit(units, 0).sentences).toBe(4);
    expect(sentenceOfUnit([], 0)).toEqual({ sentence: 0, sentences: 0 });
  });

  it('seeks to the first unit of a sentence, clamped to the reading', () => {
    expect([0, 1, 2, 3].map((s) => firstUnitOfSentence(units, s))).toEqual([0, 2, 3, 6]);
    expect(firstUnitOfSentence(units, 99)).toBe(6);
    expect(firstUnitOfSentence(units, -3)).toBe(0);
    expect(firstUnitOfSentence(units, Number.NaN)).toBe(0);
    expect(firstUnitOfSentence([], 2)).toBe(0);
  });
});
