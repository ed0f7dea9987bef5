/**
 * The few rendering facts text extraction needs about an element: is it rendered, does it start a new line,
 * is its text visible, and how is its white space processed. Taken from the computed style where the
 * environment computes one, else from HTML's default rendering (https://html.spec.whatwg.org/#rendering).
 */

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
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'svg', 'canvas', 'iframe',
  'object', 'embed', 'video', 'audio', 'select', 'textarea', 'input', 'datalist', 'dialog',
]);

/** Block-level by HTML's default style sheet, used when no computed display is available. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'p', 'plaintext',
  'pre', 'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'xmp',
]);

const INLINE_BLOCK_TAGS = new Set(['button', 'meter', 'progress', 'img']);

const PRESERVE_TAGS = new Set(['pre', 'listing', 'xmp', 'plaintext', 'textarea']);

export function isSkippedElement(el: Element): boolean {
  if (SKIPPED.has(el.localName)) return true;
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  // A closed <details> renders only its summary.
  const parent = el.parentElement;
  return !!parent && parent.localName === 'details' && !parent.hasAttribute('open') && el.localName !== 'summary';
}

function displayKind(el: Element, display: string): DisplayKind {
  if (display === 'none') return 'none';
  if (display === '') {
    if (BLOCK_TAGS.has(el.localName)) return 'block';
    return INLINE_BLOCK_TAGS.has(el.localName) ? 'inline-block' : 'inline';
  }
  if (display === 'inline' || display === 'contents' || display.startsWith('ruby')) return 'inline';
  if (display.startsWith('inline')) return 'inline-block';
  return 'block';
}

function whiteSpaceMode(el: Element, style: CSSStyleDeclaration | null, parent: ElementStyle | null): WhiteSpaceMode {
  // white-space-collapse is the longhand in current engines; white-space the legacy shorthand
  // (https://www.w3.org/TR/css-text-4/#white-space-collapsing).
  const collapse = style?.getPropertyValue('white-space-collapse') ?? '';
  if (collapse === 'preserve' || collapse === 'break-spaces') return 'preserve';
  if (collapse === 'preserve-breaks') return 'pre-line';
  if (collapse === 'collapse') return 'collapse';
  const ws = style?.whiteSpace ?? '';
  if (ws === 'pre' || ws === 'pre-wrap' || ws === 'break-spaces') return 'preserve';
  if (ws === 'pre-line') return 'pre-line';
  if (ws === 'normal' || ws === 'nowrap') return 'collapse';
  if (PRESERVE_TAGS.has(el.localName)) return 'preserve';
  if (parent) return parent.whiteSpace;
  return el.closest('pre, listing, xmp, plaintext') ? 'preserve' : 'collapse';
}

/** `parent` is the already-read style of the parent element (null for the walk's root). */
export function readStyle(el: Element, parent: ElementStyle | null): ElementStyle {
  const view = el.ownerDocument.defaultView;
  const style = view && el.isConnected ? view.getComputedStyle(el) : null;
  const visibility = style?.visibility ?? '';
  const visible = visibility === 'hidden' || visibility === 'collapse' ? false : visibility === 'visible' ? true : (parent?.visible ?? true);
  return {
    kind: displayKind(el, style?.display ?? ''),
    visible,
    whiteSpace: whiteSpaceMode(el, style, parent),
  };
}
