// The first sound of a reading waits for the whole first unit to be made: on a service whose time grows with the
// audio (a 256-character sentence is ~15 s of speech, ~4.5 s of synthesis at a real-time factor of 0.3), a long
// first sentence is a long silence. So the unit a listener waits for (the reading's first, the first after a seek
// or a change of voice or rate) is cut short at the first clause boundary within FIRST_UNIT_CHARS; its rest is the
// next unit and the units after it are whole sentences again. Only at a clause boundary, where a speaker pauses
// anyway (the player puts a comma's pause there, utils/playback/timeline.ts CLAUSE_PAUSE_MS): a cut between two
// words, tried first, was heard as a break in mid-phrase, so a sentence without an early clause stays whole.
import { clauseBreaks, trimRange, type TextUnit } from './chunk-text';
import { codePointLength, normalizeText } from './normalize-text';
import { pairedPunctuationRoles, splitsPair } from './paired-punctuation';

/** About a sentence clause: ~4 s of speech, a few hundred ms of synthesis at a real-time factor of 0.3. */
export const FIRST_UNIT_CHARS = 60;
/** Neither piece shorter than this: a lone "Well," costs a request and a seam and saves nothing. */
const MIN_PIECE_CHARS = 12;

/**
 * Where to cut `text[start, end)` so that its first piece is short: the first clause boundary (", " "; " ": ",
 * dashes, CJK clause marks) that leaves at most `maxChars` before it. Never inside brackets or quotes, never
 * leaving a piece under MIN_PIECE_CHARS.
 * Undefined when the range is short enough already or has no such boundary.
 */
export function firstUnitCut(
  text: string,
  start: number,
  end: number,
  lang: string,
  maxChars: number = FIRST_UNIT_CHARS,
): number | undefined {
  const measure = (a: number, b: number) => codePointLength(normalizeText(text.slice(a, b)));
  if (measure(start, end) <= maxChars) return undefined;
  // Up to the range's end only: the block may be a whole 1 MB selection and the cut is near its start.
  const roles = pairedPunctuationRoles(text.slice(0, end));
  // Brackets and quotes still open at each position of the range: a cut there would read half an aside.
  const depth = new Int32Array(end - start + 1);
  for (let i = start; i < end; i++)
    depth[i - start + 1] = depth[i - start]! + (roles[i] === 1 ? 1 : roles[i] === 2 ? -1 : 0);
  const fits = (at: number) => {
    const head = measure(start, at);
    return (
      head >= MIN_PIECE_CHARS &&
      head <= maxChars &&
      measure(at, end) >= MIN_PIECE_CHARS &&
      depth[at - start]! <= 0 &&
      !splitsPair(text, roles, at)
    );
  };
  return clauseBreaks(text, start, end, lang).find(fits);
}

/**
 * `unit` as two units when it is long enough to cut (firstUnitCut), else as itself. Both pieces stay ranges of the
 * block's text, so highlighting and positions map them as any unit; the first ends a clause, the second keeps
 * `endsParagraph`.
 */
export function splitForFirstSound(unit: TextUnit, blockText: string, lang: string): TextUnit[] {
  const cut = firstUnitCut(blockText, unit.start, unit.end, lang);
  if (cut === undefined) return [unit];
  const [headStart, headEnd] = trimRange(blockText, unit.start, cut);
  const [tailStart, tailEnd] = trimRange(blockText, cut, unit.end);
  if (headStart >= headEnd || tailStart >= tailEnd) return [unit];
  return [
    {
      text: blockText.slice(headStart, headEnd),
      block: unit.block,
      start: headStart,
      end: headEnd,
      endsParagraph: false,
      endsClause: true,
    },
    {
      text: blockText.slice(tailStart, tailEnd),
      block: unit.block,
      start: tailStart,
      end: tailEnd,
      // It ends where the unit did: inside its sentence too when the unit was itself a cut's head.
      endsParagraph: unit.endsParagraph,
      ...(unit.endsClause ? { endsClause: true } : {}),
    },
  ];
}
