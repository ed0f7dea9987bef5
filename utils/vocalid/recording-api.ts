// Recordings (shared/vocalid-api.txt "Post a recording"): one WAV take and its transcript, answered with the
// level verdict. Scope `external_account`.
import { objectAnswer, unexpectedAnswer } from './api-shape';
import type { CallOptions, VocalidClient } from './vocalid-client';

export const RECORDING_SAVE_PATH = '/api/v1/external/recording/save/';

export type SentenceStatusCode = 'OK' | 'OVERDRIVEN' | 'UNDERDRIVEN';
const CODES: readonly SentenceStatusCode[] = ['OK', 'OVERDRIVEN', 'UNDERDRIVEN'];

export interface RecordingUpload {
  accountId: string;
  sentence: string;
  wav: Uint8Array;
}

export async function saveRecording(
  client: VocalidClient,
  upload: RecordingUpload,
  options?: CallOptions,
): Promise<SentenceStatusCode> {
  const answer = objectAnswer(
    'recording/save',
    await client.requestJson(
      {
        method: 'POST',
        path: RECORDING_SAVE_PATH,
        body: {
          kind: 'multipart',
          data: { account_id: upload.accountId, sentence: upload.sentence },
          file: { field: 'file', filename: 'take.wav', contentType: 'audio/wav', bytes: upload.wav },
        },
      },
      options,
    ),
  );
  const status = answer.sentence_status;
  const code = typeof status === 'object' && status !== null ? (status as { code?: unknown }).code : undefined;
  // i18n-ignore: the technical detail of unexpectedAnswer (logs); the user sees its userMessage
  if (!CODES.includes(code as SentenceStatusCode)) throw unexpectedAnswer('recording/save', 'no sentence_status code');
  return code as SentenceStatusCode;
}
