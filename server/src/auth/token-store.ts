import type Database from 'better-sqlite3';
import { randomSecret } from '../util/random-id';
import { hashToken } from './secret-hash';

export type TokenKind = 'access' | 'refresh';

export interface TokenRow {
  kind: TokenKind;
  clientId: string;
  userId: string;
  scopes: string[];
  /** ms since epoch, null = never */
  expiresAt: number | null;
  revoked: boolean;
  createdAt: number;
  /** The grant's family (authorization_code and its refreshes); null for client_credentials. */
  familyId: string | null;
  /** When a refresh token was exchanged for a new one (rotation); null if never used. */
  rotatedAt: number | null;
}

interface TokenRecord {
  kind: TokenKind;
  client_id: string;
  user_id: string;
  scopes: string;
  expires_at: number | null;
  revoked: number;
  created_at: number;
  family_id: string | null;
  rotated_at: number | null;
}

/** Refresh tokens outlive access tokens; rotation on every use limits the damage of a leaked one. */
export const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

/** Stores only the hash; the returned clear token is shown once to the client. */
export function issueToken(
  db: Database.Database,
  opts: {
    kind: TokenKind;
    clientId: string;
    userId: string;
    scopes: readonly string[];
    ttlSeconds: number;
    now: number;
    familyId?: string | null;
  },
): { token: string; expiresAt: number } {
  const token = randomSecret();
  const expiresAt = opts.now + opts.ttlSeconds * 1000;
  db.prepare(
    `INSERT INTO oauth_tokens (token_hash, kind, client_id, user_id, scopes, expires_at, created_at, family_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    hashToken(token),
    opts.kind,
    opts.clientId,
    opts.userId,
    opts.scopes.join(' '),
    expiresAt,
    opts.now,
    opts.familyId ?? null,
  );
  return { token, expiresAt };
}

export function findToken(db: Database.Database, token: string): TokenRow | undefined {
  const r = db
    .prepare(
      `SELECT t.*, c.revoked AS client_revoked FROM oauth_tokens t
       JOIN oauth_clients c ON c.client_id = t.client_id WHERE t.token_hash = ?`,
    )
    .get(hashToken(token)) as (TokenRecord & { client_revoked: number }) | undefined;
  if (!r) return undefined;
  return {
    kind: r.kind,
    clientId: r.client_id,
    userId: r.user_id,
    scopes: r.scopes.split(' ').filter(Boolean),
    expiresAt: r.expires_at,
    revoked: r.revoked === 1 || r.client_revoked === 1,
    createdAt: r.created_at,
    familyId: r.family_id,
    rotatedAt: r.rotated_at,
  };
}

export function isTokenActive(row: TokenRow | undefined, now: number): row is TokenRow {
  return !!row && !row.revoked && (row.expiresAt === null || row.expiresAt > now);
}

/**
 * Revokes the token if it belongs to `clientId`; RFC 7009 wants the same answer either way, so nothing is returned.
 * A refresh token takes its whole grant with it, access tokens included (RFC 7009 §2.1).
 */
export function revokeToken(db: Database.Database, token: string, clientId: string): void {
  const row = findToken(db, token);
  if (!row || row.clientId !== clientId) return;
  if (row.kind === 'refresh' && row.familyId) revokeFamily(db, row.familyId);
  else db.prepare('UPDATE oauth_tokens SET revoked = 1 WHERE token_hash = ?').run(hashToken(token));
}

/** Marks a refresh token used by rotation: it stops working, and a later use of it counts as reuse. */
export function markRotated(db: Database.Database, token: string, now: number): void {
  db.prepare('UPDATE oauth_tokens SET revoked = 1, rotated_at = ? WHERE token_hash = ?').run(now, hashToken(token));
}

export function revokeFamily(db: Database.Database, familyId: string): void {
  db.prepare('UPDATE oauth_tokens SET revoked = 1 WHERE family_id = ?').run(familyId);
}
