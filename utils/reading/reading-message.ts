// What a reading tells the user besides its progress: a passing notice while it rides out a problem (the server
// retried, the privacy question open), or the error that ended it with the one action that helps. The popup and
// the on-page player show the same words and the same action labels.
import { i18n } from '../i18n/i18n';
import type { ReadingState } from './reading-state';

/** The actions an error can offer; anything else opens Options. */
export function errorActionLabel(action: string): string {
  switch (action) {
    case 'sign-in':
      return i18n.t('reading.actions.signIn');
    case 'connect':
      return i18n.t('reading.actions.connect');
    case 'retry':
      return i18n.t('reading.actions.retry');
    case 'read-page':
      return i18n.t('reading.actions.readPage');
    default:
      return i18n.t('reading.actions.settings');
  }
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
      text: state.error?.message ?? i18n.t('reading.errors.stoppedByError'),
      ...(state.error?.action ? { action: state.error.action } : {}),
    };
  if (state.notice && state.status !== 'done' && state.status !== 'stopped' && state.status !== 'idle')
    return { kind: 'notice', text: state.notice };
  return undefined;
}
