import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVoice } from '../../server/src/voices/voice-store';
import {
  bearerGet,
  clientCredentialsToken,
  DEMO,
  expectApiError,
  hmacGet,
  hmacHeader,
  startCoreServer,
} from './core-helpers';

const SYNTH = '/api/v1/external/synthesis/';
const USER = '/api/v1/external/user/info/';

let server: Awaited<ReturnType<typeof startCoreServer>>;
let token: string;
let voiceToken: string;

beforeAll(async () => {
  server = await startCoreServer();
  token = await clientCredentialsToken(server.url);
  const list = await bearerGet(server.url, '/api/v1/external/voices/list', token);
  voiceToken = ((await list.json()) as { voices: { download_token: string }[] }).voices[0]!.download_token;
});
afterAll(() => server.cleanup());

const synth = (q: Record<string, string>) =>
  bearerGet(server.url, SYNTH, token, { download_token: voiceToken, script: 'Hello.', ...q });

describe('synthesis parameters', () => {
  it.each([
    ['script of 257 code points', { script: 'x'.repeat(257) }, 400, 'script_too_long'],
    ['script of 257 code points with emoji', { script: '😀'.repeat(257) }, 400, 'script_too_long'],
    ['empty script', { script: '   ' }, 400, 'missing_script'],
    ['pitch 0', { pitch: '0' }, 400, 'invalid_pitch'],
    ['pitch 11', { pitch: '11' }, 400, 'invalid_pitch'],
    ['pitch abc', { pitch: 'abc' }, 400, 'invalid_pitch'],
    ['rate -1', { rate: '-1' }, 400, 'invalid_rate'],
    ['rate NaN', { rate: 'NaN' }, 400, 'invalid_rate'],
    ['sample_rate 12345', { sample_rate: '12345' }, 400, 'invalid_sample_rate'],
    ['sample_rate 48000.0', { sample_rate: '48000.0' }, 400, 'invalid_sample_rate'],
    ['container mp3', { container: 'mp3' }, 400, 'invalid_container'],
    ['put_url file:', { put_url: 'file:///etc/passwd' }, 400, 'invalid_put_url'],
    ['put_url not a URL', { put_url: 'not a url' }, 400, 'invalid_put_url'],
    ['unknown voice', { download_token: 'no-such-voice' }, 404, 'voice_not_found'],
  ])('%s → %i %s', async (_name, query, status, code) => {
    await expectApiError(await synth(query as Record<string, string>), status, code);
  });

  it('256 code points are accepted and the limit applies after trimming', async () => {
    expect((await synth({ script: `  ${'a'.repeat(256)}\n`, sample_rate: '8000' })).status).toBe(200);
  });

  it('pitch 10 and rate 0.1 are the accepted extremes', async () => {
    expect((await synth({ pitch: '10', rate: '0.1', sample_rate: '8000' })).status).toBe(200);
  });

  it('missing download_token → 400', async () => {
    await expectApiError(
      await bearerGet(server.url, SYNTH, token, { script: 'Hello.' }),
      400,
      'missing_download_token',
    );
  });

  it('an expired voice → 403 voice_expired', async () => {
    const v = createVoice(server.ctx.db, {
      name: 'Old',
      modelName: 'Low Res',
      accountId: null,
      ownerUserId: 'demo-user',
      espeakVoice: 'en-us',
      basePitch: 50,
      baseSpeed: 175,
      canStream: true,
      canDownload: false,
      expiration: '2020-01-01T00:00:00Z',
    });
    await expectApiError(await synth({ download_token: v.downloadToken }), 403, 'voice_expired');
  });

  it('a voice with can_stream=false → 403 voice_not_streamable', async () => {
    const v = createVoice(server.ctx.db, {
      name: 'Local only',
      modelName: 'Hi Res',
      accountId: null,
      ownerUserId: 'demo-user',
      espeakVoice: 'en-us',
      basePitch: 50,
      baseSpeed: 175,
      canStream: false,
      canDownload: true,
      expiration: null,
    });
    await expectApiError(await synth({ download_token: v.downloadToken }), 403, 'voice_not_streamable');
  });

  it("another user's voice is reported as not found", async () => {
    server.ctx.db.prepare("INSERT INTO users (id, nickname, created_at) VALUES ('someone-else', 'Other', 0)").run();
    const v = createVoice(server.ctx.db, {
      name: 'Private',
      modelName: 'Hi Res',
      accountId: null,
      ownerUserId: 'someone-else',
      espeakVoice: 'en-us',
      basePitch: 50,
      baseSpeed: 175,
      canStream: true,
      canDownload: true,
      expiration: null,
    });
    await expectApiError(await synth({ download_token: v.downloadToken }), 404, 'voice_not_found');
  });
});

