import type Database from 'better-sqlite3';

export interface HmacKey {
  apiKey: string;
  /**
   * Kept in clear text: verifying an HMAC needs the shared secret itself (a hash of it would not do). Protect the
   * data dir like a key store.
   */
  secret: string;
  userId: string;
  scopes: string[];
  revoked: boolean;
}

interface HmacKeyRecord {
  api_key: string;
  secret: string;
  user_id: string;
  scopes: string;
  revoked: number;
}

export function createHmacKey(
  db: Database.Database,
  opts: { apiKey: string; secret: string; userId: string; scopes: readonly string[] },
): HmacKey {
  db.prepare('INSERT INTO hmac_keys (api_key, secret, user_id, scopes, created_at) VALUES (?, ?, ?, ?, ?)').run(
    opts.apiKey,
    opts.secret,
    opts.userId,
    opts.scopes.join(' '),
    Date.now(),
  );
  return getHmacKey(db, opts.apiKey)!;
}

export function getHmacKey(db: Database.Database, apiKey: string): HmacKey | undefined {
  const r = db.prepare('SELECT * FROM hmac_keys WHERE api_key = ?').get(apiKey) as HmacKeyRecord | undefined;
  return (
    r && {
      apiKey: r.api_key,
      secret: r.secret,
      userId: r.user_id,
      scopes: r.scopes.split(' ').filter(Boolean),
      revoked: r.revoked === 1,
    }
  );
}

export function revokeHmacKey(db: Database.Database, apiKey: string): void {
  db.prepare('UPDATE hmac_keys SET revoked = 1 WHERE api_key = ?').run(apiKey);
}
