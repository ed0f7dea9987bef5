import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerGet, clientCredentialsToken, expectApiError, hmacGet, startCoreServer } from './core-helpers';

const USER = '/api/v1/external/user/info/';

describe('limits', () => {
  let server: Awaited<ReturnType<typeof startCoreServer>>;
  beforeAll(async () => {
    server = await startCoreServer({ maxBodyBytes: 1024, rateLimitPerMinute: 5, tokenTtl: 1 });
  });
  afterAll(() => server.cleanup());

  it('an oversize body → 413 JSON', async () => {
    const res = await fetch(`${server.url}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', pad: 'x'.repeat(5000) }),
    });
    await expectApiError(res, 413, 'payload_too_large');
  });

  it('the rate limit answers 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await hmacGet(server.url, USER);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectApiError(last!, 429, 'rate_limited');
  });

  it('an access token expires after tokenTtl seconds → 401 token_expired', async () => {
    const token = await clientCredentialsToken(server.url, 'user:info');
    await new Promise((r) => setTimeout(r, 1100));
    await expectApiError(await bearerGet(server.url, USER, token), 401, 'token_expired');
  });

  it('/__test is absent without testFaults', async () => {
    expect((await fetch(`${server.url}/__test/requests`)).status).toBe(404);
  });

  it('CORS allows extension origins and exposes Retry-After, but not web pages', async () => {
    const ext = await fetch(`${server.url}${USER}`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'chrome-extension://abcdefghijklmnop',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(ext.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnop');
    const get = await fetch(`${server.url}${USER}`, { headers: { Origin: 'moz-extension://1234-abcd' } });
    expect(get.headers.get('access-control-expose-headers')).toMatch(/Retry-After/i);
    const web = await fetch(`${server.url}${USER}`, { headers: { Origin: 'https://evil.example' } });
    expect(web.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('test fault injection (/__test)', () => {
  let server: Awaited<ReturnType<typeof startCoreServer>>;
  let token: string;
  beforeAll(async () => {
    server = await startCoreServer({ testFaults: true });
    token = await clientCredentialsToken(server.url);
  });
  afterAll(() => server.cleanup());
  const put = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('logs API requests with query and auth scheme but never secrets', async () => {
    await fetch(`${server.url}/__test/requests`, { method: 'DELETE' });
    await hmacGet(server.url, USER, { pitch: '2' });
    await bearerGet(server.url, USER, token, { script: 'Hi there', rate: '1.5' });
    await fetch(`${server.url}/api/v1/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'demo-client',
        client_secret: 'demo-secret',
      }),
    });
    const log = (await (await fetch(`${server.url}/__test/requests`)).json()) as {
      requests: Record<string, unknown>[];
    };
    expect(log.requests.map((r) => [r.method, r.path, r.status, r.auth])).toEqual([
      ['GET', USER, 200, 'hmac'],
      ['GET', USER, 200, 'bearer'],
      ['POST', '/api/v1/oauth/token', 200, null],
    ]);
    expect(log.requests[1]!.query).toEqual({ script: 'Hi there', rate: '1.5' });
    expect(JSON.stringify(log)).not.toContain('demo-secret');
    expect(JSON.stringify(log)).not.toContain(token);
  });

  it('injects status + Retry-After (seconds and HTTP date), every n-th, count-limited', async () => {
    const date = new Date(Date.now() + 5000).toUTCString();
    expect(
      (await put('/__test/faults', { rules: [{ path: USER, status: 503, retryAfter: date, every: 2, count: 1 }] }))
        .status,
    ).toBe(200);
    const a = await bearerGet(server.url, USER, token);
    const b = await bearerGet(server.url, USER, token);
    const c = await bearerGet(server.url, USER, token);
    const d = await bearerGet(server.url, USER, token);
    expect([a.status, b.status, c.status, d.status]).toEqual([200, 503, 200, 200]);
    expect(b.headers.get('retry-after')).toBe(date);
    await put('/__test/faults', { rules: [{ path: '/api/v1/external/*', status: 429, retryAfter: 3 }] });
    const limited = await bearerGet(server.url, USER, token);
    expect(limited.headers.get('retry-after')).toBe('3');
    await expectApiError(limited, 429, 'injected_fault');
    await fetch(`${server.url}/__test/faults`, { method: 'DELETE' });
    expect((await bearerGet(server.url, USER, token)).status).toBe(200);
  });

  it('adds latency, drops connections and hangs', async () => {
    await put('/__test/faults', { rules: [{ path: USER, latencyMs: 300, count: 1 }] });
    const t0 = performance.now();
    expect((await bearerGet(server.url, USER, token)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);

    await put('/__test/faults', { rules: [{ path: USER, drop: true, count: 1 }] });
    await expect(bearerGet(server.url, USER, token)).rejects.toThrow();

    await put('/__test/faults', { rules: [{ path: USER, hang: true, count: 1 }] });
    await expect(
      fetch(`${server.url}${USER}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(500),
      }),
    ).rejects.toThrow(/abort|timeout/i);
    expect((await bearerGet(server.url, USER, token)).status).toBe(200);
  });

  it('rejects malformed fault rules and changes the token TTL at runtime', async () => {
    await expectApiError(await put('/__test/faults', { rules: [{ path: 'no-slash' }] }), 400, 'invalid_rules');
    expect((await put('/__test/config', { tokenTtl: 1 })).status).toBe(200);
    const short = await clientCredentialsToken(server.url, 'user:info');
    await new Promise((r) => setTimeout(r, 1100));
    await expectApiError(await bearerGet(server.url, USER, short), 401, 'token_expired');
  });
});
