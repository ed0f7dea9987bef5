/**
 * Shows the sentence (and word) being read on the page without touching the page's DOM or layout.
 *
 * Preferred: the CSS Custom Highlight API (https://drafts.csswg.org/css-highlight-api-1/): ranges are registered
 * in `CSS.highlights` and painted by `::highlight(name)` rules, so no element is wrapped or inserted into the text.
 * Fallback (engines without it): translucent boxes drawn from `range.getClientRects()` in a fixed,
 * pointer-events:none overlay inside a shadow root, redrawn on scroll and resize. Either way `clear()` and
 * `destroy()` leave the document exactly as it was.
 */
import { trusted } from '../dom/trusted-event';
import { DEFAULT_HIGHLIGHT_COLORS } from './highlight-colors';
import { highlightPalette, type HighlightPalette, type HighlightStyle } from './highlight-palette';
import { blockOf, pageColorsAt, resolveColor } from './page-colors';
import { formatRgb, parseCssColor, type Rgb } from './rgb-color';
import { safeCssColor } from './safe-css-color';

export type HighlightGranularity = 'sentence' | 'word' | 'off';

export interface HighlightColors {
  sentence: string;
  word: string;
}

export interface PageHighlighterOptions {
  colors: HighlightColors;
  granularity: HighlightGranularity;
  document?: Document;
  /** Force the overlay even where the Highlight API exists (tests, or pages where it misbehaves). */
  forceOverlay?: boolean;
}

export interface PageHighlighter {
  /** The sentence being read (null hides it). Shown for granularity 'sentence' and 'word'. */
  /** The sentence: one range, or several when it spans content that is not read (a reference marker). */
  showSentence(range: Range | readonly Range[] | null): void;
  /** The word being read (null hides it). Shown only for granularity 'word'. */
  showWord(range: Range | null): void;
  setGranularity(granularity: HighlightGranularity): void;
  setColors(colors: HighlightColors): void;
  /** Hides everything and removes every node/style this module added. Can show again afterwards. */
  clear(): void;
  /** clear() and stop listening; further calls do nothing. */
  destroy(): void;
}

export const SENTENCE_HIGHLIGHT = 'vocalid-sentence';
export const WORD_HIGHLIGHT = 'vocalid-word';
const OVERLAY_TAG = 'vocalid-highlight-overlay';

const DEFAULT_COLORS = DEFAULT_HIGHLIGHT_COLORS;

/** What this module needs of the Highlight API; the real `CSS.highlights`/`Highlight` match it. */
interface HighlightRegistryLike {
  set(name: string, highlight: unknown): unknown;
  delete(name: string): boolean;
}
type HighlightCtor = new (...ranges: Range[]) => { priority: number };

interface Painter {
  paint(sentence: readonly Range[] | null, word: Range | null, colors: HighlightColors): void;
  remove(): void;
}

function highlightApi(win: Window | null): { registry: HighlightRegistryLike; Highlight: HighlightCtor } | null {
  const w = win as (Window & { CSS?: { highlights?: HighlightRegistryLike }; Highlight?: HighlightCtor }) | null;
  const registry = w?.CSS?.highlights;
  const Highlight = w?.Highlight;
  return registry && typeof Highlight === 'function' ? { registry, Highlight } : null;
}

/**
 * The tree a range's `::highlight()` rules must be in, and the registry that paints it: document style sheets do
 * not reach into shadow trees (CSS Scoping §3, https://drafts.csswg.org/css-scoping/#shadow-dom), so each shadow
 * root holding a range gets the rules too; a same-origin frame has its own document, registry and rules.
 */
function scopeOf(range: Range): { scope: Document | ShadowRoot; doc: Document } {
  const root = range.startContainer.getRootNode();
  const doc = range.startContainer.ownerDocument ?? (range.startContainer as Document);
  return { scope: root.nodeType === 11 ? (root as ShadowRoot) : doc, doc };
}

/** A page's text shadow (often a glow meant for text over a picture) only blurs text on an opaque highlight. */
const declarations = (style: HighlightStyle): string =>
  `background-color:${formatRgb(style.background)}` +
  (style.text ? `;color:${formatRgb(style.text)};text-shadow:none` : '');

/**
 * The `::highlight()` rules for a palette. Under forced colours (Windows High Contrast and the like) the user's
 * own theme pairs are used instead: Mark/MarkText for the sentence, Highlight/HighlightText for the word
 * (CSS Color 4 §6.2, https://www.w3.org/TR/css-color-4/#css-system-colors).
 */
export function highlightCss(palette: HighlightPalette): string {
  return (
    `::highlight(${SENTENCE_HIGHLIGHT}){${declarations(palette.sentence)}}` +
    // The word also gets an underline so it does not rely on colour alone (WCAG 1.4.1).
    `::highlight(${WORD_HIGHLIGHT}){${declarations(palette.word)};text-decoration:underline}` +
    `@media (forced-colors:active){` +
    `::highlight(${SENTENCE_HIGHLIGHT}){background-color:Mark;color:MarkText}` +
    `::highlight(${WORD_HIGHLIGHT}){background-color:Highlight;color:HighlightText}}`
  );
}

