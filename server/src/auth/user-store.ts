import type Database from 'better-sqlite3';
import { randomHexId } from '../util/random-id';
import { hashPassword, verifyPassword } from './secret-hash';

export interface UserRow {
  id: string;
  nickname: string | null;
  username: string | null;
  createdAt: number;
}

interface UserRecord {
  id: string;
  nickname: string | null;
  username: string | null;
  password_hash: string | null;
  created_at: number;
}

const toUser = (r: UserRecord): UserRow => ({
  id: r.id,
  nickname: r.nickname,
  username: r.username,
  createdAt: r.created_at,
});

export function createUser(
  db: Database.Database,
  opts: { nickname: string | null; username?: string | null; password?: string | null; id?: string },
): UserRow {
  const id = opts.id ?? randomHexId();
  db.prepare('INSERT INTO users (id, nickname, username, password_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
    id,
    opts.nickname,
    opts.username ?? null,
    opts.password ? hashPassword(opts.password) : null,
    Date.now(),
  );
  return getUser(db, id)!;
}

export function getUser(db: Database.Database, id: string): UserRow | undefined {
  const r = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRecord | undefined;
  return r && toUser(r);
}

/** The user for a sign-in, or undefined if the username is unknown or the password wrong. */
export async function authenticateUser(
  db: Database.Database,
  username: string,
  password: string,
): Promise<UserRow | undefined> {
  const r = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRecord | undefined;
  if (!r || !(await verifyPassword(password, r.password_hash))) return undefined;
  return toUser(r);
}
