import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

/**
 * Path and query exactly as the client sent them (HMAC signs these bytes); URL parsing could re-encode
 * characters, so the Node request line is preferred when available.
 */
export function rawTarget(c: Context): { path: string; query: string } {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const target = incoming?.url ?? new URL(c.req.url).pathname + new URL(c.req.url).search;
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}
