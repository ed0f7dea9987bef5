// What a reading says when something goes wrong: the passing notice while a request is retried, and the error
// that ends a reading. One place for the wording the popup and the page show.
import { isVocalidApiError } from '../vocalid/api-error';
import type { ReadingError } from './reading-state';

/** What the popup says while a request is retried, in place of "Preparing the voice…". */
export function retryNotice(err: unknown): string {
  if (isVocalidApiError(err) && err.status === 429) return 'The VocaliD server is busy. Trying again in a moment…';
  if (isVocalidApiError(err) && err.status === 0) return "Can't reach the VocaliD server right now. Still trying…";
  return 'The VocaliD server is having trouble. Still trying…';
}

/** Errors that mean no account was ever connected (nothing to sign in with): the reading offers to connect one. */
const NOT_CONNECTED = new Set([
  'not_signed_in',
  'missing_client_id',
  'missing_client_secret',
  'missing_api_key',
  'missing_api_secret',
]);

export const NOT_CONNECTED_MESSAGE = 'Connect your VocaliD account to hear this page in your voice.';

export function toReadingError(err: unknown): ReadingError {
  if (isVocalidApiError(err) && NOT_CONNECTED.has(err.code))
    return { code: err.code, message: NOT_CONNECTED_MESSAGE, action: 'connect' };
  if (isVocalidApiError(err))
    return { code: err.code, message: err.userMessage, ...(err.action ? { action: err.action } : {}) };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Something went wrong while reading: ${message}` };
}

export const NO_TAB_ERROR: ReadingError = {
  code: 'no_tab',
  message: 'There is no page to read. Open a page and try again.',
};
export const NO_TEXT_ERROR: ReadingError = { code: 'no_text', message: 'Found no text to read on this page.' };

export function playbackError(index: number, message: string | undefined): ReadingError {
  return { code: 'playback_failed', message: `Could not play sentence ${index + 1}: ${message ?? 'unknown error'}` };
}
