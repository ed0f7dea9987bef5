// Uploads takes one at a time, in the order they were recorded, from the take store. Every step is written to
// the store before the next one starts, so the queue can be run again from any point: a worker that stopped
// mid-upload finds the take still "uploading" and sends it again; a take the server answered for is never sent
// twice by this queue. (recording/save has no idempotency key: if the worker stops after the server stored a
// take but before its answer was saved here, the take is sent again and the server holds it twice.)
import { isVocalidApiError } from '../vocalid/api-error';
import type { SentenceStatusCode } from '../vocalid/recording-api';
import type { Take, TakeStore } from './take-store';

export interface UploadQueueOptions {
  store: TakeStore;
  upload(take: Take & { wav: ArrayBuffer }): Promise<SentenceStatusCode>;
  now?: () => number;
  /** Told after each take settles (done, failed, or queued for a later attempt). */
  onSettled?: (take: Take) => void;
}

/** Waits after a failure that may pass (network, 5xx, 429): 5 s, 10 s, 20 s … up to 5 minutes. */
export function retryDelayMs(attempts: number, retryAfterMs?: number): number {
  const backoff = Math.min(300_000, 5_000 * 2 ** Math.max(0, attempts - 1));
  return Math.max(backoff, retryAfterMs ?? 0);
}

export interface UploadQueue {
  /** Queues a recorded (or failed) take and runs the queue; resolves with the take once it has settled. */
  enqueue(id: string): Promise<Take | undefined>;
  /** Sends every take that is due; resolves with the time the next one is due (undefined: none waiting). */
  run(): Promise<number | undefined>;
}

const isPending = (take: Take) => take.state === 'queued' || take.state === 'uploading';

export function createUploadQueue(options: UploadQueueOptions): UploadQueue {
  const { store } = options;
  const now = options.now ?? Date.now;
  let running: Promise<number | undefined> | undefined;
  let again = false;

  async function sendOne(take: Take): Promise<void> {
    const wav = take.wav;
    if (!wav) {
      // Nothing left to send (should not happen: audio is dropped only with an answer).
      await store.update(take.id, (t) => ({
        ...t,
        state: 'failed',
        error: 'The recording is missing; record it again.',
        updatedAt: now(),
      }));
      return;
    }
    const sending = await store.update(take.id, (t) => ({
      ...t,
      state: 'uploading',
      attempts: t.attempts + 1,
      updatedAt: now(),
    }));
    if (!sending) return; // deleted meanwhile
    let settled: Take | undefined;
    try {
      const verdict = await options.upload({ ...sending, wav });
      settled = await store.update(take.id, (t) => {
        const { wav: _sent, error: _old, nextAttemptAt: _n, ...rest } = t;
        return { ...rest, state: 'done', verdict, updatedAt: now() };
      });
    } catch (error) {
      const message = isVocalidApiError(error)
        ? error.userMessage
        : error instanceof Error
          ? error.message
          : String(error);
      const retryable = !isVocalidApiError(error) || error.retryable;
      settled = await store.update(take.id, (t) =>
        retryable
          ? {
              ...t,
              state: 'queued',
              error: message,
              nextAttemptAt:
                now() + retryDelayMs(t.attempts, isVocalidApiError(error) ? error.retryAfterMs : undefined),
              updatedAt: now(),
            }
          : { ...t, state: 'failed', error: message, updatedAt: now() },
      );
    }
    if (settled) options.onSettled?.(settled);
  }

  async function drain(): Promise<number | undefined> {
    for (;;) {
      again = false;
      const takes = await store.list();
      const due = takes.filter((t) => isPending(t) && (t.nextAttemptAt ?? 0) <= now());
      for (const take of due) await sendOne(take);
      if (!again) {
        const waiting = (await store.list()).filter(isPending).map((t) => t.nextAttemptAt ?? 0);
        return waiting.length ? Math.min(...waiting) : undefined;
      }
    }
  }

  function run(): Promise<number | undefined> {
    if (running) {
      // A take queued while the queue runs is picked up by the same run.
      again = true;
      return running;
    }
    running = drain().finally(() => (running = undefined));
    return running;
  }

  async function enqueue(id: string): Promise<Take | undefined> {
    const queued = await store.update(id, (t) =>
      t.state === 'recorded' || t.state === 'failed'
        ? { ...t, state: 'queued', nextAttemptAt: now(), updatedAt: now() }
        : t.state === 'queued'
          ? { ...t, nextAttemptAt: now() }
          : t,
    );
    if (!queued) return undefined;
    // A run that was just finishing when this take was queued may have missed it: run until it has settled.
    for (;;) {
      await run();
      const take = await store.get(id);
      if (!take || !isPending(take) || (take.nextAttemptAt ?? 0) > now()) return take;
    }
  }

  return { enqueue, run };
}
