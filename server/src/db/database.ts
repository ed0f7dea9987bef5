import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrateAccountsSchema } from './accounts-schema';
import { migrateCoreSchema } from './core-schema';

export const DATABASE_FILE = 'vocalid.sqlite';

/** Opens (creating if needed) `<dataDir>/vocalid.sqlite` and brings every schema up to date. */
export function openDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // Several requests may write at once (nonces, counters); wait for the lock rather than failing.
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrateCoreSchema(db);
  migrateAccountsSchema(db);
  return db;
}
