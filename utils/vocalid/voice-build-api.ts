// Voice builds (shared/vocalid-api.txt "Voice Build"): ask for a build of an account's voice, and follow it.
// Scope `voice_build`.
import { isVocalidApiError } from './api-error';
import { idField, objectAnswer, unexpectedAnswer } from './api-shape';
import type { CallOptions, VocalidClient } from './vocalid-client';

export const BUILD_NEW_PATH = '/api/v1/external/build/new/';
export const BUILD_STATUS_PATH = '/api/v1/external/build/status/';
export const BUILD_SCOPE = 'voice_build';

export type BuildStatusCode = 'PENDING' | 'COMPLETE' | 'ERROR';
const STATUSES: readonly BuildStatusCode[] = ['PENDING', 'COMPLETE', 'ERROR'];

export interface BuildRecord {
  accountId: string;
  buildId: string;
  status: BuildStatusCode;
  voiceId?: string;
}

/** A new build's id, or `{ pending: true }` when the account already has one pending (the docs' error answer). */
export async function requestBuild(
  client: VocalidClient,
  accountId: string,
  options?: CallOptions,
): Promise<{ buildId: string } | { pending: true }> {
  let answer: Record<string, unknown>;
  try {
    answer = objectAnswer(
      'build/new',
      await client.requestJson(
        { method: 'POST', path: BUILD_NEW_PATH, body: { kind: 'json', fields: { account_id: accountId } } },
        options,
      ),
    );
  } catch (error) {
    // Our server answers 409 build_pending; the docs show the same sentence as a `status: "error"` body.
    if (
      isVocalidApiError(error) &&
      (error.code === 'build_pending' || /already has a voice build pending/i.test(error.message))
    )
      return { pending: true };
    throw error;
  }
  if (answer.status === 'error') {
    if (typeof answer.message === 'string' && /pending/i.test(answer.message)) return { pending: true };
    // i18n-ignore: the technical detail of unexpectedAnswer (logs); the user sees its userMessage
    throw unexpectedAnswer('build/new', String(answer.message ?? 'status error'));
  }
  return { buildId: idField('build/new', answer, 'build_id') };
}

export async function buildStatus(
  client: VocalidClient,
  filter: { accountId?: string; buildId?: string },
  options?: CallOptions,
): Promise<BuildRecord[]> {
  const query: Record<string, string> = {};
  if (filter.accountId) query.account_id = filter.accountId;
  if (filter.buildId) query.build_id = filter.buildId;
  const answer = await client.requestJson({ method: 'GET', path: BUILD_STATUS_PATH, query }, options);
  if (!Array.isArray(answer)) throw unexpectedAnswer('build/status', 'not a list');
  return answer.map((item) => {
    const record = objectAnswer('build/status', item);
    const status = record.status;
    // i18n-ignore: the technical detail of unexpectedAnswer (logs); the user sees its userMessage
    if (!STATUSES.includes(status as BuildStatusCode)) throw unexpectedAnswer('build/status', 'unknown status');
    return {
      accountId: idField('build/status', record, 'account_id'),
      buildId: idField('build/status', record, 'build_id'),
      status: status as BuildStatusCode,
      ...(status === 'COMPLETE' ? { voiceId: idField('build/status', record, 'voice_id') } : {}),
    };
  });
}
