import type Database from 'better-sqlite3';

/**
 * Applies the not yet applied steps of one schema (`namespace`), each in its own transaction, recording them in
 * `schema_migrations`. Steps are append-only: never edit a released step, add a new one.
 */
export function applyMigrations(db: Database.Database, namespace: string, steps: readonly string[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    namespace TEXT NOT NULL,
    version INTEGER NOT NULL,
    applied_at INTEGER NOT NULL,
    PRIMARY KEY (namespace, version)
  )`);
  const applied = db
    .prepare('SELECT version FROM schema_migrations WHERE namespace = ?')
    .pluck()
    .all(namespace) as number[];
  const done = new Set(applied);
  const record = db.prepare('INSERT INTO schema_migrations (namespace, version, applied_at) VALUES (?, ?, ?)');
  steps.forEach((sql, index) => {
    const version = index + 1;
    if (done.has(version)) return;
    db.transaction(() => {
      db.exec(sql);
      record.run(namespace, version, Date.now());
    })();
  });
}
