import { pairedPunctuationRoles, settleBoundary } from './paired-punctuation';
import { getSegmenter } from './segmenter-cache';

// Intl.Segmenter finds sentence ends in every language ICU knows (CJK 。！？, Arabic ؟, Hindi ।), but it
// treats the period of "Dr. Smith" or "the U.S. Army" as a sentence end. The guard below re-joins a
// sentence with the next one when it ends in a known abbreviation or an initial.
// ICU also leaves an opening bracket or quote that follows 。 without a space at the end of the sentence before
// (…思いました。（), and starts a sentence with a closing mark that follows ？ or ? after a space (« Vraiment ? »).
// Each boundary is then settled so that marks go with the sentence they open or close.

export interface SentenceRange {
  /** UTF-16 offsets into the text; the range includes trailing whitespace as the segmenter reports it. */
  start: number;
  end: number;
}

/**
 * Lower-case, without the final period: titles and shorthand that are nearly always followed by more of the
 * sentence. Words that also end sentences ("no", "art", "etc", "mar") are left out on purpose.
 */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'rev',
  'hon',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'gov',
  'sen',
  'rep',
  'pres',
  'e.g',
  'i.e',
  'cf',
  'vs',
  'viz',
  'approx',
  'nos',
  'fig',
  'figs',
  'vol',
  'vols',
  'pp',
  'ch',
  'eds',
  'jan',
  'feb',
  'apr',
  'jul',
  'aug',
  'sept',
  'oct',
  'nov',
  'inc',
  'ltd',
  'corp',
  'dept',
  'univ',
  'ave',
  'blvd',
  // German and French titles and shorthand that commonly precede a name or number.
  'hr',
  'fr',
  'z.b',
  'bzw',
  'mme',
  'mlle',
]);

// A dotted initialism (U.S., U.K., e.g., a.m.) or a single-letter initial (J. R. R. Tolkien).
const INITIALISM = /(?:^|[\s(["'“‘])((?:\p{L}\.){2,}|\p{Lu}\.)$/u;
const LAST_WORD = /(?:^|[\s(["'“‘])([\p{L}.]+)\.$/u;

function endsWithAbbreviation(sentence: string): boolean {
  const trimmed = sentence.trimEnd();
  if (!trimmed.endsWith('.')) return false;
  if (INITIALISM.test(trimmed)) return true;
  const word = LAST_WORD.exec(trimmed)?.[1];
  return word !== undefined && ABBREVIATIONS.has(word.toLowerCase());
}

/** Sentence ranges covering the whole text, in order, with the abbreviation guard applied. */
export function segmentSentences(text: string, lang: string): SentenceRange[] {
  const out: SentenceRange[] = [];
  let mergeNext = false;
  for (const { segment, index } of getSegmenter(lang, 'sentence').segment(text)) {
    const range = { start: index, end: index + segment.length };
    const last = out[out.length - 1];
    if (mergeNext && last) last.end = range.end;
    else out.push(range);
    mergeNext = endsWithAbbreviation(segment);
  }
  return settlePairedPunctuation(text, out);
}

// ICU joins a lower-case continuation after "." (UAX #29 rule SB8) but not after "?" or "!", so “Really?” he
// asked. would be cut in two; a sentence never starts with a lower-case letter, so join it back.
const CONTINUATION = /^\s*\p{Ll}/u;

function settlePairedPunctuation(text: string, ranges: SentenceRange[]): SentenceRange[] {
  if (ranges.length < 2) return ranges;
  const roles = pairedPunctuationRoles(text);
  const out: SentenceRange[] = [{ ...(ranges[0] as SentenceRange) }];
  for (let i = 1; i < ranges.length; i++) {
    const prev = out[out.length - 1] as SentenceRange;
    const cur = { ...(ranges[i] as SentenceRange) };
    const at = settleBoundary(text, roles, cur.start, prev.start, cur.end);
    prev.end = cur.start = at;
    if (prev.start === prev.end) out.pop();
    const last = out[out.length - 1];
    if (cur.start === cur.end) continue;
    if (last && CONTINUATION.test(text.slice(cur.start, cur.end))) last.end = cur.end;
    else out.push(cur);
  }
  return out;
}