function customHighlightPainter(
  doc: Document,
  api: { registry: HighlightRegistryLike; Highlight: HighlightCtor },
): Painter {
  /** One <style> per tree scope that held a range (the document first). */
  const styles = new Map<Document | ShadowRoot, HTMLStyleElement>();
  /** The registries (one per document) that hold our highlights now. */
  let painted = new Set<HighlightRegistryLike>();
  const styleIn = (scope: Document | ShadowRoot, css: string): void => {
    let style = styles.get(scope);
    if (!style) {
      const owner = scope.nodeType === 9 ? (scope as Document) : (scope.ownerDocument as Document);
      style = owner.createElement('style');
      style.setAttribute('data-vocalid', 'highlight');
      if (scope.nodeType === 9) ((scope as Document).head ?? (scope as Document).documentElement).append(style);
      else scope.append(style);
      styles.set(scope, style);
    }
    if (style.textContent !== css) style.textContent = css;
  };
  /**
   * The palette for the block holding the sentence, read again for each sentence (the page may have switched to
   * dark meanwhile) but not for each word, which moves several times a second.
   */
  let last: { anchor: Range | null; colors: string; palette: HighlightPalette } | null = null;
  const paletteFor = (sentence: readonly Range[] | null, word: Range | null, colors: HighlightColors) => {
    const anchor = sentence?.[0] ?? word;
    const key = `${colors.sentence}|${colors.word}`;
    if (last && last.anchor === anchor && last.colors === key) return last.palette;
    const block = anchor ? blockOf(anchor.commonAncestorContainer) : null;
    const user = (css: string, fallback: string): Rgb => resolveColor(css, doc) ?? (parseCssColor(fallback) as Rgb);
    const palette = highlightPalette(block ? pageColorsAt(block) : { text: null, background: null }, {
      sentence: user(colors.sentence, DEFAULT_COLORS.sentence),
      word: user(colors.word, DEFAULT_COLORS.word),
    });
    last = { anchor, colors: key, palette };
    return palette;
  };
  return {
    paint(sentence, word, colors) {
      const css = highlightCss(paletteFor(sentence, word, colors));
      styleIn(doc, css);
      const perDocument = new Map<Document, { sentence: Range[]; word: Range | null }>();
      const entry = (d: Document) => {
        let e = perDocument.get(d);
        if (!e) perDocument.set(d, (e = { sentence: [], word: null }));
        return e;
      };
      for (const range of sentence ?? []) {
        const { scope, doc: d } = scopeOf(range);
        styleIn(scope, css);
        entry(d).sentence.push(range);
      }
      if (word) {
        const { scope, doc: d } = scopeOf(word);
        styleIn(scope, css);
        entry(d).word = word;
      }
      if (!perDocument.has(doc)) entry(doc);
      const now = new Set<HighlightRegistryLike>();
      for (const [d, ranges] of perDocument) {
        const there = d === doc ? api : highlightApi(d.defaultView);
        if (!there) continue;
        now.add(there.registry);
        if (ranges.sentence.length > 0) there.registry.set(SENTENCE_HIGHLIGHT, new there.Highlight(...ranges.sentence));
        else there.registry.delete(SENTENCE_HIGHLIGHT);
        if (ranges.word) {
          const h = new there.Highlight(ranges.word);
          h.priority = 1; // painted above the sentence where they overlap
          there.registry.set(WORD_HIGHLIGHT, h);
        } else there.registry.delete(WORD_HIGHLIGHT);
      }
      for (const registry of painted) {
        if (now.has(registry)) continue;
        registry.delete(SENTENCE_HIGHLIGHT);
        registry.delete(WORD_HIGHLIGHT);
      }
      painted = now;
    },
    remove() {
      api.registry.delete(SENTENCE_HIGHLIGHT);
      api.registry.delete(WORD_HIGHLIGHT);
      for (const registry of painted) {
        registry.delete(SENTENCE_HIGHLIGHT);
        registry.delete(WORD_HIGHLIGHT);
      }
      painted = new Set();
      for (const style of styles.values()) style.remove();
      styles.clear();
      last = null;
    },
  };
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** One box per line: getClientRects gives one per inline fragment, and overlapping translucent boxes darken. */
export function mergeLineRects(rects: readonly Box[]): Box[] {
  const sorted = rects
    .filter((r) => r.right - r.left > 0 && r.bottom - r.top > 0)
    .map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }))
    .sort((a, b) => a.top - b.top || a.left - b.left);
  const out: Box[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    const sameLine = prev && Math.abs(prev.top - r.top) < 3 && Math.abs(prev.bottom - r.bottom) < 3;
    if (prev && sameLine && r.left <= prev.right + 2) {
      prev.right = Math.max(prev.right, r.right);
      prev.top = Math.min(prev.top, r.top);
      prev.bottom = Math.max(prev.bottom, r.bottom);
    } else out.push(r);
  }
  return out;
}

