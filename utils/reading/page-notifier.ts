// Keeps the page script of the tab being read up to date: after every saved state change it builds the page's
// snapshot (utils/reading/page-view.ts) and sends it when something visible changed. A tab that stops being the
// reading's tab gets a final 'stopped' snapshot so its highlight and player go away.
import type { FollowSettings, PageView } from './page-view';
import type { ReadingState } from './reading-state';
import { buildPageView, sameVisibleView } from './page-view';

export interface PageNotifierDeps {
  send(tabId: number, view: PageView): Promise<void>;
  settings(): Promise<FollowSettings>;
  now?: () => number;
}

export interface PageNotifier {
  onSaved(state: ReadingState): void;
  /** Resolves when every snapshot queued so far has been sent (tests). */
  flush(): Promise<void>;
}

export function createPageNotifier(deps: PageNotifierDeps): PageNotifier {
  const now = deps.now ?? Date.now;
  let last: PageView | null = null;
  let lastTab: number | null = null;
  // Starts at the clock so that a restarted worker's snapshots are newer than the dead one's.
  let seq = now();
  let chain: Promise<void> = Promise.resolve();
  const nextSeq = () => (seq = Math.max(seq + 1, now()));

  return {
    onSaved(state) {
      const snapshot = structuredClone(state);
      chain = chain
        .then(async () => {
          const settings = await deps.settings();
          if (lastTab !== null && lastTab !== snapshot.tabId && last) {
            // The reading moved to another tab (or ended without one): clear the old tab.
            await deps
              .send(lastTab, { ...last, seq: nextSeq(), status: 'stopped', current: null, at: now() })
              .catch(() => undefined);
            last = null;
          }
          lastTab = snapshot.tabId;
          if (snapshot.tabId === null || snapshot.sessionId === null) return;
          const view = buildPageView(snapshot, settings, 0, now());
          if (sameVisibleView(last, view)) return;
          view.seq = nextSeq();
          last = view;
          // A tab without our page script (not injected yet, or navigated away) simply does not answer.
          await deps.send(snapshot.tabId, view).catch(() => undefined);
        })
        .catch(() => undefined);
    },
    flush: () => chain,
  };
}
