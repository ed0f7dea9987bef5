import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { getClient, isRegisteredRedirect, type OAuthClient } from '../auth/client-store';
import { safeEqual } from '../auth/secret-hash';
import { authenticateUser, getUser } from '../auth/user-store';
import { createWebSession, SESSION_COOKIE, userIdForSession, WEB_SESSION_TTL_MS } from '../auth/web-session';
import type { AppEnv, ServerContext } from '../context';
import { readParams } from '../http/read-params';
import { createAuthCode } from '../oauth/auth-code-store';
import { renderConsentPage, renderErrorPage } from '../oauth/authorize-page';
import { OAuthError } from '../oauth/oauth-error';
import { isValidCodeChallenge } from '../oauth/pkce';
import { grantScopes } from '../oauth/scopes';
import { randomSecret } from '../util/random-id';

const CSRF_COOKIE = 'vocalid_csrf';
const COOKIE_PATH = '/api/v1/oauth';
const HTML_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

/**
 * The consent form posts to this page, which answers with a 303 to the client's redirect_uri. Browsers apply
 * form-action to that redirect too, so the (already validated) redirect origin must be allowed, or the browser
 * blocks the final step (Chromium's launchWebAuthFlow then reports "Authorization page could not be loaded").
 */
function consentHeaders(redirectUri: string): Record<string, string> {
  const origin = new URL(redirectUri).origin;
  return {
    ...HTML_HEADERS,
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${origin}; frame-ancestors 'none'`,
  };
}

interface ValidRequest {
  client: OAuthClient;
  redirectUri: string;
  state: string;
  scopes: string[];
  codeChallenge: string | null;
}

/** Errors we may not redirect for (unknown client, unregistered redirect_uri) are shown on our own page. */
class FatalAuthorizeError extends Error {}

/** Errors reported back to the client's redirect_uri (RFC 6749 §4.1.2.1). */
class RedirectAuthorizeError extends Error {
  constructor(
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function registerOAuthAuthorizeRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  function validateRequest(params: Record<string, unknown>): ValidRequest {
    const clientId = str(params.client_id);
    const client = clientId ? getClient(ctx.db, clientId) : undefined;
    if (!client || client.revoked) throw new FatalAuthorizeError('Unknown application (client_id).');
    const redirectUri = str(params.redirect_uri);
    if (!redirectUri || !isRegisteredRedirect(client, redirectUri)) {
      throw new FatalAuthorizeError('The redirect_uri is not registered for this application.');
    }
    const state = str(params.state);
    if (str(params.response_type) !== 'code') {
      throw new RedirectAuthorizeError('unsupported_response_type', 'Only response_type=code is supported.');
    }
    if (!state || state.length > 1024) throw new RedirectAuthorizeError('invalid_request', 'state is required (at most 1024 characters).');
    const challenge = str(params.code_challenge);
    const method = str(params.code_challenge_method) || (challenge ? 'plain' : '');
    if (challenge || client.isPublic) {
      if (method !== 'S256') throw new RedirectAuthorizeError('invalid_request', 'code_challenge_method must be S256.');
      if (!isValidCodeChallenge(challenge)) {
        throw new RedirectAuthorizeError('invalid_request', 'A valid S256 code_challenge is required for this client.');
      }
    }
    let scopes: string[];
    try {
      scopes = grantScopes(params.scope, client.scopes);
    } catch (e) {
      if (e instanceof OAuthError) throw new RedirectAuthorizeError('invalid_scope', e.description);
      throw e;
    }
    return { client, redirectUri, state, scopes, codeChallenge: challenge || null };
  }

  function redirectTo(c: Context, uri: string, values: Record<string, string>, status: 302 | 303) {
    const url = new URL(uri);
    for (const [k, v] of Object.entries(values)) url.searchParams.set(k, v);
    return c.redirect(url.toString(), status);
  }

  function handleFailure(c: Context, e: unknown, params: Record<string, unknown>, status: 302 | 303) {
    if (e instanceof FatalAuthorizeError) return c.html(renderErrorPage(e.message), 400, HTML_HEADERS);
    if (e instanceof RedirectAuthorizeError) {
      const values: Record<string, string> = { error: e.error, error_description: e.message };
      if (str(params.state)) values.state = str(params.state);
      return redirectTo(c, str(params.redirect_uri), values, status);
    }
    throw e;
  }

  function hiddenFields(params: Record<string, unknown>): Record<string, string> {
    const names = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'];
    return Object.fromEntries(names.filter((n) => str(params[n])).map((n) => [n, str(params[n])]));
  }

  function csrfFor(c: Context): string {
    const existing = getCookie(c, CSRF_COOKIE);
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
    const value = randomSecret();
    setCookie(c, CSRF_COOKIE, value, { path: COOKIE_PATH, httpOnly: true, sameSite: 'Lax' });
    return value;
  }

  const signedInUser = (c: Context) => {
    const id = userIdForSession(ctx.db, getCookie(c, SESSION_COOKIE), ctx.now());
    return id ? getUser(ctx.db, id) : undefined;
  };

  app.get('/api/v1/oauth/authorize', async (c) => {
    const { params } = await readParams(c);
    let req: ValidRequest;
    try {
      req = validateRequest(params);
    } catch (e) {
      return handleFailure(c, e, params, 302);
    }
    const user = signedInUser(c);
    const html = renderConsentPage({
      clientName: req.client.name,
      scopes: req.scopes,
      hidden: hiddenFields(params),
      csrf: csrfFor(c),
      signedInAs: user ? (user.nickname ?? user.username ?? 'you') : undefined,
    });
    return c.html(html, 200, consentHeaders(req.redirectUri));
  });

  app.post('/api/v1/oauth/authorize', async (c) => {
    const { params } = await readParams(c);
    let req: ValidRequest;
    try {
      req = validateRequest(params);
    } catch (e) {
      return handleFailure(c, e, params, 303);
    }
    const cookieCsrf = getCookie(c, CSRF_COOKIE);
    if (!cookieCsrf || !safeEqual(cookieCsrf, str(params.csrf))) {
      return c.html(renderErrorPage('The form expired or was not sent from this page; reload and try again.'), 403, HTML_HEADERS);
    }
    if (str(params.decision) !== 'allow') {
      return redirectTo(c, req.redirectUri, { error: 'access_denied', error_description: 'The user denied access.', state: req.state }, 303);
    }
    let user = signedInUser(c);
    if (!user) {
      const username = str(params.username);
      user = await authenticateUser(ctx.db, username, str(params.password));
      if (!user) {
        const html = renderConsentPage({
          clientName: req.client.name,
          scopes: req.scopes,
          hidden: hiddenFields(params),
          csrf: cookieCsrf,
          error: 'Wrong username or password.',
          usernameHint: username,
        });
        return c.html(html, 401, consentHeaders(req.redirectUri));
      }
      setCookie(c, SESSION_COOKIE, createWebSession(ctx.db, user.id, ctx.now()), {
        path: COOKIE_PATH,
        httpOnly: true,
        sameSite: 'Lax',
        maxAge: Math.floor(WEB_SESSION_TTL_MS / 1000),
      });
    }
    const code = createAuthCode(
      ctx.db,
      { clientId: req.client.clientId, userId: user.id, redirectUri: req.redirectUri, codeChallenge: req.codeChallenge, scopes: req.scopes },
      ctx.now(),
    );
    return redirectTo(c, req.redirectUri, { code, state: req.state }, 303);
  });
}
