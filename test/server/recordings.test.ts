import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ApiClient,
  createOtherUser,
  registerAccount,
  saveRecording,
  SCHEMES,
  speakerWav,
  useTestServer,
} from './accounts-helpers';
import { encodeWav, sine, voicedSpeech } from './audio/synthetic-signals';

const server = useTestServer();

const SENTENCE = 'this is my vocal identity.';
const sentencesRecorded = async (client: ApiClient, accountId: string) =>
  (
    (await client.request('GET', '/api/v1/external/account/info/', { query: { account_id: accountId } })).body as {
      sentences_recorded: number;
    }
  ).sentences_recorded;
const codeOf = (body: unknown) => (body as { code?: string }).code;

describe.each(SCHEMES)('recording/save with %s auth', (scheme) => {
  const client = () => new ApiClient(server.url, scheme);

  it('accepts a well-levelled recording, stores it and counts it', async () => {
    const c = client();
    const accountId = await registerAccount(c);
    const wav = speakerWav(120);
    const response = await saveRecording(c, accountId, wav, SENTENCE);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ sentence_status: { code: 'OK' }, status: 200 });
    const dir = path.join(server.dataDir, 'recordings', accountId);
    const stored = readdirSync(dir);
    expect(stored).toHaveLength(1);
    expect(Buffer.compare(readFileSync(path.join(dir, stored[0] as string)), Buffer.from(wav))).toBe(0);
    expect(await sentencesRecorded(c, accountId)).toBe(1);
  });

  it('reports clipping as OVERDRIVEN and a faint take as UNDERDRIVEN, and does not count them', async () => {
    const c = client();
    const accountId = await registerAccount(c);
    const clipped = sine({ hz: 150, peakDbfs: 12, seconds: 1, sampleRate: 16_000 }).map((v) =>
      Math.max(-1, Math.min(1, v)),
    );
    const faint = voicedSpeech({ f0Hz: 120, words: 3, sampleRate: 16_000, peakDbfs: -60 });
    const loud = await saveRecording(c, accountId, encodeWav([clipped], 16_000), SENTENCE);
    const quiet = await saveRecording(c, accountId, encodeWav([faint], 16_000), SENTENCE);
    expect(loud.body).toEqual({ sentence_status: { code: 'OVERDRIVEN' }, status: 200 });
    expect(quiet.body).toEqual({ sentence_status: { code: 'UNDERDRIVEN' }, status: 200 });
    expect(await sentencesRecorded(c, accountId)).toBe(0);
  });
});

describe('recording formats', () => {
  it.each([
    ['24-bit stereo 48 kHz', '24', 48_000, 2],
    ['32-bit float 44.1 kHz', '32f', 44_100, 1],
    ['8-bit 8 kHz', '8', 8000, 1],
  ])('judges a %s take by its real samples', async (_label, bitDepth, sampleRate, channels) => {
    const c = new ApiClient(server.url, 'bearer');
    const accountId = await registerAccount(c);
    const voice = voicedSpeech({ f0Hz: 140, words: 3, sampleRate, peakDbfs: -6 });
    const okTake = encodeWav(
      Array.from({ length: channels }, () => voice),
      sampleRate,
      bitDepth,
    );
    expect((await saveRecording(c, accountId, okTake, SENTENCE)).body).toEqual({
      sentence_status: { code: 'OK' },
      status: 200,
    });
    const faint = voicedSpeech({ f0Hz: 140, words: 3, sampleRate, peakDbfs: -55 });
    const faintTake = encodeWav(
      Array.from({ length: channels }, () => faint),
      sampleRate,
      bitDepth,
    );
    expect((await saveRecording(c, accountId, faintTake, SENTENCE)).body).toEqual({
      sentence_status: { code: 'UNDERDRIVEN' },
      status: 200,
    });
  });
});

describe('recording/save rejects bad input', () => {
  const c = () => new ApiClient(server.url, 'hmac');

  it('answers 400 not_wav for a file that is not WAV', async () => {
    const accountId = await registerAccount(c());
    const response = await saveRecording(
      c(),
      accountId,
      new TextEncoder().encode('ID3\u0004 not really audio at all'),
      SENTENCE,
    );
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ status: 'error', code: 'not_wav', message: expect.any(String) });
  });

  it('answers 400 empty_audio for an empty upload and for a WAV without samples', async () => {
    const accountId = await registerAccount(c());
    const empty = await saveRecording(c(), accountId, new Uint8Array(), SENTENCE);
    expect(empty.status).toBe(400);
    expect(codeOf(empty.body)).toBe('empty_audio');
    const noSamples = await saveRecording(c(), accountId, encodeWav([new Float32Array()], 16_000), SENTENCE);
    expect(noSamples.status).toBe(400);
    expect(codeOf(noSamples.body)).toBe('empty_audio');
  });

  it('answers 413 for a recording over 10 MiB', async () => {
    // 10 MiB + 1 s of 48 kHz 16-bit mono: just over the limit. Made before the account, so that the seconds it takes
    // under load do not leave the client's keep-alive socket idle until the server closes it mid-request.
    const big = encodeWav([sine({ hz: 200, peakDbfs: -20, seconds: 110, sampleRate: 48_000 })], 48_000);
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const accountId = await registerAccount(c());
    const response = await saveRecording(c(), accountId, big, SENTENCE);
    expect(response.status).toBe(413);
    expect((response.body as { status: string }).status).toBe('error');
    expect(existsSync(path.join(server.dataDir, 'recordings', accountId))).toBe(false);
  });

  it('answers 400 without a file or sentence, and 404 for an unknown or foreign account', async () => {
    const accountId = await registerAccount(c());
    const noFile = await c().request('POST', '/api/v1/external/recording/save/', {
      multipart: { data: { account_id: accountId, sentence: SENTENCE } },
    });
    expect(noFile.status).toBe(400);
    expect(codeOf(noFile.body)).toBe('missing_file');
    const noSentence = await saveRecording(c(), accountId, speakerWav(120), '   ');
    expect(noSentence.status).toBe(400);
    expect(codeOf(noSentence.body)).toBe('missing_sentence');
    const unknown = await saveRecording(c(), '0123456789abcdef', speakerWav(120), SENTENCE);
    expect(unknown.status).toBe(404);
    const foreign = await saveRecording(createOtherUser(server), accountId, speakerWav(120), SENTENCE);
    expect(foreign.status).toBe(404);
    expect(codeOf(foreign.body)).toBe('account_not_found');
  });
});
