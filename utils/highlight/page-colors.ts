/**
 * The colours a highlight is painted against, read from the page's computed style: the text colour of the block
 * holding a range and the effective background behind it (ancestors walked up to the first opaque background, and
 * out of shadow roots through their hosts). An image or gradient on the way makes the background unknown.
 */
import type { PageColors } from './highlight-palette';
import { compositeOver, parseCssColor, type Rgb } from './rgb-color';

const WHITE: Rgb = { r: 255, g: 255, b: 255, a: 1 };
/** Chrome's and Firefox's canvas colour under `color-scheme: dark` (the `Canvas` system colour). */
const DARK_CANVAS: Rgb = { r: 0x12, g: 0x12, b: 0x12, a: 1 };

/**
 * A CSS colour as sRGB numbers: parsed directly when the syntax is plain (what computed styles mostly give), else
 * drawn on a 1×1 canvas the page never sees and read back (named colours, lab(), oklch(), color(display-p3 …)).
 */
export function resolveColor(text: string, doc: Document): Rgb | null {
  const direct = parseCssColor(text);
  if (direct) return direct;
  try {
    const canvas = doc.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.fillStyle = '#01020300'; // an unlikely value, to tell an ignored (invalid) colour apart
    ctx.fillStyle = text;
    if (ctx.fillStyle === '#01020300' || String(ctx.fillStyle) === 'rgba(1, 2, 3, 0)') return null;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return { r: r!, g: g!, b: b!, a: a! / 255 };
  } catch {
    return null;
  }
}

const INLINE = /^(inline|contents|ruby|ruby-base|ruby-text)$/;

/** The nearest element at or above `node` that is not inline: the block whose colours the highlight is set for. */
export function blockOf(node: Node): Element | null {
  let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  while (el) {
    const view = el.ownerDocument.defaultView;
    const display = view?.getComputedStyle(el).display ?? 'block';
    if (!INLINE.test(display)) return el;
    el = parentOf(el);
  }
  return null;
}

function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root.nodeType === 11 ? (root as ShadowRoot).host : null;
}

/** The canvas under a page with no background of its own: dark when the page uses a dark colour scheme. */
function canvasColor(doc: Document): Rgb {
  const view = doc.defaultView;
  const computed = view?.getComputedStyle(doc.documentElement).colorScheme ?? 'normal';
  const meta = doc.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? '';
  const scheme = (computed && computed !== 'normal' ? computed : meta).toLowerCase();
  if (!/\bdark\b/.test(scheme)) return WHITE;
  const prefersDark = view?.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  return !/\blight\b/.test(scheme) || prefersDark ? DARK_CANVAS : WHITE;
}

/** The text colour of `element` and the opaque background behind it (null when an image or gradient is there). */
export function pageColorsAt(element: Element): PageColors {
  const doc = element.ownerDocument;
  const view = doc.defaultView;
  if (!view) return { text: null, background: WHITE };
  const color = resolveColor(view.getComputedStyle(element).color, doc);
  const text = color && color.a > 0 ? color : null;
  // Backgrounds from the element outwards; painted back to front, so composite from the outermost in.
  const layers: Rgb[] = [];
  let background: Rgb | null = null;
  for (let el: Element | null = element; el; el = parentOf(el)) {
    const style = el.ownerDocument.defaultView?.getComputedStyle(el);
    if (!style) break;
    if (style.backgroundImage && style.backgroundImage !== 'none') return { text, background: null };
    const fill = resolveColor(style.backgroundColor, doc);
    if (fill && fill.a > 0) {
      layers.push(fill);
      if (fill.a >= 1) {
        background = fill;
        break;
      }
    }
  }
  let result = background ?? canvasColor(doc);
  for (let i = layers.length - (background ? 2 : 1); i >= 0; i--) result = compositeOver(layers[i]!, result);
  return { text, background: { ...result, a: 1 } };
}
