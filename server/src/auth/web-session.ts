import type Database from 'better-sqlite3';
import { randomSecret } from '../util/random-id';
import { hashToken } from './secret-hash';

/** Sign-in on the authorize page lasts a week, so later consents need no password. */
export const WEB_SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
export const SESSION_COOKIE = 'vocalid_session';

export function createWebSession(db: Database.Database, userId: string, now: number): string {
  const value = randomSecret();
  db.prepare('INSERT INTO web_sessions (session_hash, user_id, expires_at) VALUES (?, ?, ?)').run(
    hashToken(value),
    userId,
    now + WEB_SESSION_TTL_MS,
  );
  return value;
}

export function userIdForSession(db: Database.Database, value: string | undefined, now: number): string | undefined {
  if (!value) return undefined;
  const row = db
    .prepare('SELECT user_id, expires_at FROM web_sessions WHERE session_hash = ?')
    .get(hashToken(value)) as { user_id: string; expires_at: number } | undefined;
  return row && row.expires_at > now ? row.user_id : undefined;
}
