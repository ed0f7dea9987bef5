/**
 * Readability with one private step made lazy, same answers. @mozilla/readability 0.6.0 (pinned) asks every
 * element of the page whether it is a byline, and measures the element's whole text (`textContent`) before looking
 * at whether it could be one at all (rel="author", itemprop, class or id like "byline"): on a long page that builds
 * the text of every subtree, a large share of Readability's time. The override measures last, so the result of
 * the whole check is unchanged (it is a pure test; `&&` only skips work).
 *
 * `flags` starts a parse at one step of Readability's own sieve (strip unlikely candidates, weight classes, clean
 * conditionally, dropped one at a time when an attempt finds too little): extraction runs each attempt on a fresh
 * clone of the live page, because Readability's own retry rebuilds its document from HTML and the article it then
 * finds can no longer be mapped back to the live page.
 *
 * Readability reads the text of the same subtrees over and over (`_getInnerText` from link density, comma counts,
 * text density and conditional cleaning; `textContent` in its emptiness check), on a page of 500 KB the largest
 * part of its parse. During `parse()` those texts come from a SubtreeTextCache, which forgets a subtree's text as
 * soon as Readability edits it, so every answer is the one Readability would compute.
 *
 * Only the article's text nodes are used (live-blocks.ts maps them back to the live page), so the work Readability
 * does to present its article as HTML is skipped: the serialisations of the whole page (kept for a retry that
 * would rebuild the document from HTML — whose nodes could not be mapped back — the sieve is run here instead) and
 * of the article (for a debug log it builds whether or not logging is on), stripping presentational attributes,
 * making links absolute and unwrapping nested divs. None of them decides which text is in the article.
 */
import { Readability } from '@mozilla/readability';
import { SubtreeTextCache } from './subtree-text-cache';

interface ReadabilityInternals {
  REGEXPS: { byline: RegExp; normalize: RegExp };
  _flags: number;
  _doc: Document;
}

/**
 * Reading `innerHTML` of `el` answers '' instead of serialising its subtree; setting it still works. Only on the
 * clone Readability parses, whose HTML nobody reads (see above).
 */
function unserialized<E extends Element | null>(el: E): E {
  if (!el) return el;
  let setter: ((html: string) => void) | undefined;
  for (let p: object | null = Object.getPrototypeOf(el); p && !setter; p = Object.getPrototypeOf(p))
    setter = Object.getOwnPropertyDescriptor(p, 'innerHTML')?.set;
  Object.defineProperty(el, 'innerHTML', {
    configurable: true,
    get: () => '',
    set(html: string) {
      setter?.call(el, html);
    },
  });
  return el;
}

const readabilityOwn = Readability.prototype as unknown as {
  _isProbablyVisible(this: unknown, node: Element): boolean;
};

export const READABILITY_FLAGS = { stripUnlikelys: 0x1, weightClasses: 0x2, cleanConditionally: 0x4 } as const;

export class LeanReadability<T> extends Readability<T> {
  constructor(doc: Document, options: ConstructorParameters<typeof Readability<T>>[1] & { flags?: number } = {}) {
    super(doc, options);
    if (options.flags !== undefined) (this as unknown as ReadabilityInternals)._flags = options.flags;
  }

  private texts: SubtreeTextCache | null = null;
  private readonly trimmed = (text: string): string => text.trim();
  private readonly collapsed = (text: string): string =>
    text.trim().replace((this as unknown as ReadabilityInternals).REGEXPS.normalize, ' ');

  override parse(): ReturnType<Readability<T>['parse']> {
    const view = (this as unknown as ReadabilityInternals)._doc.defaultView ?? globalThis;
    this.texts = new SubtreeTextCache(view);
    const doc = (this as unknown as ReadabilityInternals)._doc;
    unserialized(doc.body);
    const createElement = doc.createElement;
    // Readability's article is a div it creates: "Grabbed: " + its innerHTML is built for the log.
    doc.createElement = function (this: Document, ...args: Parameters<Document['createElement']>) {
      return unserialized(createElement.apply(this, args));
    } as Document['createElement'];
    try {
      return super.parse();
    } finally {
      this.texts.dispose();
      this.texts = null;
    }
  }

  /** Overrides Readability's own `_cleanStyles(e)`: presentational attributes are left on the clone. */
  _cleanStyles(): void {}

  /** Overrides Readability's own `_postProcessContent(articleContent)`: links and nesting are left as they are. */
  _postProcessContent(): void {}

  /** Overrides Readability's own `_getInnerText(e, normalizeSpaces = true)`: same text, computed once per change. */
  _getInnerText(e: Node, normalizeSpaces = true): string {
    const form = normalizeSpaces ? this.collapsed : this.trimmed;
    return this.texts ? this.texts.text(e, form) : form(e.textContent ?? '');
  }

  /**
   * Overrides Readability's own `_isElementWithoutContent(node)`, asked of every div, section and heading before
   * any scoring: whether its text is only white space is known at its first non-blank text node, without building
   * the text of the whole subtree (`\S` and `trim()` agree on what white space is).
   */
  _isElementWithoutContent(node: Node): boolean {
    if (node.nodeType !== 1) return false;
    const el = node as Element;
    const walker = el.ownerDocument.createTreeWalker(el, 4 /* SHOW_TEXT */);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) if (/\S/.test((t as Text).data)) return false;
    return (
      !el.children.length ||
      el.children.length === el.getElementsByTagName('br').length + el.getElementsByTagName('hr').length
    );
  }

  /**
   * Overrides Readability's own `_isProbablyVisible(node)`, asked of every element it walks. Its `node.style`
   * makes a style declaration object for each element; an element without a `style` attribute has no inline
   * display or visibility (the clone carries inline styles only as that attribute), so only those ask it.
   */
  _isProbablyVisible(node: Element): boolean {
    if (node.hasAttribute('style')) return readabilityOwn._isProbablyVisible.call(this, node);
    if (node.hasAttribute('hidden')) return false;
    if (node.getAttribute('aria-hidden') !== 'true') return true;
    const className = (node as { className?: unknown }).className;
    return typeof className === 'string' && className.includes('fallback-image');
  }

  /** Overrides Readability's own `_isValidByline(node, matchString)` (called for every element it walks). */
  _isValidByline(node: Element, matchString: string): boolean {
    const rel = node.getAttribute('rel');
    const itemprop = node.getAttribute('itemprop');
    if (!(
      rel === 'author' ||
      (itemprop && itemprop.includes('author')) ||
      (this as unknown as ReadabilityInternals).REGEXPS.byline.test(matchString)
    ))
      return false;
    const bylineLength = (node.textContent ?? '').trim().length;
    return !!bylineLength && bylineLength < 100;
  }
}
