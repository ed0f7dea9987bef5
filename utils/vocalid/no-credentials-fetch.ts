/**
 * fetch for requests made from extension pages (Options): cookies and HTTP authentication never go with them.
 * Besides, a 401 with `WWW-Authenticate: Basic` (an OAuth server refusing a wrong client secret) would otherwise
 * make Chromium hold the request for a login dialog, and the user would wait for a timeout instead of reading
 * "wrong secret".
 */
export const noCredentialsFetch: typeof fetch = (input, init) =>
  globalThis.fetch(input, { ...init, credentials: 'omit' });
