// A worker that Chrome stops while a reading waits for synthesis has nothing queued in the player, so no playback
// event comes to wake it and the reading stalled for good (found by test/e2e/reliability-security.test.ts). While
// a reading is active a periodic alarm wakes the worker, whose start carries the reading on (resumeAfterRestart).
import { browser } from 'wxt/browser';
import { isActive, type ReadingState } from './reading-state';

export const READING_ALARM = 'vocalid-reading-watchdog';
/** Chrome's shortest period for packed extensions. */
export const READING_ALARM_MINUTES = 0.5;

export interface AlarmApi {
  create(name: string, info: { periodInMinutes: number }): Promise<void> | void;
  clear(name: string): Promise<boolean> | Promise<void> | void;
}

/** Follows saved states: the alarm exists exactly while a reading is active. */
export function createAlarmKeeper(alarms: AlarmApi = browser.alarms as unknown as AlarmApi) {
  let last: boolean | undefined;
  return {
    onSaved(state: ReadingState): void {
      const active = isActive(state);
      if (active === last) return;
      last = active;
      const done = active
        ? alarms.create(READING_ALARM, { periodInMinutes: READING_ALARM_MINUTES })
        : alarms.clear(READING_ALARM);
      void Promise.resolve(done).catch(() => undefined);
    },
  };
}
