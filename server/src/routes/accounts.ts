import type Database from 'better-sqlite3';
import type { Hono } from 'hono';
import { requireAuth } from '../auth/require-auth';
import type { AppEnv, ServerContext } from '../context';
import { ApiError } from '../http/api-error';
import { readParams } from '../http/read-params';
import { randomHexId } from '../util/random-id';

export const GENDERS = ['male', 'female', 'other'] as const;
export type Gender = (typeof GENDERS)[number];
export const AGE_RANGE = { min: 1, max: 130 } as const;

export interface AccountRow {
  id: string;
  user_id: string;
  gender: Gender;
  age: number;
  created_at: number;
}

/** Both spellings of a documented path: the docs end paths with `/`, api-decisions.md accepts them without. */
export function withAndWithoutSlash(path: string): string[] {
  const bare = path.replace(/\/+$/, '');
  return [bare, `${bare}/`];
}

/** `account_id` as sent (JSON string or number, or query text); 400 when missing or not an id. */
export function readAccountId(params: Record<string, unknown>): string {
  const raw = params.account_id;
  const id = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : raw;
  if (typeof id !== 'string' || id.trim() === '') {
    throw new ApiError(400, 'missing_account_id', 'account_id is required.');
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id.trim())) {
    throw new ApiError(400, 'invalid_account_id', 'account_id must be an account id as returned by account/register.');
  }
  return id.trim();
}

/** The caller's account; someone else's account is reported exactly like a missing one so ids do not leak. */
export function findOwnAccount(db: Database.Database, userId: string, accountId: string): AccountRow {
  const row = db.prepare('SELECT * FROM accounts WHERE id = ? AND user_id = ?').get(accountId, userId) as
    AccountRow | undefined;
  if (!row) throw new ApiError(404, 'account_not_found', `No account ${accountId} belongs to you.`);
  return row;
}

export function countOkRecordings(db: Database.Database, accountId: string): number {
  return db
    .prepare("SELECT COUNT(*) FROM recordings WHERE account_id = ? AND status = 'OK'")
    .pluck()
    .get(accountId) as number;
}

function readGender(value: unknown): Gender {
  if (typeof value === 'string' && (GENDERS as readonly string[]).includes(value)) return value as Gender;
  throw new ApiError(400, 'invalid_gender', `gender must be one of ${GENDERS.join(', ')}.`);
}

function readAge(value: unknown): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  // Digits only: "2.5", "-3", "1e2" and " " are not whole numbers of years as a person would write them.
  const age = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(age) || age < AGE_RANGE.min || age > AGE_RANGE.max) {
    throw new ApiError(400, 'invalid_age', `age must be a whole number from ${AGE_RANGE.min} to ${AGE_RANGE.max}.`);
  }
  return age;
}

export function registerAccountRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  for (const path of withAndWithoutSlash('/api/v1/external/account/register/')) {
    app.post(path, requireAuth('external_account'), async (c) => {
      const { params } = await readParams(c);
      const gender = readGender(params.gender);
      const age = readAge(params.age);
      const id = randomHexId(8);
      ctx.db
        .prepare('INSERT INTO accounts (id, user_id, gender, age, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, c.var.principal.userId, gender, age, ctx.now());
      return c.json({ account_id: id });
    });
  }

  for (const path of withAndWithoutSlash('/api/v1/external/account/info/')) {
    app.get(path, requireAuth('external_account'), async (c) => {
      const { params } = await readParams(c);
      const account = findOwnAccount(ctx.db, c.var.principal.userId, readAccountId(params));
      return c.json({ sentences_recorded: countOkRecordings(ctx.db, account.id) });
    });
  }
}
