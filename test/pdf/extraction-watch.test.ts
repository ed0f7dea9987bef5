// A request of the PDF reader page waiting for the extraction to reach a block.
import { describe, expect, it } from 'vitest';
import { createExtractionWatch } from '../../utils/pdf/extraction-watch';

describe('createExtractionWatch', () => {
  it('answers at once when already reached, else at the first progress that reaches it', async () => {
    const watch = createExtractionWatch();
    let blocks = 3;
    await expect(watch.until(() => blocks > 2)).resolves.toBeUndefined();
    let answered = false;
    const waiting = watch.until(() => blocks > 10).then(() => (answered = true));
    blocks = 8;
    watch.progressed();
    await Promise.resolve();
    expect(answered).toBe(false);
    blocks = 11;
    watch.progressed();
    await waiting;
    expect(answered).toBe(true);
  });

  it('keeps each waiter until its own condition holds', async () => {
    const watch = createExtractionWatch();
    let blocks = 0;
    const order: number[] = [];
    const a = watch.until(() => blocks > 1).then(() => order.push(1));
    const b = watch.until(() => blocks > 5).then(() => order.push(5));
    blocks = 2;
    watch.progressed();
    await a;
    expect(order).toEqual([1]);
    blocks = 6;
    watch.progressed();
    await b;
    expect(order).toEqual([1, 5]);
  });
});
