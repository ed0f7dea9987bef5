import { i18n } from '../i18n/i18n';
import * as oauth from 'oauth4webapi';
import { configError } from './api-error';
import { requireServerUrl, type ServerUrl } from './base-url';
import { authorizationServerFor, oauthHttpOptions, sendOAuth, tokenLifetimeMs } from './oauth-transport';
import { clearToken, loadToken, saveToken, type StoredToken } from './token-store';

export interface OAuthConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

export interface OAuthClientOptions {
  /** Reads the current configuration; called for every token request so Options changes apply at once. */
  loadConfig: () => Promise<OAuthConfig>;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

export interface IntrospectionResult {
  active: boolean;
  scope?: string;
  client_id?: string;
  exp?: number;
  [claim: string]: unknown;
}

export interface OAuthClient {
  /** A valid access token: the cached one while it is fresh, else a new one (one request for concurrent callers). */
  getAccessToken(options?: { signal?: AbortSignal; forceRefresh?: boolean }): Promise<string>;
  /** Forgets `token` if it is the cached one (after a 401), so the next getAccessToken fetches a new one. */
  invalidate(token: string): Promise<void>;
  /** RFC 7009 revocation of `token` (default: the cached token), then forgets it. */
  revoke(token?: string, options?: { signal?: AbortSignal }): Promise<void>;
  /** RFC 7662 introspection of `token` (default: the current access token). */
  introspect(token?: string, options?: { signal?: AbortSignal }): Promise<IntrospectionResult>;
}

const MAX_REFRESH_MARGIN_MS = 60_000;

/** How long before expiry a token is replaced: 60 s, or 10% of its lifetime when that is shorter. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(MAX_REFRESH_MARGIN_MS, Math.max(0, lifetimeMs) * 0.1);
}

export function isTokenFresh(token: StoredToken, nowMs: number): boolean {
  return nowMs < token.expiresAt - refreshMarginMs(token.expiresAt - token.obtainedAt);
}

function sameIdentity(token: StoredToken, config: OAuthConfig, server: ServerUrl, scope: string): boolean {
  return token.baseUrl === server.base && token.clientId === config.clientId && token.scope === scope;
}

export function createOAuthClient(options: OAuthClientOptions): OAuthClient {
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const sendOptions = { now, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) };
  let cached: StoredToken | undefined;
  let pending: { identity: string; promise: Promise<StoredToken> } | undefined;

  async function prepare() {
    const config = await options.loadConfig();
    if (!config.clientId) {
      throw configError('missing_client_id', i18n.t('settings.signIn.missingClientId'));
    }
    if (!config.clientSecret) {
      throw configError('missing_client_secret', i18n.t('settings.signIn.missingClientSecret'));
    }
    const server = requireServerUrl(config.baseUrl);
    const as = authorizationServerFor(server);
    const client: oauth.Client = { client_id: config.clientId };
    const auth = oauth.ClientSecretBasic(config.clientSecret);
    return { config, server, as, client, auth };
  }

  async function fetchToken(signal: AbortSignal | undefined): Promise<StoredToken> {
    const { config, server, as, client, auth } = await prepare();
    const scope = config.scopes.join(' ');
    const params: Record<string, string> = scope ? { scope } : {};
    const started = now();
    const response = await sendOAuth(
      server,
      { ...(signal ? { signal } : {}), ...sendOptions },
      (inner) =>
        oauth.clientCredentialsGrantRequest(as, client, auth, params, oauthHttpOptions(server, inner, fetchImpl)),
      (res) => oauth.processClientCredentialsResponse(as, client, res),
    );
    const lifetimeMs = tokenLifetimeMs(response);
    const token: StoredToken = {
      accessToken: response.access_token,
      obtainedAt: started,
      expiresAt: started + lifetimeMs,
      scope,
      baseUrl: server.base,
      clientId: config.clientId,
    };
    await saveToken(token);
    return token;
  }

  async function getAccessToken(opts: { signal?: AbortSignal; forceRefresh?: boolean } = {}): Promise<string> {
    const config = await options.loadConfig();
    const server = requireServerUrl(config.baseUrl);
    const scope = config.scopes.join(' ');
    const identity = JSON.stringify([server.base, config.clientId, scope]);
    if (!opts.forceRefresh) {
      cached ??= await loadToken();
      if (cached && sameIdentity(cached, config, server, scope) && isTokenFresh(cached, now()))
        return cached.accessToken;
    }
    // Concurrent callers share one token request; a caller's abort only stops its own wait.
    if (!pending || pending.identity !== identity) {
      const promise = fetchToken(undefined).then((token) => {
        cached = token;
        return token;
      });
      const entry = { identity, promise };
      pending = entry;
      promise.then(
        () => pending === entry && (pending = undefined),
        () => pending === entry && (pending = undefined),
      );
    }
    return (await abortable(pending.promise, opts.signal)).accessToken;
  }

  async function invalidate(token: string): Promise<void> {
    cached ??= await loadToken();
    if (cached?.accessToken === token) {
      cached = undefined;
      await clearToken();
    }
  }

  async function revoke(token?: string, opts: { signal?: AbortSignal } = {}): Promise<void> {
    cached ??= await loadToken();
    const target = token ?? cached?.accessToken;
    if (!target) return;
    const { server, as, client, auth } = await prepare();
    await sendOAuth(
      server,
      { ...(opts.signal ? { signal: opts.signal } : {}), ...sendOptions },
      (inner) => oauth.revocationRequest(as, client, auth, target, oauthHttpOptions(server, inner, fetchImpl)),
      (res) => oauth.processRevocationResponse(res),
    );
    if (cached?.accessToken === target) {
      cached = undefined;
      await clearToken();
    }
  }

  async function introspect(token?: string, opts: { signal?: AbortSignal } = {}): Promise<IntrospectionResult> {
    const target = token ?? (await getAccessToken(opts));
    const { server, as, client, auth } = await prepare();
    const result = await sendOAuth(
      server,
      { ...(opts.signal ? { signal: opts.signal } : {}), ...sendOptions },
      (inner) => oauth.introspectionRequest(as, client, auth, target, oauthHttpOptions(server, inner, fetchImpl)),
      (res) => oauth.processIntrospectionResponse(as, client, res),
    );
    return result as IntrospectionResult;
  }

  return { getAccessToken, invalidate, revoke, introspect };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
