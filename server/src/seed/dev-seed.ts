import type Database from 'better-sqlite3';
import { createClient, EXTENSION_REDIRECT_PATTERNS, getClient } from '../auth/client-store';
import { createHmacKey, getHmacKey } from '../auth/hmac-key-store';
import { createUser, getUser } from '../auth/user-store';
import { ALL_SCOPES } from '../context';

/** Well-known development credentials; they exist only in dev mode (never with --no-dev). */
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

export function seedDevCredentials(db: Database.Database): void {
  const d = DEV_CREDENTIALS;
  db.transaction(() => {
    if (!getUser(db, d.userId)) createUser(db, { id: d.userId, nickname: d.nickname, username: d.username, password: d.password });
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
    if (!getHmacKey(db, d.apiKey)) createHmacKey(db, { apiKey: d.apiKey, secret: d.apiSecret, userId: d.userId, scopes: ALL_SCOPES });
    if (!getClient(db, d.publicClientId)) {
      createClient(db, {
        clientId: d.publicClientId,
        secret: null,
        userId: null,
        name: 'VocaliD Read Aloud',
        isPublic: true,
        redirectUris: EXTENSION_REDIRECT_PATTERNS,
        scopes: ['user:info', 'voice:list', 'voice:synthesis'],
      });
    }
  })();
}

export function describeDevCredentials(baseUrl: string): string {
  const d = DEV_CREDENTIALS;
  return [
    'Dev mode credentials (never present with --no-dev):',
    `  user           ${d.nickname} (id ${d.userId}), sign in as ${d.username} / ${d.password}`,
    `  OAuth2 client  ${d.clientId} / ${d.clientSecret} (client_credentials, all scopes)`,
    `  HMAC key       api_key=${d.apiKey} secret=${d.apiSecret}`,
    `  public client  ${d.publicClientId} (authorization_code + PKCE S256, redirect ${EXTENSION_REDIRECT_PATTERNS.join(' ')})`,
    `  token example  curl -u ${d.clientId}:${d.clientSecret} ${baseUrl}/api/v1/oauth/token -d grant_type=client_credentials`,
  ].join('\n');
}
