// Access tokens for "Sign in with VocaliD" (PKCE, public client): the access token lives in storage.session
// (token-store), the refresh token in the secrets store (storage.local, never sync). When the access token is
// close to expiry it is renewed with the refresh token; the server rotates refresh tokens, so the new one
// replaces the old at once. Same interface as the client-credentials OAuthClient so vocalid-client can use either.
import { i18n } from '../i18n/i18n';
import * as oauth from 'oauth4webapi';
import { getSecrets, secretFor, setSecrets, type Secrets } from '../settings/secrets-store';
import { VocalidApiError } from './api-error';
import { isTokenFresh, type IntrospectionResult, type OAuthClient } from './oauth-client';
import { requireServerUrl } from './base-url';
import { authorizationServerFor, oauthHttpOptions, sendOAuth } from './oauth-transport';
import { PUBLIC_CLIENT_ID, publicClient, toTokenSet, type PkceTokenSet } from './pkce-sign-in';
import { clearToken, loadToken, saveToken, type StoredToken } from './token-store';

export interface PkceTokenSourceOptions {
  loadBaseUrl: () => Promise<string>;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  /** For tests; default the secrets store. */
  secrets?: { get(): Promise<Secrets>; set(patch: Partial<Record<keyof Secrets, string | null>>): Promise<void> };
}

export function notSignedIn(): VocalidApiError {
  return new VocalidApiError({
    status: 0,
    code: 'not_signed_in',
    action: 'sign-in',
    message: 'no PKCE refresh token',
    userMessage: i18n.t('settings.signIn.notSignedIn'),
  });
}

/** Stores what a sign-in (or a refresh) returned: access token in the session, refresh token on this device. */
export async function storePkceTokens(
  tokens: PkceTokenSet,
  secrets: PkceTokenSourceOptions['secrets'] = { get: getSecrets, set: setSecrets },
): Promise<StoredToken> {
  const stored: StoredToken = {
    accessToken: tokens.accessToken,
    obtainedAt: tokens.obtainedAt,
    expiresAt: tokens.expiresAt,
    scope: tokens.scope,
    baseUrl: tokens.baseUrl,
    clientId: PUBLIC_CLIENT_ID,
  };
  await saveToken(stored);
  if (tokens.refreshToken) await secrets.set({ refreshToken: tokens.refreshToken, refreshTokenServer: tokens.baseUrl });
  return stored;
}

export function createPkceTokenSource(options: PkceTokenSourceOptions): OAuthClient {
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const secrets = options.secrets ?? { get: getSecrets, set: setSecrets };
  let refreshing: Promise<StoredToken> | undefined;

  const mine = (t: StoredToken | undefined, base: string): t is StoredToken =>
    !!t && t.clientId === PUBLIC_CLIENT_ID && t.baseUrl === base;

  /** One request to the server at `base` as the public client; `process` reads its successful answer. */
  function send<T>(
    base: string,
    signal: AbortSignal | undefined,
    request: (as: oauth.AuthorizationServer, http: ReturnType<typeof oauthHttpOptions>) => Promise<Response>,
    process: (as: oauth.AuthorizationServer, res: Response) => Promise<T>,
  ): Promise<T> {
    const server = requireServerUrl(base);
    const as = authorizationServerFor(server);
    return sendOAuth(
      server,
      {
        now,
        ...(signal ? { signal } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      },
      (inner) => request(as, oauthHttpOptions(server, inner, fetchImpl)),
      (res) => process(as, res),
    );
  }

  async function refresh(base: string): Promise<StoredToken> {
    const refreshToken = secretFor(await secrets.get(), 'refreshToken', base);
    if (!refreshToken) throw notSignedIn();
    const started = now();
    try {
      const response = await send(
        base,
        undefined,
        (as, http) => oauth.refreshTokenGrantRequest(as, publicClient, oauth.None(), refreshToken, http),
        (as, res) => oauth.processRefreshTokenResponse(as, publicClient, res),
      );
      return await storePkceTokens(toTokenSet(response, started, requireServerUrl(base), []), secrets);
    } catch (err) {
      if (err instanceof VocalidApiError && err.code === 'invalid_grant') {
        // Another extension context may have rotated the token a moment ago: use its result if there is one.
        const latest = await loadToken();
        if (mine(latest, base) && latest.obtainedAt >= started && isTokenFresh(latest, now())) return latest;
        // Otherwise the sign-in was revoked or expired on the server: forget it so the user is asked to sign in.
        await secrets.set({ refreshToken: null, refreshTokenServer: null });
        await clearToken();
        throw notSignedIn();
      }
      throw err;
    }
  }

  async function getAccessToken(opts: { signal?: AbortSignal; forceRefresh?: boolean } = {}): Promise<string> {
    const base = requireServerUrl(await options.loadBaseUrl()).base;
    if (!opts.forceRefresh) {
      const cached = await loadToken();
      if (mine(cached, base) && isTokenFresh(cached, now())) return cached.accessToken;
    }
    // One refresh at a time in this context: with rotation, a second concurrent refresh would be refused.
    refreshing ??= refresh(base).finally(() => (refreshing = undefined));
    const token = await refreshing;
    if (opts.signal?.aborted) throw opts.signal.reason;
    return token.accessToken;
  }

  async function invalidate(token: string): Promise<void> {
    const cached = await loadToken();
    if (cached?.accessToken === token) await clearToken();
  }

  /** Revokes the access token and the refresh token on the server, then forgets both (sign out). */
  async function revoke(token?: string, opts: { signal?: AbortSignal } = {}): Promise<void> {
    const base = requireServerUrl(await options.loadBaseUrl()).base;
    const cached = await loadToken();
    const targets = [
      token ?? (mine(cached, base) ? cached.accessToken : undefined),
      secretFor(await secrets.get(), 'refreshToken', base),
    ].filter((t): t is string => typeof t === 'string' && t !== '');
    try {
      for (const target of targets) {
        await send(
          base,
          opts.signal,
          (as, http) => oauth.revocationRequest(as, publicClient, oauth.None(), target, http),
          (_as, res) => oauth.processRevocationResponse(res),
        );
      }
    } finally {
      // Forget locally even when the server cannot be reached: signing out must always work on this device.
      await secrets.set({ refreshToken: null, refreshTokenServer: null });
      if (cached?.clientId === PUBLIC_CLIENT_ID) await clearToken();
    }
  }

  async function introspect(token?: string, opts: { signal?: AbortSignal } = {}): Promise<IntrospectionResult> {
    const base = requireServerUrl(await options.loadBaseUrl()).base;
    const target = token ?? (await getAccessToken(opts));
    return send(
      base,
      opts.signal,
      (as, http) => oauth.introspectionRequest(as, publicClient, oauth.None(), target, http),
      async (as, res) => (await oauth.processIntrospectionResponse(as, publicClient, res)) as IntrospectionResult,
    );
  }

  return { getAccessToken, invalidate, revoke, introspect };
}