function overlayPainter(doc: Document): Painter {
  const win = doc.defaultView;
  let host: HTMLElement | null = null;
  let layer: HTMLElement | null = null;
  let current: { sentence: readonly Range[] | null; word: Range | null; colors: HighlightColors } | null = null;
  let frame = 0;

  const draw = (): void => {
    frame = 0;
    if (!layer || !current) return;
    const boxes: HTMLElement[] = [];
    const add = (range: Range | null, color: string, underline: boolean): void => {
      if (!range) return;
      for (const r of mergeLineRects(Array.from(range.getClientRects()))) {
        const box = doc.createElement('div');
        const s = box.style;
        s.setProperty('position', 'absolute');
        s.setProperty('left', `${r.left}px`);
        s.setProperty('top', `${r.top}px`);
        s.setProperty('width', `${r.right - r.left}px`);
        s.setProperty('height', `${r.bottom - r.top}px`);
        s.setProperty('background-color', color);
        s.setProperty('opacity', '0.45');
        s.setProperty('border-radius', '2px');
        if (underline) s.setProperty('border-bottom', '2px solid currentColor');
        boxes.push(box);
      }
    };
    for (const range of current.sentence ?? []) add(range, current.colors.sentence, false);
    add(current.word, current.colors.word, true);
    layer.replaceChildren(...boxes);
  };

  const schedule = (): void => {
    if (frame || !win) return;
    frame = win.requestAnimationFrame
      ? win.requestAnimationFrame(draw)
      : (win.setTimeout(draw, 16) as unknown as number);
  };
  // Real scrolls and resizes only (utils/page/trusted-event.ts): a page's script gets no say in our overlay.
  const onViewportChange = trusted(schedule);

  const listen = (on: boolean): void => {
    if (!win) return;
    const method = on ? 'addEventListener' : 'removeEventListener';
    // Capture: scrolls of nested scroll containers do not bubble to the window.
    win[method]('scroll', onViewportChange, { capture: true, passive: true } as AddEventListenerOptions);
    win[method]('resize', onViewportChange, { passive: true } as AddEventListenerOptions);
  };

  return {
    paint(sentence, word, colors) {
      current = { sentence, word, colors };
      if (!sentence && !word) {
        this.remove();
        return;
      }
      if (!host) {
        host = doc.createElement(OVERLAY_TAG);
        // Inline !important so page rules cannot move, size or hide the overlay; fixed at the viewport origin,
        // zero-sized and out of flow, so the page layout does not change.
        const s = host.style;
        for (const [k, v] of [
          ['all', 'initial'],
          ['position', 'fixed'],
          ['left', '0'],
          ['top', '0'],
          ['width', '0'],
          ['height', '0'],
          ['overflow', 'visible'],
          ['pointer-events', 'none'],
          ['z-index', '2147483646'],
          ['display', 'block'],
        ] as const)
          s.setProperty(k, v, 'important');
        host.setAttribute('aria-hidden', 'true');
        const root = host.attachShadow({ mode: 'closed' });
        layer = doc.createElement('div');
        root.append(layer);
        doc.documentElement.append(host);
        listen(true);
      }
      draw(); // synchronous first paint: the highlight appears with the audio, not a frame later
    },
    remove() {
      if (frame && win) {
        if (win.cancelAnimationFrame) win.cancelAnimationFrame(frame);
        win.clearTimeout(frame);
      }
      frame = 0;
      if (host) listen(false);
      host?.remove();
      host = null;
      layer = null;
      current = null;
    },
  };
}

export function createPageHighlighter(options: PageHighlighterOptions): PageHighlighter {
  const doc = options.document ?? document;
  const api = options.forceOverlay ? null : highlightApi(doc.defaultView);
  const painter = api ? customHighlightPainter(doc, api) : overlayPainter(doc);
  let granularity = options.granularity;
  let colors = options.colors;
  let sentence: readonly Range[] | null = null;
  let word: Range | null = null;
  let destroyed = false;

  const render = (): void => {
    if (destroyed) return;
    const s = granularity === 'off' ? null : sentence;
    const w = granularity === 'word' ? word : null;
    if (!s && !w) {
      painter.remove();
      return;
    }
    painter.paint(s, w, {
      sentence: safeCssColor(colors.sentence, DEFAULT_COLORS.sentence),
      word: safeCssColor(colors.word, DEFAULT_COLORS.word),
    });
  };

  return {
    showSentence(range) {
      sentence = range === null ? null : Array.isArray(range) ? (range as readonly Range[]) : [range as Range];
      word = null; // a new sentence never starts on the previous sentence's word
      render();
    },
    showWord(range) {
      word = range;
      render();
    },
    setGranularity(g) {
      granularity = g;
      render();
    },
    setColors(c) {
      colors = c;
      render();
    },
    clear() {
      sentence = null;
      word = null;
      painter.remove();
    },
    destroy() {
      this.clear();
      destroyed = true;
    },
  };
}
