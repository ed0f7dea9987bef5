import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { ApiError } from './api-error';

const tooLarge = (max: number) =>
  new ApiError(413, 'payload_too_large', `The request body exceeds the limit of ${max} bytes.`);

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
    if (Number.isFinite(declared) && declared > max) throw tooLarge(max);
    const stream = c.req.raw.body;
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
        await reader.cancel().catch(() => undefined);
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
