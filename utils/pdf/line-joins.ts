// How two lines of one paragraph join in the text read aloud. A word hyphenated at the line end is one word again
// ("infor-" + "mation" → "information"); any other line break inside a paragraph is a space.
import type { TextPiece } from './pdf-text';

/** A letter, a hyphen (or soft hyphen) at the end; the next line starts with a lower-case letter. */
const HYPHEN_END = /\p{L}[-\u00AD\u2010]$/u;
const LOWER_START = /^\p{Ll}/u;

/** The pieces of `next` appended to `text` so far (`pieces`), returning the joined pieces. */
export function joinLines(pieces: readonly TextPiece[], next: readonly TextPiece[]): TextPiece[] {
  const before = pieces.map((p) => p.text).join('');
  const after = next.map((p) => p.text).join('');
  if (before === '') return [...next];
  if (after === '') return [...pieces];
  const joined = pieces.slice();
  if (HYPHEN_END.test(before) && LOWER_START.test(after)) {
    // Drop the hyphen from the last piece that has text: the word is read (and highlighted) whole.
    const lastIndex = joined.length - 1;
    const last = joined[lastIndex]!;
    joined[lastIndex] = { ...last, text: last.text.slice(0, -1) };
    if (joined[lastIndex]!.text === '') joined.pop();
    return [...joined, ...next];
  }
  return [...joined, { text: ' ', item: null, offset: 0 }, ...next];
}
