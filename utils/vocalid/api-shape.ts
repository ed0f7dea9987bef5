// Checks for JSON answers of the account, recording and build endpoints: a field the docs promise but the answer
// lacks becomes a VocalidApiError pointing at the server address, never an undefined deep in the UI.
import { isolate } from '../text/bidi-isolate';
import { i18n } from '../i18n/i18n';
import { VocalidApiError } from './api-error';

export function unexpectedAnswer(endpoint: string, detail: string): VocalidApiError {
  return new VocalidApiError({
    status: 200,
    code: 'bad_response',
    action: 'settings',
    message: `Unexpected ${endpoint} answer: ${detail}`,
    userMessage: i18n.t('reading.api.unexpectedAnswer', { endpoint: isolate(endpoint) }),
  });
}

export function objectAnswer(endpoint: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    // i18n-ignore: the technical detail for logs and developers (the user gets unexpectedAnswer's sentence).
    throw unexpectedAnswer(endpoint, 'not a JSON object');
  }
  return value as Record<string, unknown>;
}

/** An id the docs show as a string; some servers send numbers. */
export function idField(endpoint: string, record: Record<string, unknown>, field: string): string {
  const value = record[field];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw unexpectedAnswer(endpoint, `no ${field}`);
}
