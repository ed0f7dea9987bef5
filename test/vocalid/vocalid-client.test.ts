import { createHash, createHmac } from 'node:crypto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Secrets } from '../../utils/settings/secrets-store';
import type { Settings } from '../../utils/settings/settings-schema';
import { VocalidApiError } from '../../utils/vocalid/api-error';
import { createVocalidClient, type VocalidClientOptions } from '../../utils/vocalid/vocalid-client';
import { clientCredentialsSettings, createFakeServer, json } from './fake-vocalid-server';

const SYNTH = { script: 'Hello world.', downloadToken: '123456', pitch: 1, rate: 1, sampleRate: 22050 as const };

let server: ReturnType<typeof createFakeServer>;
let settings: Settings;
let secrets: Secrets;
let clock: number;
/** The test's secrets, entered for whatever server the settings name now (the usual case). */
const secretsOfThisServer = async (): Promise<Secrets> => ({
  ...secrets,
  clientSecretServer: settings.baseUrl,
  apiSecretServer: settings.baseUrl,
});
let sleeps: number[];

function client(extra: Partial<VocalidClientOptions> = {}) {
  return createVocalidClient({
    fetch: server.fetch,
    getSettings: async () => settings,
    getSecrets: secretsOfThisServer,
    now: () => clock,
    ...extra,
    retry: {
      random: () => 0,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      ...extra.retry,
    },
  });
}

async function caught(promise: Promise<unknown>): Promise<VocalidApiError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof VocalidApiError) return err;
    throw err;
  }
  throw new Error('expected a VocalidApiError');
}

beforeEach(() => {
  fakeBrowser.reset();
  server = createFakeServer();
  // These tests are about client credentials unless they say otherwise.
  settings = clientCredentialsSettings();
  secrets = { clientSecret: 'demo-secret', apiSecret: 'api-secret' };
  clock = Date.UTC(2030, 0, 1);
  sleeps = [];
});

