// Accounts (shared/vocalid-api.txt "Accounts"): register a voice-banking account, ask how far it is. Scope
// `external_account`.
import { idField, objectAnswer, unexpectedAnswer } from './api-shape';
import type { CallOptions, VocalidClient } from './vocalid-client';

export const ACCOUNT_REGISTER_PATH = '/api/v1/external/account/register/';
export const ACCOUNT_INFO_PATH = '/api/v1/external/account/info/';
export const ACCOUNT_SCOPE = 'external_account';

export const GENDERS = ['male', 'female', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

export interface Registration {
  gender: Gender;
  /** A whole number of years (the docs: "Must be a whole number"). */
  age: number;
}

export async function registerAccount(
  client: VocalidClient,
  registration: Registration,
  options?: CallOptions,
): Promise<string> {
  const answer = await client.requestJson(
    {
      method: 'POST',
      path: ACCOUNT_REGISTER_PATH,
      // The docs' curl example sends age as a string of digits.
      body: { kind: 'json', fields: { gender: registration.gender, age: String(registration.age) } },
    },
    options,
  );
  return idField('account/register', objectAnswer('account/register', answer), 'account_id');
}

export async function accountInfo(
  client: VocalidClient,
  accountId: string,
  options?: CallOptions,
): Promise<{ sentencesRecorded: number }> {
  const answer = objectAnswer(
    'account/info',
    await client.requestJson({ method: 'GET', path: ACCOUNT_INFO_PATH, query: { account_id: accountId } }, options),
  );
  const count = answer.sentences_recorded;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    // i18n-ignore: the technical detail of unexpectedAnswer (logs); the user sees its userMessage
    throw unexpectedAnswer('account/info', 'no sentences_recorded count');
  }
  return { sentencesRecorded: count };
}
