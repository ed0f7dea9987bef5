// Test builds only: every playback event the service worker received, in arrival order, kept in storage.session
// so that it survives the worker restarts the reliability suite forces. The e2e tests read it to prove that each
// unit was heard exactly once and in order. background.ts records behind `__BUILD_KIND__ !== 'release'`, so the
// release bundle drops this module.
//
// Stored in pages of PLAYBACK_LOG_PAGE_SIZE events (`__testPlaybackLog:<page>`) with a small head record, so an event costs a
// bounded write. It was one list rewritten whole on every event, and the worker handles each event only after it
// is recorded: a 1 000-sentence reading spent most of its time copying the log (the benchmark's 100 000-character
// reading took 18 minutes instead of 5). No state is kept in memory: a restarted worker, or a test clearing the
// log between readings, is seen on the next event.
import { browser } from 'wxt/browser';
import type { PlaybackEvent } from '../messages/offscreen-protocol';

export const PLAYBACK_LOG_PREFIX = '__testPlaybackLog:';
const HEAD_KEY = `${PLAYBACK_LOG_PREFIX}head`;
export const PLAYBACK_LOG_PAGE_SIZE = 200;
/** Plenty for any e2e reading; the oldest pages are dropped first. */
const MAX_PAGES = 25;

interface Head {
  page: number;
  length: number;
}

let chain: Promise<void> = Promise.resolve();

/** Appends one event; writes are serialised so that none overwrites another. */
export function recordPlaybackEvent(event: PlaybackEvent): Promise<void> {
  chain = chain
    .then(async () => {
      const head = ((await browser.storage.session.get(HEAD_KEY))[HEAD_KEY] as Head | undefined) ?? {
        page: 0,
        length: 0,
      };
      const full = head.length >= PLAYBACK_LOG_PAGE_SIZE;
      const page = full ? head.page + 1 : head.page;
      const pageKey = `${PLAYBACK_LOG_PREFIX}${page}`;
      const events = full
        ? []
        : (((await browser.storage.session.get(pageKey))[pageKey] as PlaybackEvent[] | undefined) ?? []);
      events.push(event);
      await browser.storage.session.set({ [pageKey]: events, [HEAD_KEY]: { page, length: events.length } });
      if (full && page >= MAX_PAGES) await browser.storage.session.remove(`${PLAYBACK_LOG_PREFIX}${page - MAX_PAGES}`);
    })
    .catch(() => undefined);
  return chain;
}

/** The whole log in order, from everything storage.session holds (the harness runs the same in the worker). */
export function playbackLogFrom(stored: Record<string, unknown>): PlaybackEvent[] {
  return Object.keys(stored)
    .filter((k) => k.startsWith(PLAYBACK_LOG_PREFIX) && /^\d+$/.test(k.slice(PLAYBACK_LOG_PREFIX.length)))
    .sort((a, b) => Number(a.slice(PLAYBACK_LOG_PREFIX.length)) - Number(b.slice(PLAYBACK_LOG_PREFIX.length)))
    .flatMap((k) => stored[k] as PlaybackEvent[]);
}
