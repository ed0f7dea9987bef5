// Waiting on a reading through the test API's state (docs/architecture.md, "Reading state").
import type { Worker } from 'playwright-core';
import type { ReadingState, ReadingStatus } from '../../utils/reading/reading-state';
import { ext } from './test-api-client';
import { sleep, waitFor } from './wait';

export function waitForState(
  sw: Worker,
  predicate: (s: ReadingState) => boolean,
  timeoutMs = 60_000,
  what = 'a matching reading state',
): Promise<ReadingState> {
  return waitForReadingState(() => ext.state(sw), predicate, timeoutMs, what);
}

/** The same, with the state read any way (Firefox reads it over the test bridge, test/harness/firefox.ts). */
export async function waitForReadingState(
  readState: () => Promise<ReadingState>,
  predicate: (s: ReadingState) => boolean,
  timeoutMs = 60_000,
  what = 'a matching reading state',
): Promise<ReadingState> {
  let last: ReadingState | undefined;
  try {
    return await waitFor(
      async () => {
        last = await readState();
        return predicate(last) ? last : undefined;
      },
      timeoutMs,
      what,
      150,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last state: ${describeState(last)}`);
  }
}

const finalStatuses: ReadingStatus[] = ['done', 'stopped', 'error'];

/** Wait until reading ends, whichever way; callers assert the way. */
export function waitForEnd(sw: Worker, timeoutMs = 90_000): Promise<ReadingState> {
  return waitForState(sw, (s) => finalStatuses.includes(s.status), timeoutMs, 'reading to end');
}

/**
 * Wait for the end of a long reading, failing early when it stops making progress (no unit changing status for
 * `stallMs` while not paused) instead of sitting out the whole timeout. `onState` sees every state polled.
 */
export async function waitForEndWithProgress(
  sw: Worker,
  opts: { timeoutMs: number; stallMs: number; intervalMs?: number; onState?: (s: ReadingState) => void },
): Promise<ReadingState> {
  const deadline = Date.now() + opts.timeoutMs;
  let signature = '';
  let changedAt = Date.now();
  for (;;) {
    const s = await ext.state(sw);
    opts.onState?.(s);
    if (finalStatuses.includes(s.status)) return s;
    const sig = `${s.status} ${s.units.map((u) => u.status).join(',')}`;
    if (sig !== signature || s.status === 'paused') {
      signature = sig;
      changedAt = Date.now();
    } else if (Date.now() - changedAt > opts.stallMs) {
      throw new Error(`reading stalled: no progress for ${opts.stallMs} ms; state: ${describeState(s)}`);
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${opts.timeoutMs} ms; state: ${describeState(s)}`);
    await sleep(opts.intervalMs ?? 250);
  }
}

export function describeState(s: ReadingState | undefined): string {
  if (!s) return '(none)';
  const units = s.units.map((u) => `#${u.index}:${u.status}${u.error ? `(${u.error})` : ''}`).join(' ');
  return `status=${s.status}${s.error ? ` error=${JSON.stringify(s.error)}` : ''} units=[${units}]`;
}
