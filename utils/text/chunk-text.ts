import { MAX_SCRIPT_CODE_POINTS } from '../vocalid/script-limit';
import { codePointLength, normalizeText } from './normalize-text';
import { pairedPunctuationRoles, splitsPair } from './paired-punctuation';
import { segmentSentences } from './segment-sentences';
import { getSegmenter } from './segmenter-cache';

export interface TextBlock {
  index: number;
  text: string;
}

export interface TextUnit {
  /** Exactly `block.text.slice(start, end)`; starts and ends with a non-space character. */
  text: string;
  /** The block's `index`. */
  block: number;
  /** UTF-16 offsets into the block's text. */
  start: number;
  end: number;
  /** Last unit of its block: the player pauses longer after it. */
  endsParagraph: boolean;
  /**
   * Its sentence goes on in the next unit: cut at a clause boundary for a quicker first sound
   * (utils/text/first-unit.ts), or a sentence too long for one unit. The player pauses as at a comma.
   */
  endsClause?: boolean;
}

export type BreakFinder = (text: string, start: number, end: number, lang: string) => number[];

// After ", " "; " ": " (a space is required so 3,000 or 12:30 stay whole), after CJK clause marks, after dashes.
const CLAUSE_END = /[,;:](?=\s)|[、，；：]|[—–]/gu;

export const clauseBreaks: BreakFinder = (text, start, end) => {
  const out: number[] = [];
  const slice = text.slice(start, end);
  for (const match of slice.matchAll(CLAUSE_END)) {
    const at = start + match.index + match[0].length;
    if (at < end) out.push(at);
  }
  return out;
};

function segmentBreaks(granularity: 'word' | 'grapheme'): BreakFinder {
  return (text, start, end, lang) => {
    const out: number[] = [];
    for (const { index } of getSegmenter(lang, granularity).segment(text.slice(start, end))) {
      if (index > 0) out.push(start + index);
    }
    return out;
  };
}

// Last resort for a single grapheme cluster longer than the limit (hundreds of stacked combining marks):
// such a cluster cannot be sent whole, so it is cut between code points, still never inside a surrogate pair.
const codePointBreaks: BreakFinder = (text, start, end) => {
  const out: number[] = [];
  let at = start;
  for (const ch of text.slice(start, end)) {
    at += ch.length;
    if (at < end) out.push(at);
  }
  return out;
};

export const wordBreaks: BreakFinder = segmentBreaks('word');

const LEVELS: BreakFinder[] = [clauseBreaks, wordBreaks, segmentBreaks('grapheme'), codePointBreaks];

const SPACE = /\s/u;

/** `[start, end)` without the white space at either end. */
export function trimRange(text: string, start: number, end: number): [number, number] {
  while (start < end && SPACE.test(text[start] as string)) start++;
  while (end > start && SPACE.test(text[end - 1] as string)) end--;
  return [start, end];
}

/**
 * Splits blocks into units for synthesis: one sentence per unit; a sentence longer than `maxCodePoints`
 * (measured on the normalised text that is actually sent) is cut at clause punctuation, else between words,
 * else between grapheme clusters, packing as much as fits into each unit.
 */
export function chunkText(
  blocks: TextBlock[],
  lang: string,
  maxCodePoints: number = MAX_SCRIPT_CODE_POINTS,
): TextUnit[] {
  if (!Number.isInteger(maxCodePoints) || maxCodePoints < 1) {
    throw new RangeError(`chunkText: maxCodePoints must be a positive whole number (got ${maxCodePoints}).`);
  }
  const units: TextUnit[] = [];
  for (const block of blocks) {
    if (typeof block?.text !== 'string' || !Number.isInteger(block.index)) {
      throw new TypeError('chunkText: every block needs a whole-number index and a text string.');
    }
    const text = block.text;
    const first = units.length;
    const measure = (start: number, end: number) => codePointLength(normalizeText(text.slice(start, end)));

    const emit = (rawStart: number, rawEnd: number) => {
      const [start, end] = trimRange(text, rawStart, rawEnd);
      if (start >= end) return;
      const slice = text.slice(start, end);
      if (normalizeText(slice) === '') return;
      units.push({ text: slice, block: block.index, start, end, endsParagraph: false });
    };

    let roles: Uint8Array | undefined;
    // A cut inside a long sentence never leaves "(" at the end of a unit or ")" at the start of the next, except
    // at the last level, which must be able to cut anything.
    const keepsPairs = (at: number) => !splitsPair(text, (roles ??= pairedPunctuationRoles(text)), at);

    const split = (start: number, end: number, level: number) => {
      const finder = LEVELS[level];
      if (!finder) return emit(start, end);
      const found = finder(text, start, end, lang);
      const boundaries = [...(level < LEVELS.length - 1 ? found.filter(keepsPairs) : found), end];
      let from = start;
      let fits = start;
      for (let i = 0; i < boundaries.length; i++) {
        const at = boundaries[i] as number;
        if (measure(from, at) <= maxCodePoints) {
          fits = at;
          continue;
        }
        if (fits > from) {
          emit(from, fits);
          from = fits;
          i--; // Re-try this boundary from the new start.
          continue;
        }
        // The single piece [from, at) is too long by itself: cut it finer.
        split(from, at, level + 1);
        from = fits = at;
      }
      if (fits > from) emit(from, fits);
    };

    for (const sentence of segmentSentences(text, lang)) {
      const [start, end] = trimRange(text, sentence.start, sentence.end);
      if (start >= end) continue;
      if (measure(start, end) <= maxCodePoints) emit(start, end);
      else {
        const firstPiece = units.length;
        split(start, end, 0);
        // One sentence in several units: "next sentence" skips all of it (seek-target.ts) and the pause between
        // its pieces is a comma's, not a full stop's.
        for (let k = firstPiece; k < units.length - 1; k++) (units[k] as TextUnit).endsClause = true;
      }
    }
    const last = units[units.length - 1];
    if (units.length > first && last) last.endsParagraph = true;
  }
  return units;
}
