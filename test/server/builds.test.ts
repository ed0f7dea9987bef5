import { describe, expect, it } from 'vitest';
import { estimateMedianF0 } from '../../server/src/audio/pitch-estimate';
import { mixToMono, readWav } from '../../server/src/audio/wav-read';
import {
  ApiClient,
  createOtherUser,
  registerAccount,
  saveRecording,
  SCHEMES,
  speakerWav,
  useTestServer,
  waitForBuild,
} from './accounts-helpers';
import { encodeWav } from './audio/synthetic-signals';

const server = useTestServer();

const NEW = '/api/v1/external/build/new/';
const STATUS = '/api/v1/external/build/status/';
const SENTENCES = [
  'one two three four five six',
  'seven eight nine ten eleven twelve',
  'the rain in spain falls mainly now',
];

/** An account with three OK recordings of a synthetic speaker at `f0Hz`. */
async function recordedAccount(client: ApiClient, f0Hz: number): Promise<string> {
  const accountId = await registerAccount(client);
  for (const sentence of SENTENCES) {
    const saved = await saveRecording(client, accountId, speakerWav(f0Hz), sentence);
    expect(saved.body).toEqual({ sentence_status: { code: 'OK' }, status: 200 });
  }
  return accountId;
}

async function requestBuild(client: ApiClient, accountId: string) {
  return client.request('POST', NEW, { json: { account_id: accountId } });
}

/** Median F0 of the voice speaking through the public synthesis endpoint. */
async function synthesisedF0(client: ApiClient, voiceId: string): Promise<number> {
  const list = await client.request('GET', '/api/v1/external/voices/list/');
  const voice = (list.body as { voices: { voice_id: string; download_token: string }[] }).voices.find(
    (v) => v.voice_id === voiceId,
  );
  expect(voice).toBeDefined();
  const response = await fetch(
    `${server.url}/api/v1/external/synthesis/?${new URLSearchParams({
      download_token: voice?.download_token ?? '',
      script: 'When the sunlight strikes raindrops in the air, they act as a prism and form a rainbow.',
      sample_rate: '16000',
    })}`,
    { headers: { authorization: `Bearer ${await client.bearerToken()}` } },
  );
  expect(response.status).toBe(200);
  const wav = readWav(new Uint8Array(await response.arrayBuffer()));
  return estimateMedianF0(mixToMono(wav), wav.sampleRate) as number;
}

describe.each(SCHEMES)('build/new with %s auth', (scheme) => {
  const client = () => new ApiClient(server.url, scheme);

  it('builds a voice for the account from its recordings', async () => {
    const c = client();
    const accountId = await recordedAccount(c, 120);
    const response = await requestBuild(c, accountId);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ build_id: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'success' });
    const buildId = (response.body as { build_id: string }).build_id;
    const done = await waitForBuild(c, buildId);
    expect(done).toEqual({
      account_id: accountId,
      build_id: buildId,
      status: 'COMPLETE',
      voice_id: expect.any(String),
    });
    const list = await c.request('GET', '/api/v1/external/voices/list/');
    const voice = (
      list.body as { voices: { voice_id: string; account_id: string | null; name: string }[] }
    ).voices.find((v) => v.voice_id === done.voice_id);
    expect(voice?.account_id).toBe(accountId);
    expect(voice?.name).toMatch(/'s voice$/);
  });

  it('answers 400 when the account has fewer than 3 OK recordings', async () => {
    const c = client();
    const accountId = await registerAccount(c);
    await saveRecording(c, accountId, speakerWav(120), SENTENCES[0] as string);
    await saveRecording(c, accountId, speakerWav(120), SENTENCES[1] as string);
    const response = await requestBuild(c, accountId);
    expect(response.status).toBe(400);
    expect((response.body as { code: string }).code).toBe('not_enough_recordings');
  });
});

