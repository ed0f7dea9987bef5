// Found by test/e2e/reliability.test.ts: a worker stopped while it handled a playback event lost that event.
import { describe, expect, it } from 'vitest';
import { createEventDelivery } from '../../utils/playback/event-delivery';

describe('createEventDelivery', () => {
  it('sends an event again when the worker did not handle it', async () => {
    const handled: unknown[] = [];
    let failures = 2;
    const deliver = createEventDelivery({
      send: async (event) => {
        if (failures-- > 0) throw new Error('The message port closed before a response was received.');
        handled.push(event);
      },
      sleep: async () => undefined,
    });
    await deliver({ index: 3, kind: 'ended' });
    expect(handled).toEqual([{ index: 3, kind: 'ended' }]);
  });

  it('keeps the order: a retried event is not overtaken by the next one', async () => {
    const handled: number[] = [];
    let failOnce = true;
    const deliver = createEventDelivery({
      send: async (event) => {
        const index = (event as { index: number }).index;
        if (index === 1 && failOnce) {
          failOnce = false;
          throw new Error('worker stopped');
        }
        handled.push(index);
      },
      sleep: async () => undefined,
    });
    await Promise.all([deliver({ index: 1 }), deliver({ index: 2 }), deliver({ index: 3 })]);
    expect(handled).toEqual([1, 2, 3]);
  });

  it('gives up after the last attempt and carries on with the next event', async () => {
    const givenUp: unknown[] = [];
    const handled: unknown[] = [];
    const deliver = createEventDelivery({
      send: async (event) => {
        if ((event as { bad?: boolean }).bad) throw new Error('nope');
        handled.push(event);
      },
      attempts: 3,
      onGiveUp: (event) => givenUp.push(event),
      sleep: async () => undefined,
    });
    await deliver({ bad: true });
    await deliver({ ok: true });
    expect(givenUp).toEqual([{ bad: true }]);
    expect(handled).toEqual([{ ok: true }]);
  });
});
