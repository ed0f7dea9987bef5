import { describe, expect, it } from 'vitest';
import {
  MIN_DIFFERENCE,
  highlightPalette,
  nearestPassingLightness,
  readableOnTypicalPages,
  type HighlightStyle,
} from '../../utils/highlight/highlight-palette';
import { colorDifference, formatRgb, parseCssColor, rgbToHsl, type Rgb } from '../../utils/highlight/rgb-color';
import { wcagContrast } from './wcag';

const c = (css: string): Rgb => parseCssColor(css)!;
const user = { sentence: c('#fff3a3'), word: c('#ffc94d') };

/** Contrast of a style's text on its background, by the independent formula of ./wcag. */
const contrastOf = (s: HighlightStyle) => wcagContrast(formatRgb(s.background), formatRgb(s.text!));

const PAGES: [string, string, string][] = [
  ['white page, near-black text', '#222222', '#ffffff'],
  ['dark page, light text', '#e0e0e0', '#121212'],
  ['dark page, dim grey text', '#aaaaaa', '#1e1e1e'],
  ['navy page, white text', '#ffffff', '#0b1f4d'],
  ['mid-grey page, mid-grey text (fails as it is)', '#7a7a7a', '#8a8a8a'],
  ['sepia page, brown text', '#5b4636', '#f4ecd8'],
  ['yellow page the colour of the highlight', '#000000', '#fff3a3'],
];

describe('highlight palette', () => {
  it.each(PAGES)('%s: sentence and word text reach 4.5:1, and each stands out from what it is on', (_, text, bg) => {
    const p = highlightPalette({ text: c(text), background: c(bg) }, user);
    expect(contrastOf(p.sentence)).toBeGreaterThanOrEqual(4.5);
    expect(contrastOf(p.word)).toBeGreaterThanOrEqual(4.5);
    expect(colorDifference(p.sentence.background, c(bg))).toBeGreaterThanOrEqual(MIN_DIFFERENCE);
    expect(colorDifference(p.word.background, p.sentence.background)).toBeGreaterThanOrEqual(MIN_DIFFERENCE);
    expect(p.sentence.background.a).toBe(1);
  });

  it('keeps the user colours and the page text colour where they already read (a light page)', () => {
    const p = highlightPalette({ text: c('#222222'), background: c('#ffffff') }, user);
    expect(p.sentence).toEqual({ background: c('#fff3a3'), text: c('#222222') });
    expect(p.word).toEqual({ background: c('#ffc94d'), text: c('#222222') });
    expect(p.adjusted).toEqual({ sentence: false, word: false });
  });

  it('on a dark page keeps the light text and darkens the colours, hue kept, to the nearest lightness that reads', () => {
    const p = highlightPalette({ text: c('#e0e0e0'), background: c('#121212') }, user);
    expect(p.sentence.text).toEqual(c('#e0e0e0'));
    expect(p.adjusted).toEqual({ sentence: true, word: true });
    const before = rgbToHsl(user.sentence);
    const after = rgbToHsl(p.sentence.background);
    expect(after.l).toBeLessThan(before.l);
    expect(Math.abs(after.h - before.h)).toBeLessThan(4); // same hue, within rounding to whole channels
    // Nearest: a little lighter no longer reads with the page's light text.
    const lighter = { ...p.sentence.background, r: p.sentence.background.r + 6, g: p.sentence.background.g + 6 };
    expect(wcagContrast(formatRgb(lighter), '#e0e0e0')).toBeLessThan(4.5 + 0.3);
  });

  it('translucent page text is judged as it looks: composited over the background', () => {
    // rgba(0,0,0,0.87) over white looks like #212121.
    const p = highlightPalette({ text: c('rgba(0, 0, 0, 0.87)'), background: c('#ffffff') }, user);
    expect(formatRgb(p.sentence.text!)).toBe('rgb(33 33 33)');
  });

  it('unknown background (image): opaque highlights with their own black or white text', () => {
    const p = highlightPalette(
      { text: c('#ffffff'), background: null },
      { sentence: c('#fff3a3'), word: c('#1a237e') },
    );
    expect(p.sentence).toEqual({ background: c('#fff3a3'), text: c('#000000') });
    expect(p.word.text).toEqual(c('#ffffff'));
    expect(p.word.background.a).toBe(1);
    expect(contrastOf(p.word)).toBeGreaterThanOrEqual(4.5);
  });

  it('a word colour equal to the sentence colour is moved until the word stands out', () => {
    const p = highlightPalette(
      { text: c('#222222'), background: c('#ffffff') },
      { sentence: c('#fff3a3'), word: c('#fff3a3') },
    );
    expect(p.adjusted.word).toBe(true);
    expect(colorDifference(p.word.background, p.sentence.background)).toBeGreaterThanOrEqual(MIN_DIFFERENCE);
    expect(contrastOf(p.word)).toBeGreaterThanOrEqual(4.5);
  });

  it('text the DOM does not paint (transparent over a canvas): a see-through tint, text colour left alone', () => {
    const p = highlightPalette({ text: null, background: c('#ffffff') }, user);
    expect(p.sentence.text).toBeNull();
    expect(p.sentence.background.a).toBeGreaterThan(0);
    expect(p.sentence.background.a).toBeLessThan(1);
  });
});

describe('nearestPassingLightness', () => {
  it('returns the colour itself when it passes, and null when no lightness does', () => {
    expect(nearestPassingLightness(c('#123456'), () => true)).toEqual(c('#123456'));
    expect(nearestPassingLightness(c('#123456'), () => false)).toBeNull();
  });
});

describe('Options check against typical pages', () => {
  it('pale colours read on light pages only, deep colours on dark pages only, mid-tones on neither', () => {
    expect(readableOnTypicalPages(c('#fff3a3'))).toEqual({ light: true, dark: false });
    expect(readableOnTypicalPages(c('#1a237e'))).toEqual({ light: false, dark: true });
    // Pure red: 3.9:1 with near-black text … and 4.0:1 with light grey text (by the formula).
    expect(wcagContrast('#ff0000', '#1f1f1f')).toBeLessThan(4.5);
    expect(wcagContrast('#ff0000', '#e3e3e3')).toBeLessThan(4.5);
    expect(readableOnTypicalPages(c('#ff0000'))).toEqual({ light: false, dark: false });
  });
});