describe('voice builds follow the speaker', () => {
  it('gives a low speaker a low voice and a high speaker a high voice', async () => {
    const c = new ApiClient(server.url, 'bearer');
    const lowAccount = await recordedAccount(c, 100);
    const highAccount = await recordedAccount(c, 220);
    const lowBuild = (await requestBuild(c, lowAccount)).body as { build_id: string };
    const highBuild = (await requestBuild(c, highAccount)).body as { build_id: string };
    const low = await waitForBuild(c, lowBuild.build_id);
    const high = await waitForBuild(c, highBuild.build_id);
    expect(low.status).toBe('COMPLETE');
    expect(high.status).toBe('COMPLETE');
    const lowF0 = await synthesisedF0(c, low.voice_id as string);
    const highF0 = await synthesisedF0(c, high.voice_id as string);
    // The speakers are 100 Hz and 220 Hz: each voice lands near its speaker, so their ratio is about 2.2.
    expect(Math.abs(lowF0 / 100 - 1)).toBeLessThan(0.12);
    expect(Math.abs(highF0 / 220 - 1)).toBeLessThan(0.12);
    expect(highF0 / lowF0).toBeGreaterThan(1.8);
  }, 60_000);

  it('ends as ERROR when the recordings hold no voiced speech', async () => {
    const c = new ApiClient(server.url, 'hmac');
    const accountId = await registerAccount(c);
    let seed = 7;
    const noise = new Float32Array(16_000).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed / 2 ** 31 - 0.5) * 0.3;
    });
    for (const sentence of SENTENCES) {
      expect((await saveRecording(c, accountId, encodeWav([noise], 16_000), sentence)).body).toEqual({
        sentence_status: { code: 'OK' },
        status: 200,
      });
    }
    const build = (await requestBuild(c, accountId)).body as { build_id: string };
    expect((await waitForBuild(c, build.build_id)).status).toBe('ERROR');
  });
});

describe('pending builds', () => {
  it('refuses a second build while one is pending, and re-runs it after a restart', async () => {
    const c = new ApiClient(server.url, 'hmac');
    const accountId = await recordedAccount(c, 130);
    // A build the previous server process was still working on when it stopped.
    const now = Date.now();
    server.server.ctx.db
      .prepare(
        "INSERT INTO builds (id, account_id, user_id, status, created_at, updated_at) SELECT 'interrupted', id, user_id, 'PENDING', ?, ? FROM accounts WHERE id = ?",
      )
      .run(now, now, accountId);
    const second = await requestBuild(c, accountId);
    expect(second.status).toBe(409);
    expect(second.body).toEqual({
      message: 'account already has a voice build pending.',
      status: 'error',
      code: 'build_pending',
    });

    await server.restart();
    const resumed = await waitForBuild(new ApiClient(server.url, 'hmac'), 'interrupted');
    expect(resumed).toMatchObject({ account_id: accountId, status: 'COMPLETE', voice_id: expect.any(String) });
  });
});

describe('build/status', () => {
  it('filters by account, build and status, and shows only the caller’s builds', async () => {
    const c = new ApiClient(server.url, 'bearer');
    const accountId = await recordedAccount(c, 110);
    const buildId = ((await requestBuild(c, accountId)).body as { build_id: string }).build_id;
    await waitForBuild(c, buildId);

    const byAccount = await c.request('GET', STATUS, { query: { account_id: accountId } });
    expect(byAccount.body).toEqual([
      { account_id: accountId, build_id: buildId, status: 'COMPLETE', voice_id: expect.any(String) },
    ]);
    const complete = (await c.request('GET', STATUS, { query: { status: 'COMPLETE' } })).body as { build_id: string }[];
    expect(complete.map((b) => b.build_id)).toContain(buildId);
    const pending = (await c.request('GET', STATUS, { query: { status: 'PENDING', account_id: accountId } })).body;
    expect(pending).toEqual([]);

    const other = createOtherUser(server);
    expect((await other.request('GET', STATUS)).body).toEqual([]);
    expect((await other.request('GET', STATUS, { query: { build_id: buildId } })).body).toEqual([]);
    expect((await other.request('GET', STATUS, { query: { account_id: accountId } })).status).toBe(404);
    expect((await requestBuild(other, accountId)).status).toBe(404);
  });

  it('answers 400 for an unknown status such as DONE', async () => {
    const response = await new ApiClient(server.url, 'hmac').request('GET', STATUS, { query: { status: 'DONE' } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ status: 'error', code: 'invalid_status', message: expect.any(String) });
  });
});
