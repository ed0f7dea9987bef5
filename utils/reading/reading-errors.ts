// What a reading says when something goes wrong: the passing notice while a request is retried, and the error
// that ends a reading. One place for the wording the popup and the page show.
import { isolate } from '../text/bidi-isolate';
import { formatNumber } from '../i18n/locale-format';
import { i18n } from '../i18n/i18n';
import { isVocalidApiError } from '../vocalid/api-error';
import type { ReadingError } from './reading-state';

/** What the popup says while a request is retried, in place of "Preparing the voice…". */
export function retryNotice(err: unknown): string {
  if (isVocalidApiError(err) && err.status === 429) return i18n.t('reading.errors.retryBusy');
  if (isVocalidApiError(err) && err.status === 0) return i18n.t('reading.errors.retryUnreachable');
  return i18n.t('reading.errors.retryTrouble');
}

/** Errors that mean no account was ever connected (nothing to sign in with): the reading offers to connect one. */
const NOT_CONNECTED = new Set([
  'not_signed_in',
  'missing_client_id',
  'missing_client_secret',
  'missing_api_key',
  'missing_api_secret',
]);

export const notConnectedMessage = (): string => i18n.t('reading.errors.notConnected');

export function toReadingError(err: unknown): ReadingError {
  if (isVocalidApiError(err) && NOT_CONNECTED.has(err.code))
    return { code: err.code, message: notConnectedMessage(), action: 'connect' };
  if (isVocalidApiError(err))
    return { code: err.code, message: err.userMessage, ...(err.action ? { action: err.action } : {}) };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: i18n.t('reading.errors.internal', { reason: isolate(message) }) };
}

export const noTabError = (): ReadingError => ({ code: 'no_tab', message: i18n.t('reading.errors.noTab') });
export const noTextError = (): ReadingError => ({ code: 'no_text', message: i18n.t('reading.errors.noText') });

export function playbackError(index: number, message: string | undefined): ReadingError {
  return {
    code: 'playback_failed',
    message: i18n.t('reading.errors.playbackFailed', {
      number: formatNumber(index + 1),
      reason: message === undefined ? i18n.t('reading.errors.unknownError') : isolate(message),
    }),
  };
}
