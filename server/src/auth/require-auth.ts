import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Principal, ServerContext } from '../context';
import { ApiError } from '../http/api-error';
import { rawTarget } from '../http/raw-target';
import { getRawBody, readParams } from '../http/read-params';
import { getHmacKey } from './hmac-key-store';
import { computeHmacSignature, HMAC_WINDOW_SECONDS, parseHmacHeader, parseIsoTimestamp } from './hmac-signature';
import { consumeNonce } from './nonce-store';
import { RateLimiter } from './rate-limiter';
import { safeEqual } from './secret-hash';
import { findToken } from './token-store';

const limiters = new WeakMap<ServerContext, RateLimiter>();
function limiterFor(ctx: ServerContext): RateLimiter {
  let limiter = limiters.get(ctx);
  if (!limiter) {
    limiter = new RateLimiter(() => ctx.config.rateLimitPerMinute);
    limiters.set(ctx, limiter);
  }
  return limiter;
}

/** Throws 429 when the client is over its per-minute limit; counts the request otherwise. */
function enforceRateLimit(ctx: ServerContext, key: string): void {
  const retryAfter = limiterFor(ctx).take(key, ctx.now());
  if (retryAfter > 0) {
    throw new ApiError(429, 'rate_limited', `Too many requests; retry in ${retryAfter} s.`, {
      'Retry-After': String(retryAfter),
    });
  }
}

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="VocaliD"' };
const unauthorized = (code: string, message: string) => new ApiError(401, code, message, CHALLENGE);

function bearerPrincipal(ctx: ServerContext, token: string): Principal {
  const row = findToken(ctx.db, token);
  if (!row || row.kind !== 'access') throw unauthorized('invalid_token', 'The access token is not valid.');
  if (row.revoked) throw unauthorized('token_revoked', 'The access token has been revoked.');
  if (row.expiresAt !== null && row.expiresAt <= ctx.now()) {
    throw unauthorized('token_expired', 'The access token has expired; request a new one.');
  }
  return { userId: row.userId, clientId: row.clientId, apiKey: null, scheme: 'bearer', scopes: row.scopes };
}

async function hmacPrincipal(c: Parameters<MiddlewareHandler<AppEnv>>[0], ctx: ServerContext, header: string) {
  const parsed = parseHmacHeader(header);
  if (!parsed) {
    throw unauthorized(
      'malformed_authorization',
      'Authorization must be "signature=<hex>, nonce=<nonce>, timestamp=<iso8601>" or "Bearer <token>".',
    );
  }
  const { params } = await readParams(c);
  const apiKey = params.api_key;
  if (typeof apiKey !== 'string' || apiKey === '') {
    throw unauthorized('missing_api_key', 'HMAC requests must carry api_key (query, JSON body or multipart data).');
  }
  const key = getHmacKey(ctx.db, apiKey);
  if (!key || key.revoked) throw unauthorized('invalid_api_key', 'The api_key is unknown or revoked.');

  const now = ctx.now();
  const at = parseIsoTimestamp(parsed.timestamp);
  if (at === undefined) throw unauthorized('invalid_timestamp', 'The timestamp must be ISO 8601.');
  if (Math.abs(now - at) > HMAC_WINDOW_SECONDS * 1000) {
    throw unauthorized('stale_timestamp', `The timestamp is more than ${HMAC_WINDOW_SECONDS} s from server time.`);
  }
  const { path, query } = rawTarget(c);
  const expected = computeHmacSignature(key.secret, {
    method: c.req.method,
    path,
    query,
    nonce: parsed.nonce,
    body: await getRawBody(c),
    timestamp: parsed.timestamp,
  });
  if (!safeEqual(expected, parsed.signature))
    throw unauthorized('invalid_signature', 'The HMAC signature does not match.');
  // Before the nonce is stored: a client over its limit must not fill the nonce table with refused requests.
  enforceRateLimit(ctx, `hmac:${key.apiKey}`);
  // Keep the nonce until the timestamp itself would be rejected.
  if (!consumeNonce(ctx.db, key.apiKey, parsed.nonce, at + HMAC_WINDOW_SECONDS * 1000, now)) {
    throw unauthorized('replayed_nonce', 'This nonce has already been used.');
  }
  const principal: Principal = {
    userId: key.userId,
    clientId: null,
    apiKey: key.apiKey,
    scheme: 'hmac',
    scopes: key.scopes,
  };
  return principal;
}

/**
 * Authenticates with an HMAC signature or a Bearer token (api-decisions.md), then checks `scope` and the
 * per-client rate limit. Sets `c.var.principal`.
 */
export function requireAuth(scope: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ctx = c.get('ctx');
    const header = c.req.header('authorization')?.trim();
    if (!header)
      throw unauthorized('missing_credentials', 'Send an Authorization header (HMAC signature or Bearer token).');

    const bearer = /^bearer\s+(\S+)$/i.exec(header);
    let principal: Principal;
    if (bearer) principal = bearerPrincipal(ctx, bearer[1]!);
    else if (/^bearer\b/i.test(header))
      throw unauthorized('malformed_authorization', 'Use "Authorization: Bearer <token>".');
    else principal = await hmacPrincipal(c, ctx, header);
    c.set('principal', principal);

    if (!principal.scopes.includes(scope)) {
      throw new ApiError(403, 'insufficient_scope', `This request needs the "${scope}" scope.`, {
        'WWW-Authenticate': `Bearer realm="VocaliD", error="insufficient_scope", scope="${scope}"`,
      });
    }
    if (principal.scheme === 'bearer') enforceRateLimit(ctx, principal.clientId ?? '');
    await next();
  };
}
