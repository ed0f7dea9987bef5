import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerGet, startCoreServer } from './core-helpers';

let server: Awaited<ReturnType<typeof startCoreServer>>;
beforeAll(async () => {
  server = await startCoreServer({ speechWorkers: 1 });
});
afterAll(() => server.cleanup());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const post = (path: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers, body: new URLSearchParams(body) });

async function expectOAuthError(res: Response, status: number, error: string) {
  const body = (await res.json()) as { error?: string; error_description?: string };
  expect({ status: res.status, error: body.error }).toEqual({ status, error });
  expect(typeof body.error_description).toBe('string');
}

describe('client_credentials', () => {
  it('issues a Bearer token with the documented fields (HTTP Basic)', async () => {
    const res = await post(
      '/api/v1/oauth/token',
      { grant_type: 'client_credentials', scope: 'voice:synthesis' },
      { Authorization: basic('demo-client', 'demo-secret') },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 15552000, scope: 'voice:synthesis' });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('accepts client_id/client_secret in a JSON body', async () => {
    const res = await fetch(`${server.url}/api/v1/oauth/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: 'demo-client',
        client_secret: 'demo-secret',
      }),
    });
    expect(res.status).toBe(200);
  });

  it('form-decodes Basic credentials (RFC 6749 §2.3.1)', async () => {
    const { createClient } = await import('../../server/src/auth/client-store');
    createClient(server.ctx.db, {
      clientId: 'a b:c',
      secret: 's%p+a ce',
      userId: 'demo-user',
      name: 'odd',
      isPublic: false,
      scopes: ['user:info'],
    });
    const encoded = basic(encodeURIComponent('a b:c').replace(/%20/g, '+'), encodeURIComponent('s%p+a ce'));
    const res = await post('/api/v1/oauth/token', { grant_type: 'client_credentials' }, { Authorization: encoded });
    expect(res.status).toBe(200);
  });

  it.each([
    ['wrong client secret', { grant_type: 'client_credentials' }, basic('demo-client', 'nope'), 401, 'invalid_client'],
    ['unknown client', { grant_type: 'client_credentials' }, basic('who', 'x'), 401, 'invalid_client'],
    ['no client authentication', { grant_type: 'client_credentials' }, undefined, 401, 'invalid_client'],
    ['missing grant_type', {}, basic('demo-client', 'demo-secret'), 400, 'invalid_request'],
    [
      'unsupported grant',
      { grant_type: 'password' },
      basic('demo-client', 'demo-secret'),
      400,
      'unsupported_grant_type',
    ],
    [
      'unknown scope',
      { grant_type: 'client_credentials', scope: 'admin' },
      basic('demo-client', 'demo-secret'),
      400,
      'invalid_scope',
    ],
    [
      'public client cannot use client_credentials',
      { grant_type: 'client_credentials', client_id: 'read-aloud-extension' },
      undefined,
      400,
      'unauthorized_client',
    ],
  ])('%s', async (_n, body, auth, status, error) => {
    await expectOAuthError(
      await post('/api/v1/oauth/token', body as Record<string, string>, auth ? { Authorization: auth } : {}),
      status,
      error,
    );
  });

  it('introspects own tokens and reports revoked ones inactive', async () => {
    const auth = { Authorization: basic('demo-client', 'demo-secret') };
    const tok = (await (
      await post('/api/v1/oauth/token', { grant_type: 'client_credentials', scope: 'user:info' }, auth)
    ).json()) as { access_token: string };
    const active = (await (await post('/api/v1/oauth/introspect', { token: tok.access_token }, auth)).json()) as Record<
      string,
      unknown
    >;
    expect(active).toMatchObject({
      active: true,
      scope: 'user:info',
      client_id: 'demo-client',
      sub: 'demo-user',
      token_type: 'Bearer',
    });
    expect(typeof active.exp).toBe('number');
    expect((await post('/api/v1/oauth/revoke', { token: tok.access_token }, auth)).status).toBe(200);
    expect(await (await post('/api/v1/oauth/introspect', { token: tok.access_token }, auth)).json()).toEqual({
      active: false,
    });
    // RFC 7009: unknown tokens are "revoked" just the same
    expect((await post('/api/v1/oauth/revoke', { token: 'never-issued' }, auth)).status).toBe(200);
  });
});

describe('authorization_code + PKCE (public client)', () => {
  const redirectUri = 'https://abcdefghijklmnop.chromiumapp.org/';
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorizeUrl = (over: Record<string, string> = {}) =>
    `${server.url}/api/v1/oauth/authorize/?${new URLSearchParams({
      response_type: 'code',
      client_id: 'read-aloud-extension',
      redirect_uri: redirectUri,
      scope: 'voice:list voice:synthesis user:info',
      state: 'st<"&>ate',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...over,
    })}`;

  async function signIn(password = 'demo-password'): Promise<Response> {
    const page = await fetch(authorizeUrl());
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('VocaliD Read Aloud');
    // user input is escaped, never echoed raw
    expect(html).not.toContain('st<"&>ate');
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return fetch(authorizeUrl(), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, username: 'demo', password, decision: 'allow' }),
    });
  }

  it('signs in, redirects with code and state, and exchanges the code with the verifier', async () => {
    const res = await signIn();
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('st<"&>ate');
    const code = location.searchParams.get('code')!;

    const wrong = await post('/api/v1/oauth/token', {
      grant_type: 'authorization_code',
      client_id: 'read-aloud-extension',
      code,
      redirect_uri: redirectUri,
      code_verifier: randomBytes(32).toString('base64url'),
    });
    await expectOAuthError(wrong, 400, 'invalid_grant');

    // the failed attempt burnt the code (single use), so get a fresh one
    const again = new URL((await signIn()).headers.get('location')!).searchParams.get('code')!;
    const ok = await post('/api/v1/oauth/token', {
      grant_type: 'authorization_code',
      client_id: 'read-aloud-extension',
      code: again,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as { access_token: string; refresh_token: string; scope: string };
    expect(tokens.scope).toBe('voice:list voice:synthesis user:info');
    const info = await bearerGet(server.url, '/api/v1/external/user/info', tokens.access_token);
    expect(await info.json()).toEqual({ nickname: 'Demo Reader' });

    // rotation, on tokens of a fresh code (a replayed code revokes its tokens: test/server/security.test.ts)
    const third = new URL((await signIn()).headers.get('location')!).searchParams.get('code')!;
    const tokens3 = (await (
      await post('/api/v1/oauth/token', {
        grant_type: 'authorization_code',
        client_id: 'read-aloud-extension',
        code: third,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      })
    ).json()) as { refresh_token: string };
    const replay = await post('/api/v1/oauth/token', {
      grant_type: 'authorization_code',
      client_id: 'read-aloud-extension',
      code: again,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    await expectOAuthError(replay, 400, 'invalid_grant');

    const refreshed = await post('/api/v1/oauth/token', {
      grant_type: 'refresh_token',
      client_id: 'read-aloud-extension',
      refresh_token: tokens3.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    // rotation: the old refresh token no longer works
    const reused = await post('/api/v1/oauth/token', {
      grant_type: 'refresh_token',
      client_id: 'read-aloud-extension',
      refresh_token: tokens3.refresh_token,
    });
    await expectOAuthError(reused, 400, 'invalid_grant');
  });

  // 200, not 401: a browser's auth flow window (launchWebAuthFlow) closes on any error status, so the user
  // could not correct the password.
  it('a wrong password re-shows the form (200, with the reason) and never redirects', async () => {
    const res = await signIn('wrong');
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toContain('Wrong username or password');
    expect(html).toMatch(/<form[^>]*method="post"/i);
  });

  it.each([
    ['unregistered redirect_uri', { redirect_uri: 'https://evil.example/' }],
    ['lookalike redirect_uri', { redirect_uri: 'https://evil.example/?.chromiumapp.org/' }],
    ['unknown client', { client_id: 'nobody' }],
  ])('%s → 400 error page, never a redirect', async (_n, over) => {
    const res = await fetch(authorizeUrl(over), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });

  it.each([
    ['no code_challenge', { code_challenge: '' }, 'invalid_request'],
    ['plain method', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['no state', { state: '' }, 'invalid_request'],
    ['bad response_type', { response_type: 'token' }, 'unsupported_response_type'],
    // The extension never downloads voices: the public client may not ask for it.
    ['scope beyond the client', { scope: 'voice:download' }, 'invalid_scope'],
  ])('%s → redirect with error', async (_n, over, error) => {
    const res = await fetch(authorizeUrl(over), { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe(error);
  });

  it('the extension may ask a signed-in user for the voice studio scopes', async () => {
    const res = await fetch(authorizeUrl({ scope: 'user:info external_account voice_build' }), { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<form/);
  });

  it('a POST without the CSRF cookie is refused', async () => {
    const res = await fetch(authorizeUrl(), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: 'x', username: 'demo', password: 'demo-password', decision: 'allow' }),
    });
    expect(res.status).toBe(403);
  });
});
