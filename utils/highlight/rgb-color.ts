/**
 * sRGB colours as numbers: reading the CSS colour syntax a page's computed style and the settings hold, writing
 * them back, and the HSL and OKLab views the highlight palette works in. Pure (no DOM); colours the parser does not
 * know (named colours other than black/white/transparent, lab(), oklch()…) are resolved by the page through the
 * browser first (utils/highlight/page-colors.ts).
 */

/** Channels 0–255 (not rounded), alpha 0–1. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
  a: number;
}

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?`;
const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNCTION = /^(rgba?|hsla?|color)\(\s*([^()]*)\)$/i;
const ARG = new RegExp(`^(${NUMBER})(%|deg|turn|rad|grad)?$`, 'i');

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

interface Arg {
  value: number;
  unit: string;
}

/** The arguments of `f(a b c / d)` or `f(a, b, c, d)`: numbers with units, `none` as 0; null when malformed. */
function args(text: string): Arg[] | null {
  const parts = text
    .replace(/\s*\/\s*/, ' / ')
    .split(/\s*,\s*|\s+/)
    .filter((p) => p !== '' && p !== '/');
  const out: Arg[] = [];
  for (const p of parts) {
    if (/^none$/i.test(p)) {
      out.push({ value: 0, unit: '' });
      continue;
    }
    const m = ARG.exec(p);
    if (!m) return null;
    out.push({ value: Number(m[1]), unit: (m[2] ?? '').toLowerCase() });
  }
  return out;
}

function alphaOf(arg: Arg | undefined): number {
  if (!arg) return 1;
  return clamp(arg.unit === '%' ? arg.value / 100 : arg.value, 0, 1);
}

function hueDegrees(arg: Arg): number {
  const factor: Record<string, number> = { '': 1, deg: 1, turn: 360, rad: 180 / Math.PI, grad: 0.9 };
  return arg.value * (factor[arg.unit] ?? 1);
}

/** hsl → sRGB (CSS Color 4 §7.1, https://www.w3.org/TR/css-color-4/#hsl-to-rgb); s and l in 0–1. */
export function hslToRgb(h: number, s: number, l: number, a = 1): Rgb {
  const hue = ((h % 360) + 360) % 360;
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    const t = s * Math.min(l, 1 - l);
    return (l - t * Math.max(-1, Math.min(k - 3, 9 - k, 1))) * 255;
  };
  return { r: f(0), g: f(8), b: f(4), a };
}

/** sRGB → hue (degrees), saturation and lightness (0–1). */
export function rgbToHsl(c: Rgb): { h: number; s: number; l: number } {
  const r = c.r / 255;
  const g = c.g / 255;
  const b = c.b / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  let h: number;
  if (max === r) h = ((g - b) / d) % 6;
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  return { h: (h * 60 + 360) % 360, s, l };
}

/** The colour, or null when it is not hex, rgb()/rgba(), hsl()/hsla(), color(srgb …) or black/white/transparent. */
export function parseCssColor(text: string): Rgb | null {
  const t = text.trim().toLowerCase();
  if (t === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  if (t === 'black') return { r: 0, g: 0, b: 0, a: 1 };
  if (t === 'white') return { r: 255, g: 255, b: 255, a: 1 };
  const hex = HEX.exec(t);
  if (hex) {
    let h = hex[1]!;
    if (h.length <= 4) h = [...h].map((ch) => ch + ch).join('');
    const n = (i: number) => parseInt(h.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: h.length === 8 ? n(6) / 255 : 1 };
  }
  const fn = FUNCTION.exec(t);
  if (!fn) return null;
  const name = fn[1]!;
  if (name === 'color') {
    // color(srgb r g b / a): Chrome's computed form for some colours; other spaces go through the browser.
    const space = /^\s*srgb\s+/.exec(fn[2]!);
    if (!space) return null;
    const rest = args(fn[2]!.slice(space[0].length));
    if (!rest || rest.length < 3 || rest.length > 4) return null;
    const ch = (a: Arg) => clamp(a.unit === '%' ? a.value / 100 : a.value, 0, 1) * 255;
    return { r: ch(rest[0]!), g: ch(rest[1]!), b: ch(rest[2]!), a: alphaOf(rest[3]) };
  }
  const list = args(fn[2]!);
  if (!list) return null;
  if (list.length < 3 || list.length > 4) return null;
  if (name.startsWith('rgb')) {
    const ch = (a: Arg) => clamp(a.unit === '%' ? (a.value / 100) * 255 : a.value, 0, 255);
    if (list.slice(0, 3).some((a) => a.unit !== '' && a.unit !== '%')) return null;
    return { r: ch(list[0]!), g: ch(list[1]!), b: ch(list[2]!), a: alphaOf(list[3]) };
  }
  const pct = (a: Arg) => clamp(a.value / 100, 0, 1); // hsl's s and l: percentages or plain 0–100
  return hslToRgb(hueDegrees(list[0]!), pct(list[1]!), pct(list[2]!), alphaOf(list[3]));
}

/** CSS text for the colour, channels rounded: `rgb(r g b)` or `rgb(r g b / a)`. */
export function formatRgb(c: Rgb): string {
  const ch = (v: number) => Math.round(clamp(v, 0, 255));
  const base = `${ch(c.r)} ${ch(c.g)} ${ch(c.b)}`;
  return c.a >= 1 ? `rgb(${base})` : `rgb(${base} / ${Math.round(clamp(c.a, 0, 1) * 1000) / 1000})`;
}

/** Lowercase #rrggbb (alpha dropped). */
export function toHex(c: Rgb): string {
  return `#${[c.r, c.g, c.b]
    .map((v) =>
      Math.round(clamp(v, 0, 255))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** `top` painted over `bottom` (source-over; the result is as opaque as the two together). */
export function compositeOver(top: Rgb, bottom: Rgb): Rgb {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const mix = (t: number, b: number) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

/** sRGB channel (0–255) → linear light (0–1), the sRGB transfer function. */
export function linearChannel(v: number): number {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** OKLab coordinates (https://bottosson.github.io/posts/oklab/), where distance follows perceived difference. */
export function toOklab(c: Rgb): { L: number; a: number; b: number } {
  const r = linearChannel(c.r);
  const g = linearChannel(c.g);
  const b = linearChannel(c.b);
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return {
    L: 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    a: 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    b: 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  };
}

/** Euclidean distance in OKLab (ΔE_OK): about 0.02 is barely visible, 0.1 plainly different. */
export function colorDifference(x: Rgb, y: Rgb): number {
  const p = toOklab(x);
  const q = toOklab(y);
  return Math.hypot(p.L - q.L, p.a - q.a, p.b - q.b);
}
