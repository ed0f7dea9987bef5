/**
 * Readability with one private step made lazy, same answers. @mozilla/readability 0.6.0 (pinned) asks every
 * element of the page whether it is a byline, and measures the element's whole text (`textContent`) before looking
 * at whether it could be one at all (rel="author", itemprop, class or id like "byline"): on a long page that builds
 * the text of every subtree, a large share of Readability's time. The override measures last, so the result of
 * the whole check is unchanged (it is a pure test; `&&` only skips work).
 */
import { Readability } from '@mozilla/readability';

interface ReadabilityInternals {
  REGEXPS: { byline: RegExp };
}

export class LeanReadability<T> extends Readability<T> {
  /** Overrides Readability's own `_isValidByline(node, matchString)` (called for every element it walks). */
  _isValidByline(node: Element, matchString: string): boolean {
    const rel = node.getAttribute('rel');
    const itemprop = node.getAttribute('itemprop');
    if (!(rel === 'author' || (itemprop && itemprop.includes('author')) || (this as unknown as ReadabilityInternals).REGEXPS.byline.test(matchString))) return false;
    const bylineLength = (node.textContent ?? '').trim().length;
    return !!bylineLength && bylineLength < 100;
  }
}
