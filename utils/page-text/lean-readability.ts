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
 */
import { Readability } from '@mozilla/readability';

interface ReadabilityInternals {
  REGEXPS: { byline: RegExp };
  _flags: number;
}

export const READABILITY_FLAGS = { stripUnlikelys: 0x1, weightClasses: 0x2, cleanConditionally: 0x4 } as const;

export class LeanReadability<T> extends Readability<T> {
  constructor(doc: Document, options: ConstructorParameters<typeof Readability<T>>[1] & { flags?: number } = {}) {
    super(doc, options);
    if (options.flags !== undefined) (this as unknown as ReadabilityInternals)._flags = options.flags;
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
