// The toolbar badge marks a reading that failed, so the error is noticed without the popup open or the page in
// view (a reading started by a shortcut, then the user switched tabs). The title says what happened; a new
// reading, or closing the error, clears it.
import { i18n } from '../i18n/i18n';
import type { ReadingState } from './reading-state';

export interface BadgeApi {
  setText(text: string): Promise<void>;
  setColor(color: string): Promise<void>;
  setTitle(title: string): Promise<void>;
}

export const ERROR_BADGE_TEXT = '!';
/** Material red 700 behind white text: 5.7:1. */
export const ERROR_BADGE_COLOR = '#C5221F';
/** The toolbar button's title when nothing is wrong: the extension's name. */
export const defaultTitle = (): string => i18n.t('manifest.name');

export interface ErrorBadge {
  onSaved(state: ReadingState): void;
  /**
   * Clears the badge; with `closedSession`, the listener closed that reading's error, which does not come back when
   * the failed reading is saved again (a request of it still in flight failing too).
   */
  clear(closedSession?: string | null): Promise<void>;
}

export function createErrorBadge(api: BadgeApi): ErrorBadge {
  // The session whose error is shown; null: the badge is clear. Avoids a badge call on every saved state.
  let shownFor: string | null = null;
  /** The reading whose error the listener closed. */
  let closed: string | null = null;
  let chain: Promise<void> = Promise.resolve();
  const queue = (fn: () => Promise<void>) => {
    chain = chain.then(fn).catch(() => undefined);
    return chain;
  };
  const reset = () =>
    queue(async () => {
      await api.setText('');
      await api.setTitle(defaultTitle());
    });
  const clear = (closedSession?: string | null) => {
    if (closedSession !== undefined) {
      closed = closedSession;
      // Also when this worker never showed it: the badge outlives a worker that stopped after setting it.
      shownFor = null;
      return reset();
    }
    if (shownFor === null) return chain;
    shownFor = null;
    return reset();
  };
  return {
    onSaved(state) {
      if (state.status === 'error') {
        const id = state.sessionId ?? '';
        if (shownFor === id || closed === id) return;
        shownFor = id;
        void queue(async () => {
          await api.setColor(ERROR_BADGE_COLOR);
          await api.setText(ERROR_BADGE_TEXT);
          await api.setTitle(
            i18n.t('reading.errors.badgeTitle', {
              name: defaultTitle(),
              message: state.error?.message ?? i18n.t('reading.errors.badgeFallback'),
            }),
          );
        });
      } else if (state.status === 'extracting' && shownFor !== null) void clear();
    },
    clear,
  };
}
