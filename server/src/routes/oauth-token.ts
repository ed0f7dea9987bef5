import type { Context, Hono } from 'hono';
import {
  findToken,
  isTokenActive,
  issueToken,
  markRotated,
  REFRESH_TOKEN_TTL_SECONDS,
  revokeFamily,
  revokeToken,
} from '../auth/token-store';
import type { AppEnv, ServerContext } from '../context';
import { ApiError } from '../http/api-error';
import { queryParams, readParams } from '../http/read-params';
import { consumeAuthCode } from '../oauth/auth-code-store';
import { authenticateOAuthClient } from '../oauth/client-auth';
import { OAuthError } from '../oauth/oauth-error';
import { verifierMatches } from '../oauth/pkce';
import { grantScopes } from '../oauth/scopes';
import { randomSecret } from '../util/random-id';

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/**
 * A rotated refresh token presented again this soon after its rotation is most likely two contexts of the same
 * extension refreshing at once, not theft: it is refused, but the family survives (the other context has the new
 * token). Later reuse revokes the family (RFC 9700 §4.14.2).
 */
export const ROTATION_GRACE_MS = 10_000;

/** Parameters that are secrets: RFC 6749 §2.3.1 keeps them out of URLs, which end up in logs and histories. */
const SECRET_PARAMS = [
  'client_secret',
  'password',
  'code',
  'code_verifier',
  'refresh_token',
  'token',
  'client_assertion',
];

/** Parameters of an OAuth endpoint; a malformed body is an RFC 6749 invalid_request, not our generic shape. */
async function oauthParams(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const inQuery = SECRET_PARAMS.filter((name) => name in queryParams(c));
  if (inQuery.length) {
    throw new OAuthError(400, 'invalid_request', `Send ${inQuery.join(', ')} in the request body, never in the URL.`);
  }
  try {
    return (await readParams(c)).params;
  } catch (e) {
    if (e instanceof ApiError) throw new OAuthError(400, 'invalid_request', e.message);
    throw e;
  }
}

function stringParam(params: Record<string, unknown>, name: string): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '') throw new OAuthError(400, 'invalid_request', `${name} is required.`);
  return v;
}

export function registerOAuthTokenRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  /** `familyId` marks a user's grant (authorization code and its refreshes): those tokens get the shorter lifetime. */
  const tokenResponse = (clientId: string, userId: string, scopes: string[], familyId: string | null) => {
    const now = ctx.now();
    const withRefresh = familyId !== null;
    const ttl = withRefresh ? Math.min(ctx.config.tokenTtl, ctx.config.userTokenTtl) : ctx.config.tokenTtl;
    const access = issueToken(ctx.db, { kind: 'access', clientId, userId, scopes, ttlSeconds: ttl, now, familyId });
    const body: Record<string, unknown> = {
      access_token: access.token,
      expires_in: ttl,
      token_type: 'Bearer',
      scope: scopes.join(' '),
    };
    if (withRefresh) {
      body.refresh_token = issueToken(ctx.db, {
        kind: 'refresh',
        clientId,
        userId,
        scopes,
        ttlSeconds: REFRESH_TOKEN_TTL_SECONDS,
        now,
        familyId,
      }).token;
    }
    return body;
  };

  app.post('/api/v1/oauth/token', async (c) => {
    const params = await oauthParams(c);
    const grantType = stringParam(params, 'grant_type');
    const client = await authenticateOAuthClient(c, ctx, params);

    if (grantType === 'client_credentials') {
      if (client.isPublic || !client.userId) {
        throw new OAuthError(400, 'unauthorized_client', 'Only confidential clients may use client_credentials.');
      }
      const scopes = grantScopes(params.scope, client.scopes);
      return c.json(tokenResponse(client.clientId, client.userId, scopes, null), 200, NO_STORE);
    }

    if (grantType === 'authorization_code') {
      const consumed = consumeAuthCode(ctx.db, stringParam(params, 'code'), ctx.now());
      // A replayed code means someone else has it too: what its first exchange issued is revoked (RFC 6749 §4.1.2).
      if (!consumed.ok && consumed.familyId) revokeFamily(ctx.db, consumed.familyId);
      if (!consumed.ok || consumed.code.clientId !== client.clientId) {
        throw new OAuthError(400, 'invalid_grant', 'The authorization code is invalid, expired or already used.');
      }
      const code = consumed.code;
      if (params.redirect_uri !== code.redirectUri) {
        throw new OAuthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
      }
      if (code.codeChallenge !== null) {
        const verifier = params.code_verifier;
        if (typeof verifier !== 'string' || !verifierMatches(verifier, code.codeChallenge)) {
          throw new OAuthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge.');
        }
      } else if (client.isPublic) {
        throw new OAuthError(400, 'invalid_grant', 'Public clients must use PKCE.');
      }
      return c.json(tokenResponse(client.clientId, code.userId, code.scopes, consumed.familyId), 200, NO_STORE);
    }

    if (grantType === 'refresh_token') {
      const value = stringParam(params, 'refresh_token');
      const row = findToken(ctx.db, value);
      const now = ctx.now();
      if (row?.kind === 'refresh' && row.clientId === client.clientId && row.rotatedAt !== null && row.familyId) {
        // Reuse of a rotated token: the thief or the rightful client holds a newer one, we cannot tell which.
        if (now - row.rotatedAt > ROTATION_GRACE_MS) revokeFamily(ctx.db, row.familyId);
      }
      if (!isTokenActive(row, now) || row.kind !== 'refresh' || row.clientId !== client.clientId) {
        throw new OAuthError(400, 'invalid_grant', 'The refresh token is invalid, expired or revoked.');
      }
      const scopes = grantScopes(params.scope, row.scopes);
      // Rotation: the used refresh token stops working, so a stolen copy is useful at most once.
      markRotated(ctx.db, value, now);
      // Refresh tokens issued before families existed start one now.
      const familyId = row.familyId ?? randomSecret(16);
      return c.json(tokenResponse(client.clientId, row.userId, scopes, familyId), 200, NO_STORE);
    }

    throw new OAuthError(400, 'unsupported_grant_type', `grant_type "${grantType}" is not supported.`);
  });

  app.post('/api/v1/oauth/revoke', async (c) => {
    const params = await oauthParams(c);
    const client = await authenticateOAuthClient(c, ctx, params);
    const token = stringParam(params, 'token');
    // RFC 7009 §2.2: 200 whether or not the token existed or belonged to this client.
    revokeToken(ctx.db, token, client.clientId);
    return c.body(null, 200, NO_STORE);
  });

  app.post('/api/v1/oauth/introspect', async (c) => {
    const params = await oauthParams(c);
    const client = await authenticateOAuthClient(c, ctx, params);
    const row = findToken(ctx.db, stringParam(params, 'token'));
    // A client learns only about its own tokens; anything else is just "inactive" (RFC 7662 §2.2).
    if (!isTokenActive(row, ctx.now()) || row.clientId !== client.clientId)
      return c.json({ active: false }, 200, NO_STORE);
    return c.json(
      {
        active: true,
        scope: row.scopes.join(' '),
        client_id: row.clientId,
        sub: row.userId,
        token_type: row.kind === 'access' ? 'Bearer' : 'refresh_token',
        iat: Math.floor(row.createdAt / 1000),
        exp: row.expiresAt === null ? undefined : Math.floor(row.expiresAt / 1000),
        iss: new URL(c.req.url).origin,
      },
      200,
      NO_STORE,
    );
  });
}
