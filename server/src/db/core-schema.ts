import type Database from 'better-sqlite3';
import { applyMigrations } from './migrations';

/** Users, OAuth clients, HMAC keys, tokens, nonces, sessions and voices: the server core's tables. */
const CORE_STEPS = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     nickname TEXT,
     username TEXT UNIQUE,
     password_hash TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE oauth_clients (
     client_id TEXT PRIMARY KEY,
     secret_hash TEXT,
     user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     is_public INTEGER NOT NULL DEFAULT 0,
     redirect_uris TEXT NOT NULL DEFAULT '[]',
     scopes TEXT NOT NULL,
     revoked INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE hmac_keys (
     api_key TEXT PRIMARY KEY,
     secret TEXT NOT NULL,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     scopes TEXT NOT NULL,
     revoked INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE oauth_tokens (
     token_hash TEXT PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
     client_id TEXT NOT NULL REFERENCES oauth_clients(client_id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     scopes TEXT NOT NULL,
     expires_at INTEGER,
     revoked INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE oauth_codes (
     code_hash TEXT PRIMARY KEY,
     client_id TEXT NOT NULL REFERENCES oauth_clients(client_id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     redirect_uri TEXT NOT NULL,
     code_challenge TEXT,
     scopes TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     used INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE hmac_nonces (
     api_key TEXT NOT NULL,
     nonce TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     PRIMARY KEY (api_key, nonce)
   );
   CREATE INDEX hmac_nonces_expiry ON hmac_nonces(expires_at);
   CREATE TABLE voices (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     model_name TEXT NOT NULL CHECK (model_name IN ('Hi Res', 'Low Res')),
     account_id TEXT,
     owner_user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
     espeak_voice TEXT NOT NULL,
     base_pitch INTEGER NOT NULL,
     base_speed INTEGER NOT NULL,
     can_stream INTEGER NOT NULL,
     can_download INTEGER NOT NULL,
     expiration TEXT,
     download_token TEXT NOT NULL UNIQUE,
     filename TEXT NOT NULL,
     synthesis_count INTEGER NOT NULL DEFAULT 0,
     is_stock INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX voices_owner ON voices(owner_user_id);`,
  `CREATE TABLE web_sessions (
     session_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     expires_at INTEGER NOT NULL
   );`,
  // Token families (RFC 9700 §4.14.2): every token a user's grant yields shares the family of its authorization
  // code, so reuse of a rotated refresh token or a replayed code can revoke the whole family.
  `ALTER TABLE oauth_tokens ADD COLUMN family_id TEXT;
   ALTER TABLE oauth_tokens ADD COLUMN rotated_at INTEGER;
   CREATE INDEX oauth_tokens_family ON oauth_tokens(family_id) WHERE family_id IS NOT NULL;
   ALTER TABLE oauth_codes ADD COLUMN family_id TEXT;`,
];

export function migrateCoreSchema(db: Database.Database): void {
  applyMigrations(db, 'core', CORE_STEPS);
}
