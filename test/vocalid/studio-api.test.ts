// The account, recording and build calls of the VocaliD client against the real server (server/), signed both
// ways the extension can sign: HMAC (the multipart body's exact bytes are signed) and OAuth client credentials.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/src/start-server';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/settings/settings-schema';
import { accountInfo, registerAccount } from '../../utils/vocalid/account-api';
import { VocalidApiError } from '../../utils/vocalid/api-error';
import { saveRecording } from '../../utils/vocalid/recording-api';
import { createVocalidClient } from '../../utils/vocalid/vocalid-client';
import { buildStatus, requestBuild } from '../../utils/vocalid/voice-build-api';
import { encodeTakeWav } from '../../utils/voice-studio/take-wav';
import { voicedSignal } from '../voice-studio/studio-audio';

let server: Awaited<ReturnType<typeof startServer>>;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'vocalid-studio-api-'));
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, dev: true, quiet: true, speechWorkers: 1 });
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const good = () => encodeTakeWav(voicedSignal({ f0: 140, seconds: 1.5, peak: 0.3 }), 48_000);
const clipped = () => encodeTakeWav(voicedSignal({ f0: 140, seconds: 1.5, peak: 0.9, gain: 6 }), 48_000);

function clientFor(patch: Partial<Settings>) {
  const settings: Settings = { ...DEFAULT_SETTINGS, baseUrl: server.url.replace(/\/$/, ''), ...patch };
  return createVocalidClient({
    getSettings: async () => settings,
    getSecrets: async () => ({
      clientSecret: 'demo-secret',
      clientSecretServer: settings.baseUrl,
      apiSecret: 'demo-secret',
      apiSecretServer: settings.baseUrl,
    }),
    retry: { maxAttempts: 1 },
  });
}

const SIGNING: Record<'hmac' | 'oauth', Partial<Settings>> = {
  hmac: { authMethod: 'hmac', apiKey: 'demo-key' },
  oauth: {
    authMethod: 'client_credentials',
    clientId: 'demo-client',
    scopes: ['voice:list', 'voice:synthesis', 'external_account', 'voice_build'],
  },
};

describe.each(Object.entries(SIGNING))('studio calls signed with %s', (_name, signing) => {
  it('register → recordings with their verdicts → build → COMPLETE with a voice', async () => {
    const client = clientFor(signing);
    const accountId = await registerAccount(client, { gender: 'other', age: 33 });
    expect(accountId).toMatch(/^[0-9a-f]{16}$/);
    expect(await accountInfo(client, accountId)).toEqual({ sentencesRecorded: 0 });
    expect(await saveRecording(client, { accountId, sentence: 'The cat sat.', wav: good() })).toBe('OK');
    expect(await saveRecording(client, { accountId, sentence: 'The cat sat.', wav: clipped() })).toBe('OVERDRIVEN');
    // Only OK recordings count.
    expect(await accountInfo(client, accountId)).toEqual({ sentencesRecorded: 1 });
    const tooEarly = await requestBuild(client, accountId).catch((e: unknown) => e);
    expect(tooEarly).toBeInstanceOf(VocalidApiError);
    expect((tooEarly as VocalidApiError).code).toBe('not_enough_recordings');
    for (const sentence of ['A fox ran.', 'We walked home.'])
      expect(await saveRecording(client, { accountId, sentence, wav: good() })).toBe('OK');
    const build = await requestBuild(client, accountId);
    expect('buildId' in build).toBe(true);
    const buildId = (build as { buildId: string }).buildId;
    await expect
      .poll(async () => (await buildStatus(client, { buildId }))[0]?.status, { timeout: 20_000, interval: 200 })
      .toBe('COMPLETE');
    const [done] = await buildStatus(client, { accountId });
    expect(done).toMatchObject({ accountId, buildId, status: 'COMPLETE' });
    expect(done?.voiceId).toBeTruthy();
  }, 40_000);

  it('bad input is refused with the server’s reason, in words', async () => {
    const client = clientFor(signing);
    const error = (await registerAccount(client, { gender: 'other', age: 0 }).catch(
      (e: unknown) => e,
    )) as VocalidApiError;
    expect([error.status, error.code]).toEqual([400, 'invalid_age']);
    expect(error.userMessage).toMatch(/age must be a whole number/);
  });
});

it('a token without the account scope is refused with a message about permissions', async () => {
  const client = clientFor({ ...SIGNING.oauth, scopes: ['voice:synthesis'] });
  const error = (await registerAccount(client, { gender: 'male', age: 50 }).catch(
    (e: unknown) => e,
  )) as VocalidApiError;
  expect([error.status, error.code]).toEqual([403, 'insufficient_scope']);
  expect(error.userMessage).toMatch(/lacks a permission/);
});
