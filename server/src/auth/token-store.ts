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
}

interface TokenRecord {
  kind: TokenKind;
  client_id: string;
  user_id: string;
  scopes: string;
  expires_at: number | null;
  revoked: number;
  created_at: number;
}

/** Refresh tokens outlive access tokens; rotation on every use limits the damage of a leaked one. */
export const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

/** Stores only the hash; the returned clear token is shown once to the client. */
export function issueToken(
  db: Database.Database,
  opts: { kind: TokenKind; clientId: string; userId: string; scopes: readonly string[]; ttlSeconds: number; now: number },
): { token: string; expiresAt: number } {
  const token = randomSecret();
  const expiresAt = opts.now + opts.ttlSeconds * 1000;
  db.prepare(
    `INSERT INTO oauth_tokens (token_hash, kind, client_id, user_id, scopes, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(hashToken(token), opts.kind, opts.clientId, opts.userId, opts.scopes.join(' '), expiresAt, opts.now);
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
  };
}

export function isTokenActive(row: TokenRow | undefined, now: number): row is TokenRow {
  return !!row && !row.revoked && (row.expiresAt === null || row.expiresAt > now);
}

/** Revokes the token if it belongs to `clientId`; RFC 7009 wants the same answer either way, so nothing is returned. */
export function revokeToken(db: Database.Database, token: string, clientId: string): void {
  db.prepare('UPDATE oauth_tokens SET revoked = 1 WHERE token_hash = ? AND client_id = ?').run(hashToken(token), clientId);
}
