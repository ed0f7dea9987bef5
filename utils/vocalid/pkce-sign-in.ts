// "Sign in with VocaliD": OAuth 2.0 authorization code with PKCE (S256) for the extension as a public client
// (no secret can be kept in an extension). The browser shows the VocaliD sign-in and consent page through
// identity.launchWebAuthFlow; this module builds the request, checks the answer (redirect target, state) and
// exchanges the code with oauth4webapi. Every failure becomes a VocalidApiError whose userMessage says what
// happened, so Options can show it as is.
import { i18n } from '../i18n/i18n';
import * as oauth from 'oauth4webapi';
import { VocalidApiError } from './api-error';
import { requireServerUrl, type ServerUrl } from './base-url';
import {
  AUTHORIZE_PATH,
  authorizationServerFor,
  oauthHttpOptions,
  sendOAuth,
  tokenLifetimeMs,
} from './oauth-transport';

export const PUBLIC_CLIENT_ID = 'read-aloud-extension';

export type LaunchWebAuthFlow = (details: { url: string; interactive: boolean }) => Promise<string | undefined>;

export interface PkceTokenSet {
  accessToken: string;
  refreshToken?: string;
  /** ms since epoch. */
  obtainedAt: number;
  expiresAt: number;
  /** The scopes the server granted (space separated), which may be fewer than requested. */
  scope: string;
  baseUrl: string;
}

export interface PkceSignInOptions {
  baseUrl: string;
  scopes: string[];
  /**
   * browser.identity.getRedirectURL(): https://<extension-id>.chromiumapp.org/ in Chrome,
   * https://<sha1 of the add-on id>.extensions.allizom.org/ in Firefox.
   */
  redirectUri: string;
  launchWebAuthFlow: LaunchWebAuthFlow;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

function signInError(code: string, userMessage: string, detail = userMessage, cause?: unknown): VocalidApiError {
  return new VocalidApiError({
    status: 0,
    code,
    action: 'sign-in',
    message: detail,
    userMessage,
    ...(cause !== undefined ? { cause } : {}),
  });
}

export const publicClient: oauth.Client = { client_id: PUBLIC_CLIENT_ID };

/** The authorization request URL, with the verifier and state the answer must be checked against. */
export async function buildAuthorizationRequest(baseUrl: string, scopes: string[], redirectUri: string) {
  const server = requireServerUrl(baseUrl);
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(server.base + AUTHORIZE_PATH);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', PUBLIC_CLIENT_ID);
  url.searchParams.set('redirect_uri', redirectUri);
  if (scopes.length) url.searchParams.set('scope', scopes.join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return { server, url: url.toString(), codeVerifier, state };
}

/**
 * Browsers reject launchWebAuthFlow with a sentence, not a code; these are the ones a person can cause. Firefox's
 * closed window is "User cancelled or denied access.".
 */
function launchFailure(err: unknown): VocalidApiError {
  const text = err instanceof Error ? err.message : String(err);
  if (/did not approve|user (closed|cancel)|canceled|cancelled/i.test(text)) {
    return signInError('sign_in_cancelled', i18n.t('settings.signIn.cancelled'), text, err);
  }
  if (/could not be loaded|load/i.test(text)) {
    return signInError('sign_in_unreachable', i18n.t('settings.signIn.unreachable'), text, err);
  }
  return signInError('sign_in_failed', i18n.t('settings.signIn.failed', { reason: text }), text, err);
}

/** Runs the whole sign-in; resolves with fresh tokens or rejects with a VocalidApiError meant for the user. */
export async function signInWithPkce(options: PkceSignInOptions): Promise<PkceTokenSet> {
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const request = await buildAuthorizationRequest(options.baseUrl, options.scopes, options.redirectUri);
  const { server } = request;
  const as = authorizationServerFor(server);

  let responseUrl: string | undefined;
  try {
    responseUrl = await options.launchWebAuthFlow({ url: request.url, interactive: true });
  } catch (err) {
    throw launchFailure(err);
  }
  if (!responseUrl || !responseUrl.startsWith(options.redirectUri)) {
    throw signInError('sign_in_bad_redirect', i18n.t('settings.signIn.badRedirect'));
  }

  let callbackParams: URLSearchParams;
  try {
    callbackParams = oauth.validateAuthResponse(as, publicClient, new URL(responseUrl), request.state);
  } catch (err) {
    if (err instanceof oauth.AuthorizationResponseError) {
      if (err.error === 'access_denied') {
        throw signInError('access_denied', i18n.t('settings.signIn.declined'), err.error_description ?? err.error, err);
      }
      const why = err.error_description ? `: ${err.error_description}` : '';
      throw signInError(
        err.error,
        i18n.t('settings.signIn.refused', { reason: `${err.error}${why}` }),
        `${err.error}${why}`,
        err,
      );
    }
    throw signInError('invalid_state', i18n.t('settings.signIn.stateMismatch'), String(err), err);
  }

  const started = now();
  const response = await sendOAuth(
    server,
    { now, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) },
    (signal) =>
      oauth.authorizationCodeGrantRequest(
        as,
        publicClient,
        oauth.None(),
        callbackParams,
        options.redirectUri,
        request.codeVerifier,
        oauthHttpOptions(server, signal, fetchImpl),
      ),
    (res) => oauth.processAuthorizationCodeResponse(as, publicClient, res),
  );
  return toTokenSet(response, started, server, options.scopes);
}

export function toTokenSet(
  response: oauth.TokenEndpointResponse,
  obtainedAt: number,
  server: ServerUrl,
  requested: string[],
): PkceTokenSet {
  const lifetimeMs = tokenLifetimeMs(response);
  return {
    accessToken: response.access_token,
    ...(typeof response.refresh_token === 'string' ? { refreshToken: response.refresh_token } : {}),
    obtainedAt,
    expiresAt: obtainedAt + lifetimeMs,
    // RFC 6749 §5.1: scope may be omitted when it equals the requested one.
    scope: typeof response.scope === 'string' ? response.scope : requested.join(' '),
    baseUrl: server.base,
  };
}
