/**
 * Where next/previous sentence and paragraph go from the unit being heard. Like a music player's "previous":
 * more than a few seconds into a sentence (or paragraph), going back restarts it instead of going further back
 * (what Read Aloud does with its 3 s rule). A sentence cut at a clause for a quicker first sound, or too long for
 * one unit, is several units (ReadingUnit.endsClause) and one sentence here: "next" from any piece skips its rest,
 * "previous" from a later piece restarts it.
 */
import type { ReadingState } from './reading-state';

export type SeekDirection = 'next-sentence' | 'prev-sentence' | 'next-paragraph' | 'prev-paragraph';

/** Whether unit `i` starts a sentence: the unit before it does not go on into it (ReadingUnit.endsClause). */
const startsSentence = (units: readonly { endsClause?: boolean }[], i: number): boolean =>
  i === 0 || units[i - 1]?.endsClause !== true;

/** Going back more than this far into a unit restarts it. */
export const RESTART_THRESHOLD_MS = 3000;

/**
 * The index of the unit to continue from; `units.length` means past the end (reading is finished).
 * `now` is Date.now(), compared with the playing unit's startedAt.
 */
export function seekTarget(state: Pick<ReadingState, 'units'>, to: SeekDirection, now: number): number {
  const units = state.units;
  const current = units.find((u) => u.status === 'playing') ?? units.find((u) => u.status !== 'played');
  if (!current) return to.startsWith('prev') ? Math.max(0, units.length - 1) : units.length;
  const i = current.index;
  const elapsed = current.status === 'playing' && current.startedAt !== undefined ? now - current.startedAt : 0;
  const firstOfBlock = (block: number) => units.find((u) => u.block === block)?.index ?? 0;
  const sentenceStart = (index: number) => {
    let start = Math.max(0, index);
    while (!startsSentence(units, start)) start--;
    return start;
  };
  switch (to) {
    case 'next-sentence': {
      let next = i + 1;
      while (next < units.length && !startsSentence(units, next)) next++;
      return next;
    }
    case 'prev-sentence': {
      const start = sentenceStart(i);
      return i > start || elapsed > RESTART_THRESHOLD_MS ? start : sentenceStart(i - 1);
    }
    case 'next-paragraph':
      return units.find((u) => u.index > i && u.block !== current.block)?.index ?? units.length;
    case 'prev-paragraph': {
      const start = firstOfBlock(current.block);
      if (i > start || elapsed > RESTART_THRESHOLD_MS) return start;
      const previous = [...units].reverse().find((u) => u.index < start);
      return previous ? firstOfBlock(previous.block) : start;
    }
  }
}

/**
 * The 0-based sentence holding unit `index`, and how many sentences the reading has: what the position slider shows
 * ("Sentence 2 of 9"), a sentence of several units (cut at a clause, or too long for one unit) counting once.
 */
export function sentenceOfUnit(
  units: readonly { endsClause?: boolean }[],
  index: number,
): { sentence: number; sentences: number } {
  let sentence = 0;
  let sentences = 0;
  for (let i = 0; i < units.length; i++) {
    if (!startsSentence(units, i)) continue;
    sentences++;
    if (i <= index) sentence = sentences - 1;
  }
  return { sentence, sentences };
}

/** The first unit of sentence `sentence` (0-based, clamped to the reading's sentences). */
export function firstUnitOfSentence(units: readonly { endsClause?: boolean }[], sentence: number): number {
  const wanted = Number.isFinite(sentence) ? Math.max(0, Math.trunc(sentence)) : 0;
  let last = 0;
  let count = -1;
  for (let i = 0; i < units.length; i++) {
    if (!startsSentence(units, i)) continue;
    count++;
    last = i;
    if (count === wanted) return i;
  }
  return last;
}

/**
 * The position slider's keys (popup and page player), as the APG slider pattern has them
 * (https://www.w3.org/WAI/ARIA/apg/patterns/slider/): arrows one sentence, Page Up/Down one paragraph (Up forward),
 * Home/End the first and last sentence. `index` is the sentence shown now; null for any other key.
 */
export function sliderKeySeek(key: string, index: number, total: number): SliderSeek | null {
  const last = Math.max(0, total - 1);
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return { sentence: Math.min(last, index + 1) };
    case 'ArrowLeft':
    case 'ArrowDown':
      return { sentence: Math.max(0, index - 1) };
    case 'PageUp':
      return { to: 'next-paragraph' };
    case 'PageDown':
      return { to: 'prev-paragraph' };
    case 'Home':
      return { sentence: 0 };
    case 'End':
      return { sentence: last };
    default:
      return null;
  }
}

/** A seek to a sentence (0-based, sentenceOfUnit), or by paragraph from the sentence being heard (seekTarget above). */
export type SliderSeek = { sentence: number } | { to: 'next-paragraph' | 'prev-paragraph' };
