import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import type { ServerContext } from '../context';
import { RateLimiter } from './rate-limiter';

/** Failed credential checks allowed per client id or username, and per IP, in this window. */
export const FAILURES_PER_ACCOUNT = 10;
export const FAILURES_PER_IP = 50;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Throttles guessing of client secrets and passwords (token, revoke, introspect, sign-in form): each check costs
 * scrypt, and without a limit a secret can be guessed at the server's full speed. Only failures count, so a
 * client that knows its secret is never slowed; once a client id, username or IP has failed too often, every
 * check for it waits (even a right guess), which stops guessing in parallel.
 */
export class CredentialThrottle {
  private readonly perAccount = new RateLimiter(() => FAILURES_PER_ACCOUNT, FAILURE_WINDOW_MS);
  private readonly perIp = new RateLimiter(() => FAILURES_PER_IP, FAILURE_WINDOW_MS);

  constructor(private readonly ctx: ServerContext) {}

  /** Seconds to wait before `account` may be checked from this request's IP; 0 = go ahead. */
  retryAfter(c: Context, account: string): number {
    const now = this.ctx.now();
    return Math.max(this.perAccount.retryAfter(account, now), this.perIp.retryAfter(clientIp(c, this.ctx), now));
  }

  failed(c: Context, account: string): void {
    const now = this.ctx.now();
    this.perAccount.add(account, now);
    this.perIp.add(clientIp(c, this.ctx), now);
  }
}

const throttles = new WeakMap<ServerContext, CredentialThrottle>();
export function credentialThrottle(ctx: ServerContext): CredentialThrottle {
  let t = throttles.get(ctx);
  if (!t) throttles.set(ctx, (t = new CredentialThrottle(ctx)));
  return t;
}

/** The peer's address; behind a trusted proxy the address that proxy saw (the last X-Forwarded-For entry). */
export function clientIp(c: Context, ctx: ServerContext): string {
  if (ctx.config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (forwarded) return forwarded;
  }
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress ?? 'unknown';
}
