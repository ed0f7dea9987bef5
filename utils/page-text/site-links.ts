/**
 * Where a link leads, seen from the page it is on: to another story of the same site, or elsewhere. The page's
 * site is that of its own address, its canonical address and its og:url (a saved or proxied page keeps its
 * canonical one), so a link to "https://www.news.example/2019/other-story" and one to "/2019/other-story" both
 * lead within the site of a page whose canonical address is on news.example.
 */

import { memoize } from './element-style';

// Second-level labels under which a country's sites register ("news.co.uk", "site.com.br"): the site is then
// the last three labels. A short list, not the Public Suffix List: a miss only makes two hosts look unrelated.
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'edu', 'ne', 'or', 'go']);

/** The registrable part of a host ("video.news.example" → "news.example", "www.paper.co.uk" → "paper.co.uk"). */
export function siteOf(host: string): string {
  // An address by number is its own site ("127.0.0.1", "[::1]").
  if (/^[\d.]+$|^\[/.test(host)) return host;
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2) return labels.join('.');
  const [second = '', top = ''] = labels.slice(-2);
  const take = top.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-take).join('.');
}

function urlOf(href: string | null | undefined, base: string): URL | null {
  if (!href) return null;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The page's own addresses: where it was loaded from, its canonical address and its og:url. */
export function ownUrls(doc: Document): readonly URL[] {
  return memoize(doc.documentElement, 'ownUrls', () =>
    [
      doc.URL,
      doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'),
      doc.querySelector('meta[property="og:url"]')?.getAttribute('content'),
    ]
      .map((href) => urlOf(href, doc.URL))
      .filter((url): url is URL => url !== null),
  );
}

/** Where an address leads, without its query and fragment ("https://x.org/a/b/" → "x.org/a/b"). */
export const pageAddress = (url: URL) => `${url.host}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();

/**
 * A path that names one story: a slug of several words ("/2019/11/council-extends-library-hours") or a long
 * number ("/v/6091276897001/", "/news/10375940/"), not a section ("/news/", "/sport/football").
 */
const STORY_PATH = /[\p{L}\p{N}]+[-_][\p{L}\p{N}]+[-_][\p{L}\p{N}]+|\d{5,}/u;

function readablePath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

/** Whether `href` leads to another story of the page's own site (not the page itself, not a section). */
export function isOtherStoryOfSite(href: string, doc: Document): boolean {
  const url = urlOf(href, doc.URL);
  if (!url || !STORY_PATH.test(readablePath(url))) return false;
  const own = ownUrls(doc);
  const key = pageAddress(url);
  if (own.some((page) => pageAddress(page) === key)) return false;
  const site = siteOf(url.hostname);
  return own.some((page) => siteOf(page.hostname) === site);
}
