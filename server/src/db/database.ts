import Database from 'better-sqlite3';
import path from 'node:path';
import { ensurePrivateDir, ensurePrivateFile, tightenTree } from '../util/private-files';
import { migrateAccountsSchema } from './accounts-schema';
import { migrateCoreSchema } from './core-schema';

export const DATABASE_FILE = 'vocalid.sqlite';

/** Opens (creating if needed) `<dataDir>/vocalid.sqlite` and brings every schema up to date. */
export function openDatabase(dataDir: string): Database.Database {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  // SQLite gives the -wal and -shm files the database file's mode, so the database file is created 0600 first.
  ensurePrivateFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  tightenTree(dataDir);
  db.pragma('foreign_keys = ON');
  // Several requests may write at once (nonces, counters); wait for the lock rather than failing.
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrateCoreSchema(db);
  migrateAccountsSchema(db);
  return db;
}
