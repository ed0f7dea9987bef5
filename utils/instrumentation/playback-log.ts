// Test builds only: every playback event the service worker received, in arrival order, kept in storage.session
// so that it survives the worker restarts the reliability suite forces. The e2e tests read it to prove that each
// unit was heard exactly once and in order. background.ts records behind `__BUILD_KIND__ !== 'release'`, so the
// release bundle drops this module.
import { browser } from 'wxt/browser';
import type { PlaybackEvent } from '../messages/offscreen-protocol';

export const PLAYBACK_LOG_KEY = '__testPlaybackLog';
/** Plenty for any e2e reading; older entries are dropped first. */
const MAX_EVENTS = 5000;

let chain: Promise<void> = Promise.resolve();

/** Appends one event; writes are serialised so that none overwrites another. */
export function recordPlaybackEvent(event: PlaybackEvent): Promise<void> {
  chain = chain
    .then(async () => {
      const stored = await browser.storage.session.get(PLAYBACK_LOG_KEY);
      const list = (stored[PLAYBACK_LOG_KEY] as PlaybackEvent[] | undefined) ?? [];
      list.push(event);
      if (list.length > MAX_EVENTS) list.splice(0, list.length - MAX_EVENTS);
      await browser.storage.session.set({ [PLAYBACK_LOG_KEY]: list });
    })
    .catch(() => undefined);
  return chain;
}