describe('authentication failures', () => {
  it('no Authorization header → 401 missing_credentials with a Bearer challenge', async () => {
    const res = await fetch(`${server.url}${USER}`);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await expectApiError(res, 401, 'missing_credentials');
  });

  it.each([
    ['garbage', 'Token abc'],
    ['empty bearer', 'Bearer '],
    ['hmac without timestamp', 'signature=' + 'a'.repeat(64) + ', nonce=1'],
    ['hmac with short signature', 'signature=abc, nonce=1, timestamp=2026-01-01T00:00:00'],
  ])('malformed Authorization (%s) → 401', async (_name, header) => {
    const res = await fetch(`${server.url}${USER}?api_key=demo-key`, { headers: { Authorization: header } });
    await expectApiError(res, 401, 'malformed_authorization');
  });

  it('unknown bearer token → 401 invalid_token', async () => {
    await expectApiError(await bearerGet(server.url, USER, 'not-a-token'), 401, 'invalid_token');
  });

  it('a token without the scope → 403 insufficient_scope', async () => {
    const listOnly = await clientCredentialsToken(server.url, 'voice:list');
    await expectApiError(
      await bearerGet(server.url, SYNTH, listOnly, { download_token: voiceToken, script: 'Hi' }),
      403,
      'insufficient_scope',
    );
  });

  it('revoked token → 401 token_revoked', async () => {
    const t = await clientCredentialsToken(server.url);
    const revoke = await fetch(`${server.url}/api/v1/oauth/revoke`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
      body: new URLSearchParams({ token: t }),
    });
    expect(revoke.status).toBe(200);
    await expectApiError(await bearerGet(server.url, USER, t), 401, 'token_revoked');
  });

  it('HMAC with a wrong secret → 401 invalid_signature', async () => {
    await expectApiError(await hmacGet(server.url, USER, {}, { secret: 'wrong' }), 401, 'invalid_signature');
  });

  it('HMAC signature over a different query (tampered) → 401 invalid_signature', async () => {
    const header = hmacHeader(DEMO.apiSecret, { method: 'GET', path: USER, query: 'api_key=demo-key' });
    const res = await fetch(`${server.url}${USER}?api_key=demo-key&x=1`, { headers: { Authorization: header } });
    await expectApiError(res, 401, 'invalid_signature');
  });

  it('replayed nonce → 401 replayed_nonce', async () => {
    const nonce = `n-${Date.now()}`;
    expect((await hmacGet(server.url, USER, {}, { nonce })).status).toBe(200);
    await expectApiError(await hmacGet(server.url, USER, {}, { nonce }), 401, 'replayed_nonce');
  });

  it('timestamp 10 minutes off → 401 stale_timestamp', async () => {
    const skewed = new Date(Date.now() - 600_000).toISOString();
    await expectApiError(await hmacGet(server.url, USER, {}, { timestamp: skewed }), 401, 'stale_timestamp');
  });

  it('an impossible timestamp (month 13) → 401 invalid_timestamp', async () => {
    await expectApiError(
      await hmacGet(server.url, USER, {}, { timestamp: '2026-13-01T00:00:00' }),
      401,
      'invalid_timestamp',
    );
  });

  it('a Python utcnow() timestamp (no zone, microseconds) is accepted as UTC', async () => {
    const ts = new Date()
      .toISOString()
      .replace('Z', '')
      .replace(/\.(\d{3})$/, '.$1123');
    expect((await hmacGet(server.url, USER, {}, { timestamp: ts })).status).toBe(200);
  });

  it('HMAC without api_key → 401 missing_api_key', async () => {
    const header = hmacHeader(DEMO.apiSecret, { method: 'GET', path: USER, query: '' });
    await expectApiError(
      await fetch(`${server.url}${USER}`, { headers: { Authorization: header } }),
      401,
      'missing_api_key',
    );
  });

  it('unknown api_key → 401 invalid_api_key', async () => {
    await expectApiError(await hmacGet(server.url, USER, {}, { apiKey: 'nope' }), 401, 'invalid_api_key');
  });

  it('unknown path → 404 JSON', async () => {
    await expectApiError(await fetch(`${server.url}/api/v1/external/nope/`), 404, 'not_found');
  });
});
