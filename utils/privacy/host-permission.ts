// A server address other than the built-in ones needs the host permission for its origin. It is asked for at
// the moment the address is saved (from the click, while the browser still counts it as the user's gesture),
// through the optional host permissions the manifest declares, never up front.
import { browser } from 'wxt/browser';
import { parseServerUrl } from '../vocalid/base-url';

export function originPattern(baseUrl: string): string {
  return `${parseServerUrl(baseUrl).origin}/*`;
}

/** True when the extension may talk to this server (asking the user if needed). Call from a click handler. */
export async function ensureHostPermission(baseUrl: string): Promise<boolean> {
  const origins = [originPattern(baseUrl)];
  // request() resolves at once when the permission is already granted; calling it first keeps the gesture.
  return browser.permissions.request({ origins });
}
