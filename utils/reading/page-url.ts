// Keys derived from a page's URL. One rule says which pages the extension reads (http, https and local files) and
// one says when two URLs show the same document (they differ at most in the fragment: a #section link or a hash
// route); reading positions, the tab guard and the privacy answers' site keys (utils/privacy/site-key.ts) use them.
// Our PDF reader page stands for the PDF it shows (utils/pdf/reader-url.ts).
import { readerDocumentUrl } from '../pdf/reader-url';

/** A URL of a page the extension can read, parsed; null for other schemes and for text that is no URL. */
export function readablePageUrl(url: string | undefined): URL | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(readerDocumentUrl(url));
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'file:' ? parsed : null;
}

const withoutFragment = (u: URL): string => {
  const copy = new URL(u.href);
  copy.hash = '';
  return copy.href;
};

/** The document a URL shows, of any scheme; text that does not parse is its own key. */
export function documentKey(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return withoutFragment(new URL(readerDocumentUrl(url)));
  } catch {
    return url;
  }
}

/** The key a readable page is remembered under (its document); null for pages that are not read. */
export function pageKey(url: string): string | null {
  const parsed = readablePageUrl(url);
  return parsed ? withoutFragment(parsed) : null;
}
