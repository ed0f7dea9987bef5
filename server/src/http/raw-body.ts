import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { ApiError } from './api-error';

const tooLarge = (max: number) =>
  new ApiError(413, 'payload_too_large', `The request body exceeds the limit of ${max} bytes.`);

/**
 * How much of an over-limit body is still read (and thrown away) before the 413 is sent. A client that is still
 * sending when the answer comes sees its socket reset instead of the 413 (the connection is closed with its request
 * body unread), so a body somewhat over the limit is drained first; a far larger one is cut off.
 */
const DRAIN_BYTES = 16 * 1024 * 1024;

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  for (let left = DRAIN_BYTES; left > 0;) {
    const { done, value } = await reader.read();
    if (done) return;
    left -= value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
}

/**
 * Reads the request body once, enforcing the size limit while streaming (so a lying or missing Content-Length
 * cannot make us buffer more), and keeps the bytes in `c.var.rawBody` for HMAC and readParams.
 */
export function rawBody(maxBytes: () => number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') {
      c.set('rawBody', new Uint8Array(0));
      return next();
    }
    const max = maxBytes();
    const declared = Number(c.req.header('content-length') ?? NaN);
    const stream = c.req.raw.body;
    if (Number.isFinite(declared) && declared > max) {
      if (stream && declared <= max + DRAIN_BYTES) await drain(stream.getReader());
      throw tooLarge(max);
    }
    if (!stream) {
      c.set('rawBody', new Uint8Array(0));
      return next();
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await drain(reader);
        throw tooLarge(max);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    c.set('rawBody', bytes);
    return next();
  };
}
