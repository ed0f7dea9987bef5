// "Sign in with VocaliD" against the real local server: the fake launchWebAuthFlow plays the browser (loads the
// consent page, posts the form like a person pressing Allow or Deny) and returns the final redirect URL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/src/start-server';
import { getSecrets } from '../../utils/settings/secrets-store';
import { isVocalidApiError, type VocalidApiError } from '../../utils/vocalid/api-error';
import { signInWithPkce, type LaunchWebAuthFlow } from '../../utils/vocalid/pkce-sign-in';
import { createPkceTokenSource, storePkceTokens } from '../../utils/vocalid/pkce-token-source';
import { loadToken } from '../../utils/vocalid/token-store';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const SCOPES = ['user:info', 'voice:list', 'voice:synthesis'];
let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pkce-test-'));
  server = await startServer({ host: '127.0.0.1', port: 0, dataDir, dev: true, quiet: true });
  // A real server (database, seeded credentials, speech pool) starts in about a second on a quiet machine but took
  // over the unit project's 10 s hook limit on a loaded one.
}, 60_000);
afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});
beforeEach(() => fakeBrowser.reset());

/** A browser that shows the consent page and presses `decision`; `tamper` may change the final URL. */
function browserThatAnswers(
  decision: 'allow' | 'deny',
  tamper: (url: URL) => void = () => undefined,
): LaunchWebAuthFlow & { requested?: URL } {
  const launch: LaunchWebAuthFlow & { requested?: URL } = async ({ url }) => {
    launch.requested = new URL(url);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const form = new URLSearchParams();
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
      form.set(
        m[1]!,
        m[2]!.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))),
      );
    form.set('username', 'demo');
    form.set('password', 'demo-password');
    form.set('decision', decision);
    const res = await fetch(url, { method: 'POST', body: form, headers: { cookie }, redirect: 'manual' });
    expect(res.status).toBe(303);
    const final = new URL(res.headers.get('location')!);
    tamper(final);
    return final.toString();
  };
  return launch;
}

async function failure(p: Promise<unknown>): Promise<VocalidApiError> {
  try {
    await p;
  } catch (err) {
    if (isVocalidApiError(err)) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('signInWithPkce', () => {
  it('sends an S256 challenge and state for the public client, and returns tokens with the granted scopes', async () => {
    const launch = browserThatAnswers('allow');
    const tokens = await signInWithPkce({
      baseUrl: server.url,
      scopes: SCOPES,
      redirectUri: REDIRECT,
      launchWebAuthFlow: launch,
    });
    const q = launch.requested!.searchParams;
    expect(launch.requested!.pathname).toBe('/api/v1/oauth/authorize/');
    expect(Object.fromEntries(q)).toMatchObject({
      client_id: 'read-aloud-extension',
      redirect_uri: REDIRECT,
      response_type: 'code',
      code_challenge_method: 'S256',
      scope: SCOPES.join(' '),
    });
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')!.length).toBeGreaterThan(20);
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.scope.split(' ').sort()).toEqual([...SCOPES].sort());

    // The token works against the API.
    const info = await fetch(`${server.url}/api/v1/external/user/info/`, {
      headers: { Authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(await info.json()).toMatchObject({ nickname: 'Demo Reader' });
  });

  it('says the user declined when they press Deny', async () => {
    const err = await failure(
      signInWithPkce({
        baseUrl: server.url,
        scopes: SCOPES,
        redirectUri: REDIRECT,
        launchWebAuthFlow: browserThatAnswers('deny'),
      }),
    );
    expect(err.code).toBe('access_denied');
    expect(err.userMessage).toMatch(/declined access/);
  });

  it('ignores an answer whose state does not match', async () => {
    const launch = browserThatAnswers('allow', (u) => u.searchParams.set('state', 'forged'));
    const err = await failure(
      signInWithPkce({ baseUrl: server.url, scopes: SCOPES, redirectUri: REDIRECT, launchWebAuthFlow: launch }),
    );
    expect(err.code).toBe('invalid_state');
    expect(err.userMessage).toMatch(/state check failed/);
  });

  it.each([
    ['Chrome', 'The user did not approve access.'],
    // Firefox's sentence for a closed window (toolkit/components/extensions/parent/ext-identity.js).
    ['Firefox', 'User cancelled or denied access.'],
  ])('reports a closed window as a cancelled sign-in (%s)', async (_browser, sentence) => {
    const launch: LaunchWebAuthFlow = async () => {
      throw new Error(sentence);
    };
    const err = await failure(
      signInWithPkce({ baseUrl: server.url, scopes: SCOPES, redirectUri: REDIRECT, launchWebAuthFlow: launch }),
    );
    expect(err.code).toBe('sign_in_cancelled');
    expect(err.userMessage).toMatch(/closed before you finished/);
  });

  it('refuses an answer that arrives at another address', async () => {
    const launch: LaunchWebAuthFlow = async () => 'https://evil.example/?code=x&state=y';
    expect(
      (
        await failure(
          signInWithPkce({ baseUrl: server.url, scopes: SCOPES, redirectUri: REDIRECT, launchWebAuthFlow: launch }),
        )
      ).code,
    ).toBe('sign_in_bad_redirect');
  });
});

describe('PKCE token source', () => {
  it('renews an expired access token with the rotating refresh token, and sign-out revokes both', async () => {
    const tokens = await signInWithPkce({
      baseUrl: server.url,
      scopes: SCOPES,
      redirectUri: REDIRECT,
      launchWebAuthFlow: browserThatAnswers('allow'),
    });
    // Stored as already expired, so the next use must refresh.
    await storePkceTokens({ ...tokens, expiresAt: Date.now() - 1000 });
    expect((await getSecrets()).refreshToken).toBe(tokens.refreshToken);

    const source = createPkceTokenSource({ loadBaseUrl: async () => server.url });
    const renewed = await source.getAccessToken();
    expect(renewed).not.toBe(tokens.accessToken);
    const rotated = (await getSecrets()).refreshToken;
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(tokens.refreshToken);
    expect((await loadToken())?.accessToken).toBe(renewed);

    const info = await source.introspect();
    expect(info).toMatchObject({ active: true, client_id: 'read-aloud-extension' });

    await source.revoke();
    expect(await loadToken()).toBeUndefined();
    expect((await getSecrets()).refreshToken).toBeUndefined();
    const check = async (token: string) =>
      (await (
        await fetch(`${server.url}/api/v1/oauth/introspect`, {
          method: 'POST',
          body: new URLSearchParams({ token, client_id: 'read-aloud-extension' }),
        })
      ).json()) as { active: boolean };
    expect(await check(renewed)).toEqual({ active: false });
    expect(await check(rotated!)).toEqual({ active: false });
  });

  it('without a refresh token asks the user to sign in', async () => {
    const source = createPkceTokenSource({ loadBaseUrl: async () => server.url });
    const err = await failure(source.getAccessToken());
    expect(err.code).toBe('not_signed_in');
    expect(err.action).toBe('sign-in');
  });

  it('never sends a refresh token to a server other than the one that issued it', async () => {
    await storePkceTokens({
      accessToken: 'a',
      refreshToken: 'r',
      obtainedAt: 0,
      expiresAt: 1,
      scope: '',
      baseUrl: 'https://other.example',
    });
    const source = createPkceTokenSource({
      loadBaseUrl: async () => server.url,
      fetch: () => Promise.reject(new Error('must not be called')),
    });
    expect((await failure(source.getAccessToken())).code).toBe('not_signed_in');
  });
});