describe('OAuth client credentials', () => {
  it('fetches a token once (HTTP Basic) and reuses it, also for concurrent calls', async () => {
    const c = client();
    await Promise.all([c.synthesize(SYNTH), c.synthesize(SYNTH)]);
    await c.listVoices();
    expect(server.tokenRequests()).toHaveLength(1);
    const tokenReq = server.tokenRequests()[0]!;
    expect(tokenReq.method).toBe('POST');
    // RFC 6749 §2.3.1: id and secret are form-encoded before Basic; the server form-decodes them.
    const basic = /^Basic (.+)$/.exec(tokenReq.headers.get('authorization') ?? '')?.[1] ?? '';
    const [id, secret] = atob(basic)
      .split(':')
      .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
    expect([id, secret]).toEqual(['demo-client', 'demo-secret']);
    const form = new URLSearchParams(tokenReq.body);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe('voice:synthesis');
    for (const r of server.apiRequests()) expect(r.headers.get('authorization')).toBe('Bearer tok-1');
  });

  it('keeps the token in storage.session (survives a new client), never storage.local', async () => {
    await client().synthesize(SYNTH);
    await client().synthesize(SYNTH);
    expect(server.tokenRequests()).toHaveLength(1);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('tok-1');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toContain('tok-1');
  });

  it('refreshes 60 s before expiry for long-lived tokens', async () => {
    const c = client();
    await c.synthesize(SYNTH);
    clock += 3600_000 - 61_000;
    await c.synthesize(SYNTH);
    expect(server.tokenRequests()).toHaveLength(1);
    clock += 2_000;
    await c.synthesize(SYNTH);
    expect(server.tokenRequests()).toHaveLength(2);
    expect(server.apiRequests()[2]!.headers.get('authorization')).toBe('Bearer tok-2');
  });

  it('refreshes at 10% of the lifetime before expiry for short-lived tokens', async () => {
    let n = 0;
    server.handlers.set('/api/v1/oauth/token', () =>
      json({ access_token: `short-${++n}`, token_type: 'bearer', expires_in: 100 }),
    );
    const c = client();
    await c.synthesize(SYNTH);
    clock += 89_000;
    await c.synthesize(SYNTH);
    expect(server.tokenRequests()).toHaveLength(1);
    clock += 2_000;
    await c.synthesize(SYNTH);
    expect(server.tokenRequests()).toHaveLength(2);
  });

  it('gets a new token once on 401 and retries the call', async () => {
    server.handlers.set('/api/v1/external/synthesis/', (req) =>
      req.headers.get('authorization') === 'Bearer tok-1'
        ? json({ error: 'invalid_token', error_description: 'Token revoked' }, 401)
        : new Response(new Uint8Array([82, 73, 70, 70, 0, 0, 0, 0, 87, 65, 86, 69])),
    );
    const bytes = await client().synthesize(SYNTH);
    expect(bytes.byteLength).toBe(12);
    expect(server.tokenRequests()).toHaveLength(2);
    expect(server.apiRequests()).toHaveLength(2);
  });

  it('surfaces a second 401 as a sign-in problem without looping', async () => {
    server.handlers.set('/api/v1/external/synthesis/', () =>
      json({ status: 'error', message: 'Bad token.', code: 'invalid_token' }, 401),
    );
    const err = await caught(client().synthesize(SYNTH));
    expect(err.status).toBe(401);
    expect(err.action).toBe('sign-in');
    expect(err.retryable).toBe(false);
    expect(err.userMessage).toMatch(/sign-in/);
    expect(server.tokenRequests()).toHaveLength(2);
    expect(server.apiRequests()).toHaveLength(2);
  });

  it('reports a rejected client secret as a sign-in problem', async () => {
    server.handlers.set('/api/v1/oauth/token', () =>
      json({ error: 'invalid_client', error_description: 'Client authentication failed' }, 401),
    );
    const err = await caught(client().synthesize(SYNTH));
    expect(err.code).toBe('invalid_client');
    expect(err.action).toBe('sign-in');
    expect(server.apiRequests()).toHaveLength(0);
  });

  it('asks for the client secret when none is configured', async () => {
    secrets = {};
    const err = await caught(client().synthesize(SYNTH));
    expect(err.code).toBe('missing_client_secret');
    expect(err.action).toBe('settings');
    expect(server.requests).toHaveLength(0);
  });

  it('introspects and revokes the current token', async () => {
    const c = client();
    expect((await c.introspect()).active).toBe(true);
    await c.revoke();
    const revoke = server.requests.find((r) => r.url.pathname === '/api/v1/oauth/revoke')!;
    expect(new URLSearchParams(revoke.body).get('token')).toBe('tok-1');
    await c.synthesize(SYNTH);
    expect(server.apiRequests()[0]!.headers.get('authorization')).toBe('Bearer tok-2');
  });
});

describe('server address', () => {
  it('allows plain http for loopback hosts', async () => {
    for (const baseUrl of ['http://localhost:8787', 'http://127.0.0.5:1', 'http://[::1]:8787']) {
      settings.baseUrl = baseUrl;
      await expect(client().synthesize(SYNTH)).resolves.toBeInstanceOf(ArrayBuffer);
    }
    expect(server.apiRequests().map((r) => r.url.origin)).toEqual([
      'http://localhost:8787',
      'http://127.0.0.5:1',
      'http://[::1]:8787',
    ]);
  });

  it('refuses plain http elsewhere before sending anything', async () => {
    settings.baseUrl = 'http://vocalid.co';
    const err = await caught(client().synthesize(SYNTH));
    expect(err.userMessage).toBe('The VocaliD server address must use https');
    expect(err.action).toBe('settings');
    expect(server.requests).toHaveLength(0);
  });

  it('uses https hosts and documented paths with the trailing slash', async () => {
    settings.baseUrl = 'https://vocalid.co';
    await client().synthesize(SYNTH);
    expect(server.tokenRequests()[0]!.url.href).toBe('https://vocalid.co/api/v1/oauth/token');
    const synth = server.apiRequests()[0]!.url;
    expect(synth.pathname).toBe('/api/v1/external/synthesis/');
    expect(Object.fromEntries(synth.searchParams)).toEqual({
      download_token: '123456',
      script: 'Hello world.',
      pitch: '1',
      rate: '1',
      sample_rate: '22050',
      container: 'wav',
    });
  });
});

