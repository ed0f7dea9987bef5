/**
 * Word timings estimated from a sentence's real audio duration. The VocaliD API returns audio only, no word
 * marks, so each word gets a share of the duration proportional to its estimated syllables, plus pauses for
 * punctuation between words. Audio chunks are trimmed of leading/trailing silence (utils/playback/trim-silence),
 * so the first word starts at 0 ms and the last one ends at the duration.
 */

export interface WordSpan {
  /** UTF-16 offsets into the sentence. */
  start: number;
  end: number;
}

export interface TimedWord extends WordSpan {
  startMs: number;
  endMs: number;
}

/** Relative weights, in syllables. Tuned by ear against natural TTS; only the ratios matter. */
const WORD_GAP = 0.15;
const PAUSE_COMMA = 1.2; // , ; : – —
const PAUSE_STOP = 2.0; // . ! ? …
const PAUSE_OTHER = 0.3; // quotes, brackets, slashes

/** Latin-script syllable estimate: vowel groups, a silent final e, minimum one. */
function latinSyllables(word: string): number {
  const w = word.toLowerCase();
  const groups = w.match(/[aeiouyàáâäãåæèéêëìíîïòóôöõøœùúûüýÿ]+/g)?.length ?? 0;
  const silentE = groups > 1 && /[^aeiouy]e$/.test(w) && !/[^aeiouy]le$/.test(w) ? 1 : 0;
  return Math.max(1, groups - silentE);
}

/** Syllable estimate for any script. */
export function estimateSyllables(word: string): number {
  const digits = word.match(/\p{Nd}/gu)?.length ?? 0;
  // Numbers are read out as words ("2024" → "twenty twenty-four"): about one and a half syllables a digit.
  const numberSyllables = digits * 1.5;
  const letters = word.replace(/\p{Nd}/gu, '');
  if (!/\p{L}/u.test(letters)) return Math.max(1, numberSyllables);
  // Han, kana, hangul and similar: one syllable per character.
  const syllabic =
    letters.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Yi}]/gu)?.length ??
    0;
  if (syllabic > 0) return syllabic + numberSyllables;
  if (/\p{Script=Latin}/u.test(letters)) return latinSyllables(letters) + numberSyllables;
  // Other alphabets: about three letters a syllable.
  const count = [...letters].filter((c) => /\p{L}/u.test(c)).length;
  return Math.max(1, Math.round(count / 3)) + numberSyllables;
}

function pauseWeight(between: string): number {
  if (/[.!?…。！？]/.test(between)) return PAUSE_STOP;
  if (/[,;:–—、，；：]/.test(between)) return PAUSE_COMMA;
  if (/[()[\]{}"“”«»/]/.test(between)) return PAUSE_OTHER;
  return 0;
}

function words(sentence: string, lang: string): WordSpan[] {
  const out: WordSpan[] = [];
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(lang || undefined, { granularity: 'word' });
  } catch {
    segmenter = new Intl.Segmenter(undefined, { granularity: 'word' }); // malformed lang tag from the page
  }
  for (const seg of segmenter.segment(sentence)) {
    if (seg.isWordLike) out.push({ start: seg.index, end: seg.index + seg.segment.length });
  }
  return out;
}

/** Every word of the sentence with its estimated start and end time. */
export function estimateWordTimings(sentence: string, durationMs: number, lang = 'en'): TimedWord[] {
  const spans = words(sentence, lang);
  if (spans.length === 0) return [];
  // Weight of each word, and the pause that follows it (none after the last: the audio is trimmed).
  const weights = spans.map((w) => estimateSyllables(sentence.slice(w.start, w.end)));
  const pauses = spans.map((w, i) => {
    const next = spans[i + 1];
    return next ? WORD_GAP + pauseWeight(sentence.slice(w.end, next.start)) : 0;
  });
  const total = weights.reduce((a, b) => a + b, 0) + pauses.reduce((a, b) => a + b, 0);
  const msPerUnit = Math.max(0, durationMs) / total;
  let t = 0;
  return spans.map((w, i) => {
    const startMs = t * msPerUnit;
    t += weights[i] ?? 0;
    const endMs = t * msPerUnit;
    t += pauses[i] ?? 0;
    return { ...w, startMs, endMs };
  });
}

/**
 * The word being spoken `elapsedMs` into the sentence's audio. Between words (a pause) it stays on the previous
 * word so the highlight does not flicker; past the end it stays on the last word; before 0 it is null.
 * Monotonic: a later time never gives an earlier word.
 */
export function wordAtTime(timings: readonly TimedWord[], elapsedMs: number): WordSpan | null {
  if (elapsedMs < 0 || timings.length === 0) return null;
  let lo = 0;
  let hi = timings.length - 1;
  // Last word whose start is <= elapsed (binary search).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((timings[mid]?.startMs ?? Infinity) <= elapsedMs) lo = mid;
    else hi = mid - 1;
  }
  const w = timings[lo];
  return w ? { start: w.start, end: w.end } : null;
}

/** Convenience for one-off lookups; for per-frame lookups keep `estimateWordTimings` and use `wordAtTime`. */
export function wordAt(sentence: string, elapsedMs: number, durationMs: number, lang = 'en'): WordSpan | null {
  return wordAtTime(estimateWordTimings(sentence, durationMs, lang), elapsedMs);
}
