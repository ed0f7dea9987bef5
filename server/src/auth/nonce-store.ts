import type Database from 'better-sqlite3';

/**
 * Records a nonce for an api_key; false if it was already used (a replay). Entries are kept until `expiresAt`
 * (the end of the timestamp window), after which the timestamp check alone rejects a replay.
 */
export function consumeNonce(
  db: Database.Database,
  apiKey: string,
  nonce: string,
  expiresAt: number,
  now: number,
): boolean {
  // Occasional sweep keeps the table at roughly one window's worth of rows.
  if (Math.random() < 0.01) db.prepare('DELETE FROM hmac_nonces WHERE expires_at < ?').run(now);
  const info = db
    .prepare('INSERT OR IGNORE INTO hmac_nonces (api_key, nonce, expires_at) VALUES (?, ?, ?)')
    .run(apiKey, nonce, expiresAt);
  return info.changes === 1;
}
