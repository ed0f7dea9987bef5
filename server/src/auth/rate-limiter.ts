/**
 * Sliding-window counter per key. In memory on purpose: limits protect this process, and a restart resetting them
 * is harmless.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: () => number,
    private readonly windowMs = 60_000,
  ) {}

  /** Seconds to wait before retrying, or 0 if the request may proceed (and is counted). */
  take(key: string, now: number): number {
    const wait = this.retryAfter(key, now);
    if (wait === 0) this.add(key, now);
    return wait;
  }

  /** Seconds until `key` is under its limit again; 0 if it is now. Counts nothing. */
  retryAfter(key: string, now: number): number {
    const limit = this.limit();
    if (limit <= 0) return 0;
    const list = this.recent(key, now);
    if (list.length < limit) return 0;
    return Math.max(1, Math.ceil((list[list.length - limit]! + this.windowMs - now) / 1000));
  }

  /** Counts one event for `key`. */
  add(key: string, now: number): void {
    if (this.limit() <= 0) return;
    const list = this.recent(key, now);
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 10_000) this.sweep(now - this.windowMs);
  }

  private recent(key: string, now: number): number[] {
    const windowStart = now - this.windowMs;
    return (this.hits.get(key) ?? []).filter((t) => t > windowStart);
  }

  private sweep(windowStart: number): void {
    for (const [key, list] of this.hits) if (!list.some((t) => t > windowStart)) this.hits.delete(key);
  }
}
