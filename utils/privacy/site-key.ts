// A "site" for privacy answers is an origin (scheme, host and port): http://127.0.0.1:8080 and
// http://127.0.0.1:9090 are different servers and may be different people's pages.
import { readablePageUrl } from '../reading/page-url';

/** The origin of a readable page, 'file://' for local files, or null for pages that have no stable origin. */
export function siteKeyOf(url: string | undefined): string | null {
  const parsed = readablePageUrl(url);
  if (!parsed) return null;
  return parsed.protocol === 'file:' ? 'file://' : parsed.origin;
}

/** The same site without its port (`http://127.0.0.1`): a stored answer for it covers every port. */
export function anyPortKeyOf(url: string): string | null {
  const parsed = readablePageUrl(url);
  if (!parsed || parsed.protocol === 'file:') return null;
  return `${parsed.protocol}//${parsed.hostname}`;
}

/** Accepts `https://host`, `https://host:port`, `http://host` or 'file://' as stored keys. */
export function isSiteKey(value: string): boolean {
  if (value === 'file://') return true;
  return /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:]+\](:\d{1,5})?$/.test(value);
}
