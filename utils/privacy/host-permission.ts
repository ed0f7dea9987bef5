// A server address other than the built-in ones needs the host permission for its origin. It is asked for at
// the moment the address is saved (from the click, while the browser still counts it as the user's gesture),
// through the optional host permissions the manifest declares, never up front.
import { browser } from 'wxt/browser';
import { parseServerUrl } from '../vocalid/base-url';

/**
 * The match pattern for an origin (`https://host:port`). Firefox match patterns carry no port (MDN "Match
 * patterns": the host part is a host name only), so `permissions.request` refuses `http://127.0.0.1:8787/*` there as
 * "not declared in the manifest"; in Firefox the pattern names the host, which covers its every port, as the
 * manifest's own do.
 */
export function originMatchPattern(origin: string, portInPattern = !import.meta.env.FIREFOX): string {
  if (portInPattern) return `${new URL(origin).origin}/*`;
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** The match pattern for the server's origin (see originMatchPattern). */
export function originPattern(baseUrl: string, portInPattern = !import.meta.env.FIREFOX): string {
  return originMatchPattern(parseServerUrl(baseUrl).origin, portInPattern);
}

/** True when the extension may talk to this server (asking the user if needed). Call from a click handler. */
export async function ensureHostPermission(baseUrl: string): Promise<boolean> {
  const origins = [originPattern(baseUrl)];
  // request() resolves at once when the permission is already granted; calling it first keeps the gesture.
  return browser.permissions.request({ origins });
}
