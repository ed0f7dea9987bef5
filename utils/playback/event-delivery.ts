// Playback events from the offscreen document to the service worker, delivered at least once and in order.
// A worker that Chrome stops while it handles an event loses that event and the sender's sendMessage rejects;
// sending it again wakes a new worker. The scheduler ignores repeats (a unit already started or played), so
// at-least-once is safe, and one queue keeps a unit's 'ended' from overtaking its 'started'.

export interface EventDeliveryOptions {
  /** Sends one event; rejects when it was not handled. */
  send(event: unknown): Promise<unknown>;
  /** Attempts per event, the first included. */
  attempts?: number;
  /** Wait before attempt n+1 is n × delayMs. */
  delayMs?: number;
  /** Told about an event given up on (after all attempts). */
  onGiveUp?(event: unknown, error: unknown): void;
  sleep?(ms: number): Promise<void>;
}

export function createEventDelivery(options: EventDeliveryOptions): (event: unknown) => Promise<void> {
  const attempts = Math.max(1, options.attempts ?? 5);
  const delayMs = options.delayMs ?? 200;
  const wait = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let queue: Promise<void> = Promise.resolve();

  async function deliver(event: unknown): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await options.send(event);
        return;
      } catch (error) {
        if (attempt >= attempts) {
          options.onGiveUp?.(event, error);
          return;
        }
        await wait(delayMs * attempt);
      }
    }
  }

  return (event) => {
    queue = queue.then(() => deliver(event));
    return queue;
  };
}
