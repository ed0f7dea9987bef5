import type Database from 'better-sqlite3';
import { hashToken } from '../auth/secret-hash';
import { randomSecret } from '../util/random-id';

/** RFC 6749 §4.1.2 recommends at most 10 minutes. */
export const AUTH_CODE_TTL_MS = 10 * 60 * 1000;

export interface AuthCode {
  clientId: string;
  userId: string;
  redirectUri: string;
  codeChallenge: string | null;
  scopes: string[];
  expiresAt: number;
}

export function createAuthCode(db: Database.Database, code: Omit<AuthCode, 'expiresAt'>, now: number): string {
  const value = randomSecret();
  db.prepare(
    `INSERT INTO oauth_codes (code_hash, client_id, user_id, redirect_uri, code_challenge, scopes, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(hashToken(value), code.clientId, code.userId, code.redirectUri, code.codeChallenge, code.scopes.join(' '), now + AUTH_CODE_TTL_MS);
  return value;
}

/** Marks the code used and returns it; undefined if unknown, used before, or expired. Single use even under races. */
export function consumeAuthCode(db: Database.Database, value: string, now: number): AuthCode | undefined {
  const hash = hashToken(value);
  const row = db.prepare('SELECT * FROM oauth_codes WHERE code_hash = ?').get(hash) as
    | { client_id: string; user_id: string; redirect_uri: string; code_challenge: string | null; scopes: string; expires_at: number }
    | undefined;
  if (!row) return undefined;
  const marked = db.prepare('UPDATE oauth_codes SET used = 1 WHERE code_hash = ? AND used = 0').run(hash);
  if (marked.changes !== 1 || row.expires_at <= now) return undefined;
  return {
    clientId: row.client_id,
    userId: row.user_id,
    redirectUri: row.redirect_uri,
    codeChallenge: row.code_challenge,
    scopes: row.scopes.split(' ').filter(Boolean),
    expiresAt: row.expires_at,
  };
}
