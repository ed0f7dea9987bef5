// Found by test/e2e/reliability-security.test.ts: a worker stopped while a reading waited for synthesis was never
// woken again.
import { describe, expect, it } from 'vitest';
import { createAlarmKeeper, READING_ALARM } from '../../utils/reading/reading-alarm';
import { idleState, type ReadingState } from '../../utils/reading/reading-state';

const state = (status: ReadingState['status']): ReadingState => ({ ...idleState(), sessionId: 's', status });

describe('createAlarmKeeper', () => {
  it('keeps a periodic alarm exactly while a reading is active', () => {
    const calls: string[] = [];
    const keeper = createAlarmKeeper({
      create: (name, info) => void calls.push(`create ${name} ${info.periodInMinutes}`),
      clear: (name) => void calls.push(`clear ${name}`),
    });
    for (const s of [
      'extracting',
      'loading',
      'playing',
      'paused',
      'playing',
      'done',
      'idle',
      'loading',
      'error',
    ] as const)
      keeper.onSaved(state(s));
    expect(calls).toEqual([
      `create ${READING_ALARM} 0.5`,
      `clear ${READING_ALARM}`,
      `create ${READING_ALARM} 0.5`,
      `clear ${READING_ALARM}`,
    ]);
  });
});
