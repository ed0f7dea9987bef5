import { describe, expect, it } from 'vitest';
import { boundedRequest } from '../../utils/vocalid/bounded-request';

const origin = 'http://127.0.0.1:1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a piece every `everyMs`, `pieces` times (forever when not given), until its signal aborts. */
function steady(everyMs: number, pieces = Infinity) {
  return async (signal: AbortSignal, progressed: () => void) => {
    for (let n = 0; n < pieces; n++) {
      await sleep(everyMs);
      if (signal.aborted) throw new DOMException('aborted', 'AbortError');
      progressed();
    }
    return 'whole';
  };
}

describe('boundedRequest', () => {
  it('a body that keeps coming outlasts the deadline, which is for the wait between pieces', async () => {
    await expect(boundedRequest(steady(30, 8), { timeoutMs: 100, origin })).resolves.toBe('whole');
  });

  it('a wait between pieces longer than the deadline is a timeout', async () => {
    await expect(boundedRequest(steady(150, 3), { timeoutMs: 100, origin })).rejects.toMatchObject({
      code: 'timeout',
    });
  });

  it('a body that never ends is cut at the overall limit however steadily it comes', async () => {
    const started = Date.now();
    await expect(boundedRequest(steady(20), { timeoutMs: 100, maxTotalMs: 300, origin })).rejects.toMatchObject({
      code: 'timeout',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
