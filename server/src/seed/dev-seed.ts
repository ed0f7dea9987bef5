import type Database from 'better-sqlite3';
import { createClient, EXTENSION_REDIRECT_PATTERNS, getClient } from '../auth/client-store';
import { createHmacKey, getHmacKey } from '../auth/hmac-key-store';
import { createUser, getUser } from '../auth/user-store';
import { ALL_SCOPES } from '../context';

/** Well-known development credentials; they exist only in dev mode (removed at every start without --dev). */
export const DEV_CREDENTIALS = {
  userId: 'demo-user',
  nickname: 'Demo Reader',
  username: 'demo',
  password: 'demo-password',
  clientId: 'demo-client',
  clientSecret: 'demo-secret',
  apiKey: 'demo-key',
  apiSecret: 'demo-secret',
  publicClientId: 'read-aloud-extension',
} as const;

/**
 * What the extension may ask a signed-in user for: reading (nickname, voices, synthesis) and, only when the voice
 * studio asks for it, banking a voice (`external_account` to register and record, `voice_build` to build).
 */
const PUBLIC_CLIENT_SCOPES = ['user:info', 'voice:list', 'voice:synthesis', 'external_account', 'voice_build'];

/** The public client (the extension's PKCE sign-in): in dev mode any extension id, otherwise the configured URIs. */
export function configurePublicClient(db: Database.Database, dev: boolean, exactRedirects: readonly string[]): void {
  const redirectUris = dev ? [...EXTENSION_REDIRECT_PATTERNS, ...exactRedirects] : [...exactRedirects];
  if (!getClient(db, DEV_CREDENTIALS.publicClientId)) {
    createClient(db, {
      clientId: DEV_CREDENTIALS.publicClientId,
      secret: null,
      userId: null,
      name: 'VocaliD Read Aloud',
      isPublic: true,
      redirectUris,
      scopes: [...PUBLIC_CLIENT_SCOPES],
    });
  } else {
    // Data dirs made before the voice studio: the client gains its scopes as it gains redirect URIs.
    db.prepare('UPDATE oauth_clients SET redirect_uris = ?, scopes = ? WHERE client_id = ?').run(
      JSON.stringify(redirectUris),
      PUBLIC_CLIENT_SCOPES.join(' '),
      DEV_CREDENTIALS.publicClientId,
    );
  }
}

/**
 * Deletes the demo user and with it, by cascade, everything it owns: demo-client, demo-key, their tokens, sessions,
 * accounts and voices. Credentials a self-hoster made (other owners) are never touched. Returns what was removed,
 * for the start banner.
 */
export function removeDevCredentials(db: Database.Database): string[] {
  const d = DEV_CREDENTIALS;
  const removed: string[] = [];
  db.transaction(() => {
    const ownClient = db
      .prepare('DELETE FROM oauth_clients WHERE client_id = ? AND user_id = ?')
      .run(d.clientId, d.userId);
    if (ownClient.changes) removed.push(`client ${d.clientId}`);
    if (db.prepare('DELETE FROM hmac_keys WHERE api_key = ? AND user_id = ?').run(d.apiKey, d.userId).changes)
      removed.push(`HMAC key ${d.apiKey}`);
    // By id only: a real user a self-hoster happened to call "demo" is not the seeded one.
    if (db.prepare('DELETE FROM users WHERE id = ?').run(d.userId).changes)
      removed.push(`user ${d.username} (${d.userId})`);
  })();
  return removed;
}

export function seedDevCredentials(db: Database.Database): void {
  const d = DEV_CREDENTIALS;
  db.transaction(() => {
    if (!getUser(db, d.userId))
      createUser(db, { id: d.userId, nickname: d.nickname, username: d.username, password: d.password });
    if (!getClient(db, d.clientId)) {
      createClient(db, {
        clientId: d.clientId,
        secret: d.clientSecret,
        userId: d.userId,
        name: 'Demo client',
        isPublic: false,
        scopes: ALL_SCOPES,
      });
    }
    if (!getHmacKey(db, d.apiKey))
      createHmacKey(db, { apiKey: d.apiKey, secret: d.apiSecret, userId: d.userId, scopes: ALL_SCOPES });
  })();
}

export function describeDevCredentials(baseUrl: string): string {
  const d = DEV_CREDENTIALS;
  return [
    'Dev mode (--dev) credentials, removed at every start without --dev:',
    `  user           ${d.nickname} (id ${d.userId}), sign in as ${d.username} / ${d.password}`,
    `  OAuth2 client  ${d.clientId} / ${d.clientSecret} (client_credentials, all scopes)`,
    `  HMAC key       api_key=${d.apiKey} secret=${d.apiSecret}`,
    `  public client  ${d.publicClientId} (authorization_code + PKCE S256, redirect ${EXTENSION_REDIRECT_PATTERNS.join(' ')})`,
    `  token example  curl -u ${d.clientId}:${d.clientSecret} ${baseUrl}/api/v1/oauth/token -d grant_type=client_credentials`,
  ].join('\n');
}