describe('retries and errors', () => {
  it('honours Retry-After in seconds on 429', async () => {
    let calls = 0;
    server.handlers.set('/api/v1/external/synthesis/', () =>
      ++calls === 1
        ? json({ status: 'error', message: 'Slow down.', code: 'rate_limited' }, 429, { 'retry-after': '3' })
        : new Response(new Uint8Array([...'RIFF....WAVE'].map((c) => c.charCodeAt(0)))),
    );
    await client().synthesize(SYNTH);
    expect(sleeps).toEqual([3000]);
    expect(calls).toBe(2);
  });

  it('tells the caller about each retry, with the error that caused it', async () => {
    let calls = 0;
    server.handlers.set('/api/v1/external/synthesis/', () =>
      ++calls < 3
        ? new Response('busy', { status: 503 })
        : new Response(new Uint8Array([...'RIFF....WAVE'].map((c) => c.charCodeAt(0)))),
    );
    const retried: unknown[] = [];
    await client().synthesize(SYNTH, { onRetry: (err) => retried.push(err) });
    expect(retried).toHaveLength(2);
    expect(retried.every((e) => e instanceof VocalidApiError && e.status === 503)).toBe(true);
  });

  it('says once that the request has left: after the token, as fetch is called, not again on a retry', async () => {
    let calls = 0;
    const events: string[] = [];
    server.handlers.set('/api/v1/external/synthesis/', () => {
      events.push('synthesis request');
      return ++calls < 2
        ? new Response('busy', { status: 503 })
        : new Response(new Uint8Array([...'RIFF....WAVE'].map((c) => c.charCodeAt(0))));
    });
    const fetchLogged: typeof fetch = (input, init) => {
      events.push(String(input).includes('/token') ? 'token request' : 'fetch');
      return server.fetch(input, init);
    };
    await client({ fetch: fetchLogged }).synthesize(SYNTH, { onSent: () => events.push('sent') });
    expect(events.filter((e) => e !== 'synthesis request')).toEqual(['token request', 'fetch', 'sent', 'fetch']);
  });

  it('honours Retry-After as an HTTP date on 503', async () => {
    let calls = 0;
    server.handlers.set('/api/v1/external/synthesis/', () =>
      ++calls === 1
        ? new Response('busy', { status: 503, headers: { 'retry-after': new Date(clock + 7000).toUTCString() } })
        : new Response(new Uint8Array([...'RIFF....WAVE'].map((c) => c.charCodeAt(0)))),
    );
    await client().synthesize(SYNTH);
    expect(sleeps).toEqual([7000]);
  });

  it('retries 5xx a bounded number of times, then explains', async () => {
    server.handlers.set(
      '/api/v1/external/synthesis/',
      () =>
        new Response('<html><title>502 Bad Gateway</title></html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const err = await caught(client().synthesize(SYNTH));
    expect(server.apiRequests()).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    expect(err.status).toBe(502);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('502 Bad Gateway');
    expect(err.userMessage).toBe(
      'The VocaliD server at http://127.0.0.1:8787 has a problem right now (error 502). Try again in a moment.',
    );
  });

  it('does not retry a 400', async () => {
    server.handlers.set('/api/v1/external/synthesis/', () =>
      json({ status: 'error', message: 'script is too long', code: 'script_too_long' }, 400),
    );
    const err = await caught(client().synthesize(SYNTH));
    expect(err.code).toBe('script_too_long');
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('stops at once when aborted while waiting to retry', async () => {
    server.handlers.set(
      '/api/v1/external/synthesis/',
      () => new Response('', { status: 503, headers: { 'retry-after': '60' } }),
    );
    const controller = new AbortController();
    const c = createVocalidClient({
      fetch: server.fetch,
      getSettings: async () => settings,
      getSecrets: secretsOfThisServer,
      retry: { maxTotalMs: 120_000 },
    });
    const started = Date.now();
    const pending = c.synthesize(SYNTH, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('does not even start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(client().synthesize(SYNTH, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(server.apiRequests()).toHaveLength(0);
  });

  it('turns a hung server into a timeout error instead of hanging', async () => {
    server.handlers.set(
      '/api/v1/external/synthesis/',
      (_req, signal) =>
        new Promise((_resolve, reject) =>
          signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    );
    const err = await caught(client({ timeoutMs: 30, retry: { maxAttempts: 2 } }).synthesize(SYNTH));
    expect(err.code).toBe('timeout');
    expect(err.retryable).toBe(true);
    expect(server.apiRequests()).toHaveLength(2);
  });

  it('explains an unreachable server', async () => {
    const refusing: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const err = await caught(client({ fetch: refusing, retry: { maxAttempts: 1 } }).synthesize(SYNTH));
    expect(err.code).toBe('network');
    expect(err.userMessage).toBe(
      "Can't reach the VocaliD server at http://127.0.0.1:8787. Check your connection or the server address in Options.",
    );
  });

  it('rejects a body that is not WAV audio as bad_audio', async () => {
    server.handlers.set(
      '/api/v1/external/synthesis/',
      () => new Response('<html>login</html>', { headers: { 'content-type': 'text/html' } }),
    );
    const err = await caught(client().synthesize(SYNTH));
    expect(err.code).toBe('bad_audio');
    expect(err.retryable).toBe(false);
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('checks the script before sending', async () => {
    expect((await caught(client().synthesize({ ...SYNTH, script: '   ' }))).code).toBe('empty_script');
    expect((await caught(client().synthesize({ ...SYNTH, script: 'a'.repeat(257) }))).code).toBe('script_too_long');
    expect((await caught(client().synthesize({ ...SYNTH, downloadToken: '' }))).code).toBe('no_voice');
    expect(server.requests).toHaveLength(0);
    // 256 code points made of astral characters (512 UTF-16 units) are allowed.
    await client().synthesize({ ...SYNTH, script: '𝒜'.repeat(256) });
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('sends the normalised script', async () => {
    await client().synthesize({ ...SYNTH, script: '  Hello\n\n  world. ' });
    expect(server.apiRequests()[0]!.url.searchParams.get('script')).toBe('Hello world.');
  });
});

describe('voices and user', () => {
  it('lists documented voice fields and skips unusable entries', async () => {
    const voices = await client().listVoices();
    expect(voices).toEqual([
      {
        account_id: null,
        can_download: true,
        can_stream: true,
        download_token: '123456',
        expiration: null,
        synthesis_count: 8,
        voice_id: '7890123',
        name: 'Ada',
      },
      {
        account_id: '5',
        can_download: false,
        can_stream: false,
        download_token: 'x',
        expiration: '2030-01-01T00:00:00Z',
        synthesis_count: 0,
        voice_id: '1',
      },
    ]);
  });

  it('reports a voices answer that is not a list', async () => {
    server.handlers.set('/api/v1/external/voices/list/', () => json({ nope: true }));
    expect((await caught(client().listVoices())).code).toBe('bad_response');
  });

  it('reads the user nickname', async () => {
    expect(await client().userInfo()).toEqual({ nickname: 'Nick' });
  });
});

describe('HMAC mode', () => {
  beforeEach(() => {
    settings = { ...settings, authMethod: 'hmac', apiKey: 'key-1' };
  });

  /** Independent check of the documented algorithm with Node's crypto. */
  function verify(req: { method: string; url: URL; headers: Headers }, secret: string): boolean {
    const header = req.headers.get('authorization') ?? '';
    const m = /^signature=([0-9a-f]{64}), nonce=([^,\s]+), timestamp=([^,\s]+)$/.exec(header);
    if (!m) return false;
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const toSign = [req.method, req.url.pathname, req.url.search.slice(1), m[2], sha(''), m[3]].join('\n');
    return createHmac('sha256', secret).update(sha(toSign)).digest('hex') === m[1];
  }

  it('signs GET requests with the api key in the query and no token request', async () => {
    await client().synthesize({ ...SYNTH, script: "Don't stop: 100% (ok)!" });
    await client().listVoices();
    expect(server.tokenRequests()).toHaveLength(0);
    for (const req of server.apiRequests()) {
      expect(req.url.searchParams.get('api_key')).toBe('key-1');
      expect(verify(req, 'api-secret')).toBe(true);
      expect(verify(req, 'other-secret')).toBe(false);
    }
    expect(server.apiRequests()[0]!.url.searchParams.get('script')).toBe("Don't stop: 100% (ok)!");
  });

  it('uses a fresh nonce per request, also on retries', async () => {
    let calls = 0;
    server.handlers.set('/api/v1/external/synthesis/', () =>
      ++calls === 1
        ? new Response('', { status: 503 })
        : new Response(new Uint8Array([...'RIFF....WAVE'].map((c) => c.charCodeAt(0)))),
    );
    await client().synthesize(SYNTH);
    const nonces = server.apiRequests().map((r) => /nonce=([^,]+)/.exec(r.headers.get('authorization') ?? '')?.[1]);
    expect(nonces).toHaveLength(2);
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('never sends a secret entered for another server, stored or not', async () => {
    const elsewhere = async (): Promise<Secrets> => ({
      ...secrets,
      apiSecretServer: 'https://other.example',
      clientSecretServer: 'https://other.example',
    });
    expect((await caught(client({ getSecrets: elsewhere }).synthesize(SYNTH))).code).toBe('missing_api_secret');
    settings.authMethod = 'client_credentials';
    await caught(client({ getSecrets: elsewhere }).synthesize(SYNTH));
    expect(server.requests).toEqual([]);
  });

  it('binds a secret stored before secrets carried their server to the current server, and drops one of another server', async () => {
    // No getSecrets: the client reads storage itself.
    await fakeBrowser.storage.local.set({ secrets: { apiSecret: 'api-secret' } });
    await client({ getSecrets: undefined }).synthesize(SYNTH);
    expect(verify(server.apiRequests()[0]!, 'api-secret')).toBe(true);
    expect((await fakeBrowser.storage.local.get('secrets')).secrets).toEqual({
      apiSecret: 'api-secret',
      apiSecretServer: 'http://127.0.0.1:8787',
    });

    settings.baseUrl = 'http://127.0.0.1:9999';
    expect((await caught(client({ getSecrets: undefined }).synthesize(SYNTH))).code).toBe('missing_api_secret');
    expect(server.apiRequests()).toHaveLength(1);
    expect((await fakeBrowser.storage.local.get('secrets')).secrets).toEqual({});
    expect((await fakeBrowser.storage.local.get('secretsNotice')).secretsNotice).toEqual({
      from: 'http://127.0.0.1:8787',
      to: 'http://127.0.0.1:9999',
    });
  });

  it('asks for the API key and secret when missing', async () => {
    settings.apiKey = '';
    expect((await caught(client().synthesize(SYNTH))).code).toBe('missing_api_key');
    settings.apiKey = 'key-1';
    secrets = {};
    expect((await caught(client().synthesize(SYNTH))).code).toBe('missing_api_secret');
    expect(server.requests).toHaveLength(0);
  });
});
