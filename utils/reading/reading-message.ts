// What a reading tells the user besides its progress: a passing notice while it rides out a problem (the server
// retried, the privacy question open), or the error that ended it with the one action that helps. The popup and
// the on-page player show the same words and the same action labels.
import type { ReadingState } from './reading-state';

/** The actions an error can offer; anything else opens Options. */
export const ERROR_ACTION_LABELS: Record<string, string> = {
  settings: 'Open settings',
  'sign-in': 'Sign in',
  connect: 'Connect your VocaliD account',
  retry: 'Try again',
  'read-page': 'Read the whole page',
};

export function errorActionLabel(action: string): string {
  return ERROR_ACTION_LABELS[action] ?? ERROR_ACTION_LABELS.settings!;
}

export interface ReadingMessage {
  kind: 'notice' | 'error';
  text: string;
  action?: string;
}

/** The notice or error to show for a state, if any. */
export function readingMessage(state: Pick<ReadingState, 'status' | 'error' | 'notice'>): ReadingMessage | undefined {
  if (state.status === 'error')
    return {
      kind: 'error',
      text: state.error?.message ?? 'Reading stopped because of an error.',
      ...(state.error?.action ? { action: state.error.action } : {}),
    };
  if (state.notice && state.status !== 'done' && state.status !== 'stopped' && state.status !== 'idle')
    return { kind: 'notice', text: state.notice };
  return undefined;
}
