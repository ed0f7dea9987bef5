/**
 * The few rendering facts text extraction needs about an element: is it rendered, does it start a new line,
 * is its text visible, and how is its white space processed. Taken from the computed style where the
 * environment computes one, else from HTML's default rendering (https://html.spec.whatwg.org/#rendering).
 */
import { OWN_UI_ATTRIBUTE } from '../dom/shadow-host';
import { frameDocument } from './shadow-traversal';
import { isUnheardInline, mayBeUnheardInline } from './unheard-content';

export type WhiteSpaceMode = 'collapse' | 'preserve' | 'pre-line';
export type DisplayKind = 'none' | 'block' | 'inline-block' | 'inline';

export interface ElementStyle {
  kind: DisplayKind;
  /** visibility is not hidden/collapse (inherited, and a child may turn it back on). */
  visible: boolean;
  whiteSpace: WhiteSpaceMode;
}

/** Elements whose content is never rendered as page text (or is form state, not text). */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'select',
  'textarea',
  'input',
  'datalist',
  'dialog',
]);

/** Block-level by HTML's default style sheet, used when no computed display is available. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'plaintext',
  'pre',
  'search',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'xmp',
]);

const INLINE_BLOCK_TAGS = new Set(['button', 'meter', 'progress', 'img']);

const PRESERVE_TAGS = new Set(['pre', 'listing', 'xmp', 'plaintext', 'textarea']);

export function isSkippedElement(el: Element): boolean {
  // A same-origin frame is read where it is shown (shadow-traversal.ts); other frames are skipped.
  if (SKIPPED.has(el.localName) && !frameDocument(el)) return true;
  if (mayBeUnheardInline(el) && memoize(el, 'unheard', () => isUnheardInline(el))) return true;
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  // The extension's own on-page UI (player, skip link, resume offer) is never page text.
  if (el.hasAttribute(OWN_UI_ATTRIBUTE)) return true;
  // A closed <details> renders only its summary.
  const parent = el.parentElement;
  return !!parent && parent.localName === 'details' && !parent.hasAttribute('open') && el.localName !== 'summary';
}

const MATHML = 'http://www.w3.org/1998/Math/MathML';

function displayKind(el: Element, display: string): DisplayKind {
  if (display === 'none') return 'none';
  // Chromium computes inline <math> as `display: math` and its token elements (mi, mo, mn…) as `block math`
  // (MathML Core §3.1, https://w3c.github.io/mathml-core/#new-display-math-value): a formula is inline text;
  // only a <math> displayed as a block (display="block") starts a new line.
  if (el.namespaceURI === MATHML) return el.localName === 'math' && display.startsWith('block') ? 'block' : 'inline';
  if (display === '') {
    if (BLOCK_TAGS.has(el.localName)) return 'block';
    return INLINE_BLOCK_TAGS.has(el.localName) ? 'inline-block' : 'inline';
  }
  if (display === 'inline' || display === 'contents' || display.startsWith('ruby')) return 'inline';
  if (display.startsWith('inline')) return 'inline-block';
  return 'block';
}

function whiteSpaceMode(el: Element, style: ComputedFacts | null, parent: ElementStyle | null): WhiteSpaceMode {
  // white-space-collapse is the longhand in current engines; white-space the legacy shorthand
  // (https://www.w3.org/TR/css-text-4/#white-space-collapsing).
  const collapse = style?.collapse ?? '';
  if (collapse === 'preserve' || collapse === 'break-spaces') return 'preserve';
  if (collapse === 'preserve-breaks') return 'pre-line';
  if (collapse === 'collapse') return 'collapse';
  const ws = style ? whiteSpaceOf(style) : '';
  if (ws === 'pre' || ws === 'pre-wrap' || ws === 'break-spaces') return 'preserve';
  if (ws === 'pre-line') return 'pre-line';
  if (ws === 'normal' || ws === 'nowrap') return 'collapse';
  if (PRESERVE_TAGS.has(el.localName)) return 'preserve';
  if (parent) return parent.whiteSpace;
  return el.closest('pre, listing, xmp, plaintext') ? 'preserve' : 'collapse';
}

/** The computed values readStyle uses, read once per element per extraction (see withStyleCache). */
interface ComputedFacts {
  display: string;
  visibility: string;
  collapse: string;
  /** Read only when white-space-collapse says nothing (engines without it): one style read less per element. */
  whiteSpace?: string;
  style: CSSStyleDeclaration;
}

function whiteSpaceOf(facts: ComputedFacts): string {
  if (facts.whiteSpace === undefined) facts.whiteSpace = facts.style.whiteSpace ?? '';
  return facts.whiteSpace;
}

let factsCache: WeakMap<Element, ComputedFacts | null> | null = null;
/** One table per memoized key: a Map per element would cost more than most of what it saves. */
let memo: Map<string, WeakMap<Element, unknown>> | null = null;

/**
 * Runs `fn` with each element's computed style read at most once (and `memoize`d facts computed once).
 * Extraction visits every element several times (finding blocks, describing their content, building each
 * block's text map); in a CPU profile of a 500 KB page, reading computed styles and re-describing blocks were
 * about a fifth of its time. Only for synchronous work: the page cannot change during it.
 */
export function withStyleCache<T>(fn: () => T): T {
  if (factsCache) return fn();
  factsCache = new WeakMap();
  memo = new Map();
  try {
    return fn();
  } finally {
    factsCache = null;
    memo = null;
  }
}

/** `compute()` once per (element, key) inside withStyleCache; every time outside it. */
export function memoize<T>(el: Element, key: string, compute: () => T): T {
  if (!memo) return compute();
  let table = memo.get(key);
  if (!table) memo.set(key, (table = new WeakMap()));
  // One lookup for a hit; `has` only tells a stored undefined from none.
  const known = table.get(el);
  if (known !== undefined || table.has(el)) return known as T;
  const value = compute();
  table.set(el, value);
  return value;
}

function computedFacts(el: Element): ComputedFacts | null {
  const cached = factsCache?.get(el);
  if (cached !== undefined) return cached;
  const view = el.ownerDocument.defaultView;
  const style = view && el.isConnected ? view.getComputedStyle(el) : null;
  const facts = style
    ? {
        display: style.display ?? '',
        visibility: style.visibility ?? '',
        collapse: style.getPropertyValue('white-space-collapse') ?? '',
        style,
      }
    : null;
  factsCache?.set(el, facts);
  return facts;
}

/** `parent` is the already-read style of the parent element (null for the walk's root). */
export function readStyle(el: Element, parent: ElementStyle | null): ElementStyle {
  const facts = computedFacts(el);
  const visibility = facts?.visibility ?? '';
  const visible =
    visibility === 'hidden' || visibility === 'collapse'
      ? false
      : visibility === 'visible'
        ? true
        : (parent?.visible ?? true);
  return {
    kind: displayKind(el, facts?.display ?? ''),
    visible,
    whiteSpace: whiteSpaceMode(el, facts, parent),
  };
}
