import type { Context } from 'hono';
import { authenticateClient, getClient, type OAuthClient } from '../auth/client-store';
import { credentialThrottle } from '../auth/credential-throttle';
import type { ServerContext } from '../context';
import { OAuthError } from './oauth-error';

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before being joined with ":" and base64-encoded. */
function formDecode(part: string): string {
  return decodeURIComponent(part.replace(/\+/g, ' '));
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = header ? /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

const invalidClient = () =>
  new OAuthError(401, 'invalid_client', 'Client authentication failed.', {
    'WWW-Authenticate': 'Basic realm="VocaliD"',
  });

/**
 * The calling client: confidential clients authenticate with HTTP Basic or client_id/client_secret in the body
 * (never both); public clients (the extension, PKCE) only name their client_id.
 */
export async function authenticateOAuthClient(
  c: Context,
  ctx: ServerContext,
  params: Record<string, unknown>,
): Promise<OAuthClient> {
  const db = ctx.db;
  const header = c.req.header('authorization');
  const basic = basicCredentials(header);
  if (header && !basic) throw invalidClient();
  const bodyId = typeof params.client_id === 'string' ? params.client_id : undefined;
  const bodySecret = typeof params.client_secret === 'string' ? params.client_secret : undefined;
  if (basic && bodySecret !== undefined) {
    throw new OAuthError(400, 'invalid_request', 'Use one client authentication method, not both.');
  }
  if (basic && bodyId !== undefined && bodyId !== basic.id) {
    throw new OAuthError(400, 'invalid_request', 'client_id does not match the authenticated client.');
  }
  const id = basic?.id ?? bodyId;
  const secret = basic?.secret ?? bodySecret;
  if (!id) throw invalidClient();
  if (secret !== undefined) {
    const throttle = credentialThrottle(ctx);
    const wait = throttle.retryAfter(c, `client:${id}`);
    if (wait > 0) {
      throw new OAuthError(429, 'slow_down', `Too many failed attempts; retry in ${wait} s.`, {
        'Retry-After': String(wait),
      });
    }
    const client = await authenticateClient(db, id, secret);
    if (!client) {
      throttle.failed(c, `client:${id}`);
      throw invalidClient();
    }
    return client;
  }
  const client = getClient(db, id);
  if (!client || client.revoked || !client.isPublic) throw invalidClient();
  return client;
}
