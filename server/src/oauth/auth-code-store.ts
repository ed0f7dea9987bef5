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
  ).run(
    hashToken(value),
    code.clientId,
    code.userId,
    code.redirectUri,
    code.codeChallenge,
    code.scopes.join(' '),
    now + AUTH_CODE_TTL_MS,
  );
  return value;
}

export type ConsumedCode =
  | { ok: true; code: AuthCode; familyId: string }
  /** `familyId`: the tokens a previous exchange of this code issued (RFC 6749 §4.1.2: revoke them on a replay). */
  | { ok: false; familyId: string | null };

/**
 * Marks the code used and returns it with the family id its tokens get; a failure if unknown, used before, or
 * expired. Single use even under races.
 */
export function consumeAuthCode(db: Database.Database, value: string, now: number): ConsumedCode {
  const hash = hashToken(value);
  const row = db.prepare('SELECT * FROM oauth_codes WHERE code_hash = ?').get(hash) as
    | {
        client_id: string;
        user_id: string;
        redirect_uri: string;
        code_challenge: string | null;
        scopes: string;
        expires_at: number;
        family_id: string | null;
      }
    | undefined;
  if (!row) return { ok: false, familyId: null };
  const familyId = randomSecret(16);
  const marked = db
    .prepare('UPDATE oauth_codes SET used = 1, family_id = ? WHERE code_hash = ? AND used = 0')
    .run(familyId, hash);
  if (marked.changes !== 1) return { ok: false, familyId: row.family_id };
  if (row.expires_at <= now) return { ok: false, familyId: null };
  const code: AuthCode = {
    clientId: row.client_id,
    userId: row.user_id,
    redirectUri: row.redirect_uri,
    codeChallenge: row.code_challenge,
    scopes: row.scopes.split(' ').filter(Boolean),
    expiresAt: row.expires_at,
  };
  return { ok: true, code, familyId };
}
