import { createHmac, randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { credentialThrottle } from '../auth/credential-throttle';
import { getClient, isRegisteredRedirect, type OAuthClient } from '../auth/client-store';
import { safeEqual } from '../auth/secret-hash';
import { authenticateUser, getUser } from '../auth/user-store';
import { createWebSession, SESSION_COOKIE, userIdForSession, WEB_SESSION_TTL_MS } from '../auth/web-session';
import type { AppEnv, ServerContext } from '../context';
import { queryParams, readParams } from '../http/read-params';
import { createAuthCode } from '../oauth/auth-code-store';
import { renderConsentPage, renderErrorPage } from '../oauth/authorize-page';
import { OAuthError } from '../oauth/oauth-error';
import { isValidCodeChallenge } from '../oauth/pkce';
import { grantScopes } from '../oauth/scopes';
import { randomSecret } from '../util/random-id';

const CSRF_COOKIE = 'vocalid_csrf';
const COOKIE_PATH = '/api/v1/oauth';
/** Form fields that are secrets or bind the form: accepted from the POST body only, never from the URL. */
const BODY_ONLY_FIELDS = ['username', 'password', 'csrf', 'decision'];

interface CookieNames {
  session: string;
  csrf: string;
  options: { path: string; httpOnly: true; sameSite: 'Lax'; secure?: true };
}

/**
 * Behind https the cookies are `Secure` and `__Host-` prefixed (RFC 6265bis §4.1.3.2): a sibling subdomain or a
 * plain-http page cannot set or overwrite them. `__Host-` requires `Path=/`. Plain http (a loopback dev server)
 * keeps the unprefixed names, which browsers would refuse to store with those attributes.
 */
function cookieNames(secure: boolean): CookieNames {
  return secure
    ? {
        session: `__Host-${SESSION_COOKIE}`,
        csrf: `__Host-${CSRF_COOKIE}`,
        options: { path: '/', httpOnly: true, sameSite: 'Lax', secure: true },
      }
    : { session: SESSION_COOKIE, csrf: CSRF_COOKIE, options: { path: COOKIE_PATH, httpOnly: true, sameSite: 'Lax' } };
}
const HTML_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
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
    if (!redirectUri || !isRegisteredRedirect(client, redirectUri, ctx.config.dev)) {
      throw new FatalAuthorizeError('The redirect_uri is not registered for this application.');
    }
    const state = str(params.state);
    if (str(params.response_type) !== 'code') {
      throw new RedirectAuthorizeError('unsupported_response_type', 'Only response_type=code is supported.');
    }
    if (!state || state.length > 1024)
      throw new RedirectAuthorizeError('invalid_request', 'state is required (at most 1024 characters).');
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
    const names = [
      'response_type',
      'client_id',
      'redirect_uri',
      'scope',
      'state',
      'code_challenge',
      'code_challenge_method',
    ];
    return Object.fromEntries(names.filter((n) => str(params[n])).map((n) => [n, str(params[n])]));
  }

  const isHttps = (c: Context) =>
    new URL(c.req.url).protocol === 'https:' ||
    (ctx.config.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https');
  const cookiesOf = (c: Context) => cookieNames(isHttps(c));

  // Keys the CSRF token to this process: a form older than a restart is simply reloaded.
  const csrfKey = randomBytes(32);
  /**
   * The form's CSRF token is a MAC of the browser's session (or, before sign-in, of its pre-session cookie), so a
   * cookie an attacker planted cannot be paired with a field they chose: only this server can make the field.
   */
  const csrfToken = (binding: string) => createHmac('sha256', csrfKey).update(binding).digest('base64url');

  /** The value the CSRF token is bound to: the session cookie when signed in, else the pre-session cookie. */
  function csrfBinding(c: Context, create: boolean): string | undefined {
    const names = cookiesOf(c);
    const session = getCookie(c, names.session);
    if (session && userIdForSession(ctx.db, session, ctx.now())) return `session:${session}`;
    const existing = getCookie(c, names.csrf);
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return `pre:${existing}`;
    if (!create) return undefined;
    const value = randomSecret();
    setCookie(c, names.csrf, value, names.options);
    return `pre:${value}`;
  }

  const signedInUser = (c: Context) => {
    const id = userIdForSession(ctx.db, getCookie(c, cookiesOf(c).session), ctx.now());
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
      receiverHost: new URL(req.redirectUri).host,
      scopes: req.scopes,
      hidden: hiddenFields(params),
      csrf: csrfToken(csrfBinding(c, true)!),
      signedInAs: user ? (user.nickname ?? user.username ?? 'you') : undefined,
    });
    return c.html(html, 200, consentHeaders(req.redirectUri));
  });

  app.post('/api/v1/oauth/authorize', async (c) => {
    const inQuery = BODY_ONLY_FIELDS.filter((name) => name in queryParams(c));
    if (inQuery.length) {
      return c.html(
        renderErrorPage(`Send ${inQuery.join(', ')} in the form body, never in the URL.`),
        400,
        HTML_HEADERS,
      );
    }
    const { params } = await readParams(c);
    let req: ValidRequest;
    try {
      req = validateRequest(params);
    } catch (e) {
      return handleFailure(c, e, params, 303);
    }
    const binding = csrfBinding(c, false);
    if (!binding || !safeEqual(csrfToken(binding), str(params.csrf))) {
      return c.html(
        renderErrorPage('The form expired or was not sent from this page; reload and try again.'),
        403,
        HTML_HEADERS,
      );
    }
    if (str(params.decision) !== 'allow') {
      return redirectTo(
        c,
        req.redirectUri,
        { error: 'access_denied', error_description: 'The user denied access.', state: req.state },
        303,
      );
    }
    let user = signedInUser(c);
    if (!user) {
      const username = str(params.username);
      // The form is shown again with 200, never 401/429: Chromium's launchWebAuthFlow ends the whole sign-in with
      // "Authorization page could not be loaded" on any main-frame error status (chrome/browser/extensions/api/
      // identity/web_auth_flow.cc, DidFinishNavigation), so the user could not correct a typo.
      const again = (error: string, headers: Record<string, string> = {}) =>
        c.html(
          renderConsentPage({
            clientName: req.client.name,
            receiverHost: new URL(req.redirectUri).host,
            scopes: req.scopes,
            hidden: hiddenFields(params),
            csrf: str(params.csrf),
            error,
            usernameHint: username,
          }),
          200,
          { ...consentHeaders(req.redirectUri), ...headers },
        );
      const throttle = credentialThrottle(ctx);
      const wait = throttle.retryAfter(c, `user:${username.toLowerCase()}`);
      if (wait > 0) {
        return again(`Too many failed sign-ins; try again in ${Math.ceil(wait / 60)} min.`, {
          'Retry-After': String(wait),
        });
      }
      user = await authenticateUser(ctx.db, username, str(params.password));
      if (!user) {
        throttle.failed(c, `user:${username.toLowerCase()}`);
        return again('Wrong username or password.');
      }
      const names = cookiesOf(c);
      setCookie(c, names.session, createWebSession(ctx.db, user.id, ctx.now()), {
        ...names.options,
        maxAge: Math.floor(WEB_SESSION_TTL_MS / 1000),
      });
    }
    const code = createAuthCode(
      ctx.db,
      {
        clientId: req.client.clientId,
        userId: user.id,
        redirectUri: req.redirectUri,
        codeChallenge: req.codeChallenge,
        scopes: req.scopes,
      },
      ctx.now(),
    );
    return redirectTo(c, req.redirectUri, { code, state: req.state }, 303);
  });
}
