import { describe, expect, it } from 'vitest';
import { VocalidApiError } from '../../utils/vocalid/api-error';
import { retryDelayMs, sleep, withRetry } from '../../utils/vocalid/retry-policy';

function apiError(retryable: boolean, retryAfterMs?: number) {
  return new VocalidApiError({
    status: retryable ? 503 : 400,
    code: 'x',
    message: 'x',
    userMessage: 'x',
    retryable,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

describe('retryDelayMs', () => {
  it('grows exponentially within [10%, 100%] of a capped window', () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelayMs(1, apiError(true), { ...opts, random: () => 1 })).toBe(100);
    expect(retryDelayMs(3, apiError(true), { ...opts, random: () => 1 })).toBe(400);
    expect(retryDelayMs(10, apiError(true), { ...opts, random: () => 1 })).toBe(1000);
    expect(retryDelayMs(3, apiError(true), { ...opts, random: () => 0 })).toBe(40);
  });

  it('uses Retry-After plus at most 10% (max 1 s) jitter', () => {
    expect(retryDelayMs(1, apiError(true, 2000), { random: () => 0 })).toBe(2000);
    expect(retryDelayMs(1, apiError(true, 2000), { random: () => 1 })).toBe(2200);
    expect(retryDelayMs(1, apiError(true, 60_000), { random: () => 1 })).toBe(61_000);
  });
});

describe('withRetry', () => {
  const instant = { sleep: async () => undefined, random: () => 0 };

  it('returns the first success', async () => {
    let n = 0;
    const result = await withRetry(async () => {
      if (++n < 3) throw apiError(true);
      return 'ok';
    }, instant);
    expect(result).toBe('ok');
    expect(n).toBe(3);
  });

  it('rethrows a non-retryable error at once', async () => {
    let n = 0;
    const err = apiError(false);
    await expect(
      withRetry(async () => {
        n++;
        throw err;
      }, instant),
    ).rejects.toBe(err);
    expect(n).toBe(1);
  });

  it('does not retry plain errors (bugs)', async () => {
    let n = 0;
    await expect(
      withRetry(async () => {
        n++;
        throw new Error('bug');
      }, instant),
    ).rejects.toThrow('bug');
    expect(n).toBe(1);
  });

  it('bounds the number of attempts', async () => {
    let n = 0;
    await expect(
      withRetry(
        async () => {
          n++;
          throw apiError(true);
        },
        { ...instant, maxAttempts: 3 },
      ),
    ).rejects.toBeInstanceOf(VocalidApiError);
    expect(n).toBe(3);
  });

  it('gives up rather than wait past the total time budget', async () => {
    let clock = 0;
    const waits: number[] = [];
    let n = 0;
    const err = apiError(true, 20_000);
    await expect(
      withRetry(
        async () => {
          n++;
          throw err;
        },
        {
          random: () => 0,
          now: () => clock,
          maxTotalMs: 30_000,
          maxAttempts: 10,
          sleep: async (ms) => {
            waits.push(ms);
            clock += ms;
          },
        },
      ),
    ).rejects.toBe(err);
    expect(waits).toEqual([20_000]);
    expect(n).toBe(2);
  });

  it('reports each retry', async () => {
    const seen: number[] = [];
    let n = 0;
    await withRetry(
      async () => {
        if (++n < 3) throw apiError(true, 500);
        return n;
      },
      { ...instant, onRetry: ({ attempt, delayMs }) => seen.push(attempt * 10_000 + delayMs) },
    );
    expect(seen).toEqual([10_500, 20_500]);
  });

  it('rejects at once with the abort reason when aborted during a wait', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = withRetry(
      async () => {
        throw apiError(true, 10_000);
      },
      { signal: controller.signal, random: () => 0 },
    );
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('sleep', () => {
  it('waits, and rejects early on abort', async () => {
    const t0 = Date.now();
    await sleep(20);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(15);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(sleep(10_000, controller.signal)).rejects.toThrow('stop');
  });
});
