// Server hardening checks of the reliability/security suite (docs/reliability.md) that the other server tests do
// not already make: nothing a request carries is reflected unescaped into HTML, the OAuth code exchange is bound to
// its redirect_uri and PKCE verifier, public clients cannot use the client-credentials grant, and the test-only
// fault/request-log API does not exist unless --test-faults is given.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreServer } from './core-helpers';

let server: Awaited<ReturnType<typeof startCoreServer>>;
beforeAll(async () => {
  server = await startCoreServer({ speechWorkers: 1 });
});
afterAll(() => server.cleanup());

const XSS = '<script>alert("x")</script>';
const redirectUri = 'https://abcdefghijklmnop.chromiumapp.org/';
const authorize = (over: Record<string, string>) =>
  `${server.url}/api/v1/oauth/authorize/?${new URLSearchParams({
    response_type: 'code',
    client_id: 'read-aloud-extension',
    redirect_uri: redirectUri,
    scope: 'voice:synthesis',
    state: 'abc',
    code_challenge: createHash('sha256').update('v'.repeat(43)).digest('base64url'),
    code_challenge_method: 'S256',
    ...over,
  })}`;

describe('no reflected input in HTML', () => {
  it.each([
    ['client_id', { client_id: XSS }],
    ['redirect_uri', { redirect_uri: `https://evil.example/${XSS}` }],
    ['state', { state: XSS }],
    ['scope', { scope: `voice:synthesis ${XSS}` }],
    ['response_type', { response_type: XSS }],
  ])('the authorize page escapes a hostile %s', async (_name, over) => {
    const res = await fetch(authorize(over), { redirect: 'manual' });
    const body = await res.text();
    expect(body).not.toContain('<script>alert');
    if (res.status === 302 || res.status === 303) {
      // An error redirect goes only to the registered redirect URI.
      expect(res.headers.get('location')!.startsWith(redirectUri)).toBe(true);
    }
  });

  it('an unknown path with markup in it answers JSON that no browser may sniff as HTML', async () => {
    const res = await fetch(`${server.url}/api/v1/${encodeURIComponent(XSS)}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('authorization code exchange', () => {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');

  async function code(): Promise<string> {
    const page = await fetch(authorize({ code_challenge: challenge }));
    const html = await page.text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await fetch(authorize({ code_challenge: challenge }), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, username: 'demo', password: 'demo-password', decision: 'allow' }),
    });
    expect(res.status).toBe(303);
    return new URL(res.headers.get('location')!).searchParams.get('code')!;
  }

  const exchange = (body: Record<string, string>) =>
    fetch(`${server.url}/api/v1/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'read-aloud-extension', ...body }),
    });

  it('a code redeemed with another redirect_uri is refused', async () => {
    const res = await exchange({
      code: await code(),
      redirect_uri: 'https://qrstuvwxyzabcdef.chromiumapp.org/',
      code_verifier: verifier,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('a code redeemed without the PKCE verifier is refused', async () => {
    const res = await exchange({ code: await code(), redirect_uri: redirectUri });
    expect(res.status).toBe(400);
    expect(['invalid_grant', 'invalid_request']).toContain(((await res.json()) as { error: string }).error);
  });

  it('a public client cannot use the client-credentials grant', async () => {
    const res = await fetch(`${server.url}/api/v1/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'read-aloud-extension' }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await res.json()) as { access_token?: string }).not.toHaveProperty('access_token');
  });
});

describe('test-only API', () => {
  it('does not exist without --test-faults', async () => {
    for (const [method, path] of [
      ['GET', '/__test/requests'],
      ['PUT', '/__test/faults'],
      ['PUT', '/__test/config'],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        ...(method === 'PUT' ? { body: '{"rules":[]}' } : {}),
      });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });
});
