import type Database from 'better-sqlite3';
import { hashPassword, verifyPassword } from './secret-hash';

export interface OAuthClient {
  clientId: string;
  userId: string | null;
  name: string;
  isPublic: boolean;
  /** Exact URIs or patterns with one `*` label, e.g. `https://*.chromiumapp.org/`. */
  redirectUris: string[];
  scopes: string[];
  revoked: boolean;
}

interface ClientRecord {
  client_id: string;
  secret_hash: string | null;
  user_id: string | null;
  name: string;
  is_public: number;
  redirect_uris: string;
  scopes: string;
  revoked: number;
}

const toClient = (r: ClientRecord): OAuthClient => ({
  clientId: r.client_id,
  userId: r.user_id,
  name: r.name,
  isPublic: r.is_public === 1,
  redirectUris: JSON.parse(r.redirect_uris) as string[],
  scopes: r.scopes.split(' ').filter(Boolean),
  revoked: r.revoked === 1,
});

/** Redirect patterns for browser extensions' identity API (Chromium and Firefox). */
export const EXTENSION_REDIRECT_PATTERNS = ['https://*.chromiumapp.org/', 'https://*.extensions.allizom.org/'];

export function createClient(
  db: Database.Database,
  opts: {
    clientId: string;
    secret: string | null;
    userId: string | null;
    name: string;
    isPublic: boolean;
    redirectUris?: string[];
    scopes: readonly string[];
  },
): OAuthClient {
  db.prepare(
    `INSERT INTO oauth_clients (client_id, secret_hash, user_id, name, is_public, redirect_uris, scopes, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    opts.clientId,
    opts.secret ? hashPassword(opts.secret) : null,
    opts.userId,
    opts.name,
    opts.isPublic ? 1 : 0,
    JSON.stringify(opts.redirectUris ?? []),
    opts.scopes.join(' '),
    Date.now(),
  );
  return getClient(db, opts.clientId)!;
}

export function getClient(db: Database.Database, clientId: string): OAuthClient | undefined {
  const r = db.prepare('SELECT * FROM oauth_clients WHERE client_id = ?').get(clientId) as ClientRecord | undefined;
  return r && toClient(r);
}

/** The confidential client if id and secret match, else undefined (same answer for unknown id and wrong secret). */
export async function authenticateClient(
  db: Database.Database,
  clientId: string,
  secret: string,
): Promise<OAuthClient | undefined> {
  const r = db.prepare('SELECT * FROM oauth_clients WHERE client_id = ?').get(clientId) as ClientRecord | undefined;
  if (!r || r.revoked || r.is_public || !(await verifyPassword(secret, r.secret_hash))) return undefined;
  return toClient(r);
}

/**
 * Whether `uri` is registered for the client. A pattern's `*` stands for exactly one DNS label (an extension id),
 * the rest must match exactly, so `https://evil.com/?x=.chromiumapp.org/` never matches. Patterns count only when
 * `allowPatterns` (dev mode): otherwise any extension could obtain codes in the public client's name.
 */
export function isRegisteredRedirect(client: OAuthClient, uri: string, allowPatterns: boolean): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return client.redirectUris.some((pattern) => {
    if (!pattern.includes('*')) return pattern === uri;
    if (!allowPatterns) return false;
    let p: URL;
    try {
      p = new URL(pattern.replace('*', 'wildcard-label'));
    } catch {
      return false;
    }
    const suffix = p.hostname.slice('wildcard-label'.length);
    const label = url.hostname.slice(0, url.hostname.length - suffix.length);
    return (
      url.protocol === p.protocol &&
      url.port === p.port &&
      url.hostname.endsWith(suffix) &&
      /^[a-z0-9-]+$/.test(label) &&
      url.username === '' &&
      url.password === '' &&
      url.pathname === p.pathname &&
      url.search === '' &&
      url.hash === ''
    );
  });
}
