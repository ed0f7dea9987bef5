import type Database from 'better-sqlite3';
import { applyMigrations } from './migrations';

/** Accounts, their recordings, voice builds and issued licenses: the account side's tables. */
const ACCOUNTS_STEPS = [
  `CREATE TABLE accounts (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     gender TEXT NOT NULL CHECK (gender IN ('male', 'female', 'other')),
     age INTEGER NOT NULL CHECK (age BETWEEN 1 AND 130),
     created_at INTEGER NOT NULL
   );
   CREATE INDEX accounts_user ON accounts(user_id);
   CREATE TABLE recordings (
     id TEXT PRIMARY KEY,
     account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
     sentence TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('OK', 'OVERDRIVEN', 'UNDERDRIVEN')),
     file_path TEXT NOT NULL,
     sample_rate INTEGER NOT NULL,
     channels INTEGER NOT NULL,
     duration_ms INTEGER NOT NULL,
     speech_rms_dbfs REAL,
     peak_dbfs REAL,
     clipped_fraction REAL NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX recordings_account ON recordings(account_id, status);
   CREATE TABLE builds (
     id TEXT PRIMARY KEY,
     account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     status TEXT NOT NULL CHECK (status IN ('PENDING', 'COMPLETE', 'ERROR')),
     voice_id TEXT,
     error TEXT,
     median_f0_hz REAL,
     words_per_second REAL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX builds_user ON builds(user_id, created_at);
   -- The database itself guarantees one pending build per account, even for concurrent requests.
   CREATE UNIQUE INDEX builds_one_pending ON builds(account_id) WHERE status = 'PENDING';
   CREATE TABLE licenses (
     id TEXT PRIMARY KEY,
     voice_id TEXT NOT NULL,
     device_id TEXT NOT NULL,
     user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     issued_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX licenses_voice_device ON licenses(voice_id, device_id);`,
];

/** Idempotent: applies only the steps this database has not seen yet. */
export function migrateAccountsSchema(db: Database.Database): void {
  applyMigrations(db, 'accounts', ACCOUNTS_STEPS);
}
