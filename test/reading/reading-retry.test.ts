// Found by test/e2e/reliability.test.ts ("the server is down for 10 s"): the client's default retry budget gave up
// after about 3 s of refused connections and ended the reading.
import { describe, expect, it } from 'vitest';
import { READING_RETRY } from '../../utils/reading/reading-retry';
import { networkError } from '../../utils/vocalid/api-error';
import { withRetry } from '../../utils/vocalid/retry-policy';

/** Simulated clock: how long withRetry keeps trying a server that refuses every connection. */
async function giveUpAfterMs(random: () => number): Promise<number> {
  let now = 0;
  await expect(
    withRetry(
      async () => {
        throw networkError('http://127.0.0.1:1');
      },
      { ...READING_RETRY, random, now: () => now, sleep: async (ms) => void (now += ms) },
    ),
  ).rejects.toMatchObject({ code: 'network' });
  return now;
}

describe('READING_RETRY', () => {
  it('keeps a reading waiting through a 10 s outage, whatever the jitter', async () => {
    expect(await giveUpAfterMs(() => 0)).toBeGreaterThan(10_000);
    expect(await giveUpAfterMs(() => 0.5)).toBeGreaterThan(10_000);
    expect(await giveUpAfterMs(() => 0.999)).toBeGreaterThan(10_000);
  });

  it('still gives up within a minute, so the reader gets "Try again" instead of silence', async () => {
    for (const r of [0, 0.5, 0.999]) expect(await giveUpAfterMs(() => r)).toBeLessThanOrEqual(60_000);
  });
});
