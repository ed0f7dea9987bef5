// Page text and credentials must never cross the network in clear text, except to a server on this machine
// (the local dev server, a self-hosted server behind a loopback port). This is the single place that decides.

import { configError } from './api-error';
export class InvalidServerUrlError extends Error {
  override name = 'InvalidServerUrlError';
}

/** 127.0.0.0/8, localhost (and *.localhost, which browsers resolve to loopback), [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

export interface ServerUrl {
  /** Origin plus optional path prefix, without a trailing slash, e.g. `https://vocalid.co`. */
  base: string;
  origin: string;
  /** True when plain http is allowed because the host is loopback. */
  insecureAllowed: boolean;
}

/**
 * Parses and checks the configured server address. Throws InvalidServerUrlError with a sentence meant
 * for the Options page when the address is malformed or uses http for a non-loopback host.
 */
export function parseServerUrl(raw: string): ServerUrl {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new InvalidServerUrlError('The VocaliD server address is empty. Enter it in Options.');
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InvalidServerUrlError(`The VocaliD server address "${raw}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidServerUrlError('The VocaliD server address must use https');
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    throw new InvalidServerUrlError('The VocaliD server address must use https');
  }
  if (url.username || url.password) {
    throw new InvalidServerUrlError('The VocaliD server address must not contain a user name or password.');
  }
  if (url.search || url.hash) {
    throw new InvalidServerUrlError('The VocaliD server address must not contain "?" or "#" parts.');
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { base: url.origin + path, origin: url.origin, insecureAllowed: url.protocol === 'http:' };
}

/** parseServerUrl for request code: a bad address becomes an API error that sends the user to the settings. */
export function requireServerUrl(baseUrl: string): ServerUrl {
  try {
    return parseServerUrl(baseUrl);
  } catch (err) {
    if (err instanceof InvalidServerUrlError) throw configError('bad_server_url', err.message);
    throw err;
  }
}
