/**
 * The highlight's colours for one block of a page: background and text colour of the sentence and of the word,
 * chosen so the highlighted text reaches WCAG contrast 4.5:1 whatever the page looks like.
 *
 * - Known page background (a colour): the page's own text colour is kept and the user's highlight colour is used
 *   as it is when the text reads on it; otherwise it moves to the nearest HSL lightness (same hue and saturation)
 *   that does. The highlight must also stand out from the page (ΔE_OK ≥ MIN_DIFFERENCE). When no lightness works
 *   (a mid-grey text colour), the highlight gets its own black or white text.
 * - Unknown background (an image or gradient behind the text): an opaque highlight with its own text colour.
 * - Text the DOM does not paint (transparent, over a canvas such as the PDF reader's text layer): a translucent
 *   background and no text colour, so the glyphs underneath show through.
 *
 * The word sits on the sentence highlight: same rules against the sentence's colours, and it must differ from the
 * sentence background as much as the sentence differs from the page (it is underlined as well; WCAG 1.4.1).
 */
import { contrastRatio, readableOn, TEXT_CONTRAST } from './contrast-ratio';
import { colorDifference, compositeOver, hslToRgb, rgbToHsl, type Rgb } from './rgb-color';

/** A highlight must differ from what it is painted on by at least this ΔE_OK (0.1 is a plain difference). */
export const MIN_DIFFERENCE = 0.1;
/** Alpha of the highlight over text drawn elsewhere (canvas glyphs under a transparent text layer). */
export const OVER_CANVAS_ALPHA = 0.4;

export interface PageColors {
  /** The block's text colour; null when it is fully transparent (the glyphs are painted by something else). */
  text: Rgb | null;
  /** The effective opaque background behind the text; null when it is an image or gradient (unknown). */
  background: Rgb | null;
}

export interface HighlightStyle {
  background: Rgb;
  /** Null: leave the text colour alone (text not painted by the DOM). */
  text: Rgb | null;
}

export interface HighlightPalette {
  sentence: HighlightStyle;
  word: HighlightStyle;
  /** Whether the user's colour had to change to be readable here. */
  adjusted: { sentence: boolean; word: boolean };
}

const opaque = (c: Rgb): Rgb => ({ ...c, a: 1 });
const rounded = (c: Rgb): Rgb => ({ r: Math.round(c.r), g: Math.round(c.g), b: Math.round(c.b), a: c.a });

/**
 * `color` itself when `ok` accepts it; else the colour of the same hue and saturation whose HSL lightness is
 * nearest to it and accepted (channels rounded, as painted); null when no lightness is accepted.
 */
export function nearestPassingLightness(color: Rgb, ok: (c: Rgb) => boolean): Rgb | null {
  const start = rounded(opaque(color));
  if (ok(start)) return start;
  const { h, s, l } = rgbToHsl(start);
  let best: Rgb | null = null;
  let bestDistance = Infinity;
  for (let i = 0; i <= 400; i++) {
    const lightness = i / 400;
    const distance = Math.abs(lightness - l);
    if (distance >= bestDistance) continue;
    const candidate = rounded(hslToRgb(h, s, lightness));
    if (ok(candidate)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

const readsOn = (text: Rgb) => (bg: Rgb) => contrastRatio(bg, text) >= TEXT_CONTRAST;
const differsFrom = (under: Rgb) => (bg: Rgb) => colorDifference(bg, under) >= MIN_DIFFERENCE;

/** The style of a highlight of `wanted` colour painted on `under`, keeping `text` when it can be kept. */
function styleOn(wanted: Rgb, under: Rgb | null, text: Rgb | null): { style: HighlightStyle; adjusted: boolean } {
  const base = under ? opaque(compositeOver(wanted, under)) : opaque(wanted);
  const distinct = under ? differsFrom(under) : () => true;
  if (text) {
    const reads = readsOn(text);
    const kept = nearestPassingLightness(base, (c) => reads(c) && distinct(c));
    if (kept) return { style: { background: kept, text }, adjusted: !sameColor(kept, base) };
  }
  // Its own text colour: black or white, whichever reads better on each candidate (always ≥ 4.58:1).
  const own = nearestPassingLightness(base, (c) => distinct(c) && contrastRatio(c, readableOn(c)) >= TEXT_CONTRAST);
  const bg = own ?? rounded(base);
  return { style: { background: bg, text: readableOn(bg) }, adjusted: !sameColor(bg, base) };
}

function sameColor(x: Rgb, y: Rgb): boolean {
  return (
    Math.round(x.r) === Math.round(y.r) && Math.round(x.g) === Math.round(y.g) && Math.round(x.b) === Math.round(y.b)
  );
}

export function highlightPalette(page: PageColors, user: { sentence: Rgb; word: Rgb }): HighlightPalette {
  if (!page.text) {
    // Glyphs painted under the DOM text: a see-through tint, text colour untouched.
    const tint = (c: Rgb): HighlightStyle => ({ background: { ...rounded(c), a: OVER_CANVAS_ALPHA }, text: null });
    return { sentence: tint(user.sentence), word: tint(user.word), adjusted: { sentence: false, word: false } };
  }
  const under = page.background ? opaque(page.background) : null;
  const text = under ? opaque(compositeOver(page.text, under)) : null;
  const sentence = styleOn(user.sentence, under, text);
  // On a known page the word keeps the text colour the sentence kept; on an image both choose their own.
  const word = styleOn(user.word, sentence.style.background, under ? sentence.style.text : null);
  return {
    sentence: sentence.style,
    word: word.style,
    adjusted: { sentence: sentence.adjusted, word: word.adjusted },
  };
}

/** What Options checks a user colour against: common text and background colours of light and dark pages. */
export const TYPICAL_PAGES: Readonly<Record<'light' | 'dark', { text: Rgb; background: Rgb }>> = Object.freeze({
  light: { text: { r: 0x1f, g: 0x1f, b: 0x1f, a: 1 }, background: { r: 255, g: 255, b: 255, a: 1 } },
  dark: { text: { r: 0xe3, g: 0xe3, b: 0xe3, a: 1 }, background: { r: 0x1f, g: 0x1f, b: 0x1f, a: 1 } },
});

/**
 * Whether page text stays readable on `color` as it is, on a typical light page and on a typical dark page. A
 * colour that fails on both is changed on nearly every page: Options warns about it.
 */
export function readableOnTypicalPages(color: Rgb): { light: boolean; dark: boolean } {
  const fits = (kind: 'light' | 'dark') => {
    const page = TYPICAL_PAGES[kind];
    const bg = opaque(compositeOver(color, page.background));
    return contrastRatio(bg, page.text) >= TEXT_CONTRAST;
  };
  return { light: fits('light'), dark: fits('dark') };
}
