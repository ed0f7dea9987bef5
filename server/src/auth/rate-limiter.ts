/**
 * Sliding one-minute window per client key. In memory on purpose: limits protect this process, and a restart
 * resetting them is harmless.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly limitPerMinute: () => number) {}

  /** Seconds to wait before retrying, or 0 if the request may proceed (and is counted). */
  take(key: string, now: number): number {
    const limit = this.limitPerMinute();
    if (limit <= 0) return 0;
    const windowStart = now - 60_000;
    const list = (this.hits.get(key) ?? []).filter((t) => t > windowStart);
    if (list.length >= limit) {
      this.hits.set(key, list);
      return Math.max(1, Math.ceil((list[0]! + 60_000 - now) / 1000));
    }
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 10_000) this.sweep(windowStart);
    return 0;
  }

  private sweep(windowStart: number): void {
    for (const [key, list] of this.hits) if (!list.some((t) => t > windowStart)) this.hits.delete(key);
  }
}
