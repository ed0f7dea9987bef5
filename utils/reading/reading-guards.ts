// Keeps a reading tied to what it reads and to a living player (found by test/e2e/reliability.test.ts):
// - the tab closes or navigates to another page → the reading stops (no orphan audio, no more requests);
// - Chrome closes the offscreen document while units are queued in it (it does so after ~30 s it considers
//   silent, or under memory pressure) → the worker notices within a couple of seconds and hands the unplayed
//   units to a new document, starting again at the sentence that was cut.
import { browser, type Browser } from 'wxt/browser';
import { OFFSCREEN_PATH } from '../messages/offscreen-protocol';
import { PLAYER_IN_BACKGROUND } from './player-port';
import { READING_ALARM } from './reading-alarm';
import { documentKey } from './page-url';
import { isActive, type ReadingState } from './reading-state';

export const PLAYER_CHECK_MS = 2000;

/**
 * Whether a tabs.onUpdated change of `tabId` ends the reading: the tab started loading a different document, or
 * started loading and we may not see its URL (no host permission): a reload or a navigation either way.
 */
export function tabUpdateEndsReading(
  state: Pick<ReadingState, 'tabId' | 'url' | 'status'>,
  tabId: number,
  change: { status?: string; url?: string },
): boolean {
  if (state.tabId !== tabId || !isActive(state as ReadingState)) return false;
  if (change.status !== 'loading' && change.url === undefined) return false;
  if (change.url === undefined) return true;
  return documentKey(change.url) !== documentKey(state.url);
}

export interface PlayerCheckDeps {
  offscreenOpen(): Promise<boolean>;
  state(): Promise<ReadingState>;
  /** Re-attaches to the player (re-creating it) and re-enqueues from the first unplayed unit. */
  recover(): Promise<unknown>;
}

/** One watchdog round; true when it had to recover. Cheap when all is well: one getContexts call. */
export async function checkPlayer(deps: PlayerCheckDeps): Promise<boolean> {
  if (await deps.offscreenOpen()) return false;
  const s = await deps.state();
  if (!isActive(s) || s.status === 'extracting' || s.status === 'paused') return false;
  if (!s.units.some((u) => u.status === 'queued' || u.status === 'playing')) return false;
  await deps.recover();
  return true;
}

export interface GuardedRuntime {
  state(): Promise<ReadingState>;
  stop(): Promise<ReadingState>;
  resumeAfterRestart(): Promise<ReadingState>;
}

/** Registers the listeners (call synchronously at worker start) and the player watchdog. */
export function installReadingGuards(runtime: GuardedRuntime): void {
  const stopIfReading = async (tabId: number, change?: { status?: string; url?: string }) => {
    const s = await runtime.state();
    const ends = change ? tabUpdateEndsReading(s, tabId, change) : s.tabId === tabId && isActive(s);
    if (ends) await runtime.stop();
  };
  browser.tabs.onRemoved.addListener((tabId) => {
    void stopIfReading(tabId).catch(() => undefined);
  });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading' && change.url === undefined) return;
    void stopIfReading(tabId, change).catch(() => undefined);
  });

  // The alarm kept while a reading is active (reading-alarm.ts): its event wakes a stopped worker, whose start
  // resumes the reading; a worker that is running just takes it as one more check.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === READING_ALARM) void runtime.resumeAfterRestart().catch(() => undefined);
  });

  // Firefox: the player is this background page's own (utils/reading/player-port.ts); nothing can close it.
  if (PLAYER_IN_BACKGROUND) return;
  const offscreenOpen = async () =>
    (
      await browser.runtime.getContexts({
        contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType],
        documentUrls: [browser.runtime.getURL(OFFSCREEN_PATH as '/offscreen.html')],
      })
    ).length > 0;
  // Timers do not keep a worker alive: this only runs while something else (a reading's events) does.
  setInterval(() => {
    void checkPlayer({ offscreenOpen, state: runtime.state, recover: runtime.resumeAfterRestart }).catch(
      () => undefined,
    );
  }, PLAYER_CHECK_MS);
}
