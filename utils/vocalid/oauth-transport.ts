// How both token sources talk OAuth to the server through oauth4webapi — the client-credentials one
// (oauth-client.ts) and "Sign in with VocaliD" (pkce-sign-in.ts, pkce-token-source.ts): the server's endpoints
// (shared/vocalid-api.txt, OAuth), the HTTP options, and one bounded request whose failures become VocalidApiError.
import { i18n } from '../i18n/i18n';
import * as oauth from 'oauth4webapi';
import { parseErrorResponse, VocalidApiError } from './api-error';
import type { ServerUrl } from './base-url';
import { boundedRequest } from './bounded-request';

export const AUTHORIZE_PATH = '/api/v1/oauth/authorize/';
export const TOKEN_PATH = '/api/v1/oauth/token';
export const REVOKE_PATH = '/api/v1/oauth/revoke';
export const INTROSPECT_PATH = '/api/v1/oauth/introspect';

export function authorizationServerFor(server: ServerUrl): oauth.AuthorizationServer {
  return {
    issuer: server.base,
    authorization_endpoint: server.base + AUTHORIZE_PATH,
    token_endpoint: server.base + TOKEN_PATH,
    revocation_endpoint: server.base + REVOKE_PATH,
    introspection_endpoint: server.base + INTROSPECT_PATH,
  };
}

export function oauthHttpOptions(server: ServerUrl, signal: AbortSignal, fetchImpl: typeof fetch) {
  // Plain http is only ever allowed for loopback hosts; parseServerUrl has refused everything else.
  return {
    signal,
    [oauth.customFetch]: fetchImpl,
    ...(server.insecureAllowed ? { [oauth.allowInsecureRequests]: true } : {}),
  };
}

// Servers that omit expires_in issue tokens we keep until a 401 says otherwise.
const NO_EXPIRY_MS = 365 * 24 * 3600 * 1000;

/** How long a token from this answer lives, in ms. */
export function tokenLifetimeMs(response: oauth.TokenEndpointResponse): number {
  return typeof response.expires_in === 'number' ? response.expires_in * 1000 : NO_EXPIRY_MS;
}

export interface OAuthSendOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  now: () => number;
}

/**
 * One OAuth request, bounded in time (bounded-request.ts): an HTTP failure becomes the server's VocalidApiError, and
 * an answer oauth4webapi cannot process becomes one that points the user at the server address.
 */
export function sendOAuth<T>(
  server: ServerUrl,
  opts: OAuthSendOptions,
  request: (signal: AbortSignal) => Promise<Response>,
  process: (res: Response) => Promise<T>,
): Promise<T> {
  return boundedRequest(
    async (inner) => {
      const res = await request(inner);
      if (!res.ok) throw await parseErrorResponse(res, { origin: server.origin, now: opts.now() });
      try {
        return await process(res);
      } catch (err) {
        if (err instanceof VocalidApiError) throw err;
        throw new VocalidApiError({
          status: res.status,
          code: 'bad_token_response',
          message: `Unexpected OAuth response from ${server.origin}: ${err instanceof Error ? err.message : String(err)}`,
          userMessage: i18n.t('settings.signIn.badTokenResponse', { origin: server.origin }),
          action: 'settings',
          cause: err,
        });
      }
    },
    {
      origin: server.origin,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    },
  );
}
