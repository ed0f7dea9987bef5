/**
 * WCAG 2.x contrast (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio): relative luminance of opaque sRGB colours
 * and the ratio (L1 + 0.05) / (L2 + 0.05), from 1:1 to 21:1. Success criterion 1.4.3 asks 4.5:1 for body text.
 */
import { linearChannel, type Rgb } from './rgb-color';

/** The ratio body text needs (WCAG 2.x SC 1.4.3, level AA). */
export const TEXT_CONTRAST = 4.5;

/**
 * https://www.w3.org/TR/WCAG22/#dfn-relative-luminance (the 0.04045 threshold of the sRGB standard; WCAG 2.0's
 * 0.03928 gives the same result for 8-bit channels). Alpha is ignored: composite translucent colours first.
 */
export function relativeLuminance(c: Rgb): number {
  return 0.2126 * linearChannel(c.r) + 0.7152 * linearChannel(c.g) + 0.0722 * linearChannel(c.b);
}

export function contrastRatio(x: Rgb, y: Rgb): number {
  const a = relativeLuminance(x);
  const b = relativeLuminance(y);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

const BLACK: Rgb = { r: 0, g: 0, b: 0, a: 1 };
const WHITE: Rgb = { r: 255, g: 255, b: 255, a: 1 };

/** Black or white, whichever contrasts more with `background`; one of them always reaches at least 4.58:1. */
export function readableOn(background: Rgb): Rgb {
  return contrastRatio(background, BLACK) >= contrastRatio(background, WHITE) ? BLACK : WHITE;
}
