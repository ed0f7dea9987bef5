import type { Hono } from 'hono';
import { requireAuth } from '../auth/require-auth';
import type { AppEnv, ServerContext } from '../context';
import { ApiError } from '../http/api-error';
import { readParams } from '../http/read-params';
import { randomHexId } from '../util/random-id';
import { resumePendingBuilds, runBuild, type BuildStatus } from '../voice-build/build-runner';
import { countOkRecordings, findOwnAccount, readAccountId, withAndWithoutSlash } from './accounts';

/** OK recordings an account needs before a build may start. */
export const MIN_OK_RECORDINGS = 3;
const STATUSES: readonly BuildStatus[] = ['PENDING', 'COMPLETE', 'ERROR'];

interface BuildListRow {
  id: string;
  account_id: string;
  status: BuildStatus;
  voice_id: string | null;
}

function pendingBuildError(): ApiError {
  return new ApiError(409, 'build_pending', 'account already has a voice build pending.');
}

export function registerBuildRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  for (const path of withAndWithoutSlash('/api/v1/external/build/new/')) {
    app.post(path, requireAuth('voice_build'), async (c) => {
      const { params } = await readParams(c);
      const userId = c.var.principal.userId;
      const account = findOwnAccount(ctx.db, userId, readAccountId(params));
      const ok = countOkRecordings(ctx.db, account.id);
      if (ok < MIN_OK_RECORDINGS) {
        throw new ApiError(
          400,
          'not_enough_recordings',
          `A voice build needs at least ${MIN_OK_RECORDINGS} recordings with status OK; this account has ${ok}.`,
        );
      }
      const id = randomHexId();
      const now = ctx.now();
      try {
        ctx.db
          .prepare(
            `INSERT INTO builds (id, account_id, user_id, status, created_at, updated_at) VALUES (?, ?, ?, 'PENDING', ?, ?)`,
          )
          .run(id, account.id, userId, now, now);
      } catch (error) {
        // The partial unique index builds_one_pending also settles two build requests racing each other.
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw pendingBuildError();
        throw error;
      }
      void runBuild(ctx, id);
      return c.json({ build_id: id, status: 'success' });
    });
  }

  for (const path of withAndWithoutSlash('/api/v1/external/build/status/')) {
    app.get(path, requireAuth('voice_build'), async (c) => {
      const { params } = await readParams(c);
      const userId = c.var.principal.userId;
      const where = ['user_id = ?'];
      const args: string[] = [userId];
      if (params.account_id !== undefined && params.account_id !== '') {
        where.push('account_id = ?');
        args.push(findOwnAccount(ctx.db, userId, readAccountId(params)).id);
      }
      if (params.build_id !== undefined && params.build_id !== '') {
        if (typeof params.build_id !== 'string') throw new ApiError(400, 'invalid_build_id', 'build_id must be text.');
        where.push('id = ?');
        args.push(params.build_id);
      }
      if (params.status !== undefined && params.status !== '') {
        if (typeof params.status !== 'string' || !(STATUSES as readonly string[]).includes(params.status)) {
          throw new ApiError(400, 'invalid_status', `status must be one of ${STATUSES.join(', ')}.`);
        }
        where.push('status = ?');
        args.push(params.status);
      }
      const rows = ctx.db
        .prepare(
          `SELECT id, account_id, status, voice_id FROM builds WHERE ${where.join(' AND ')} ORDER BY created_at, id`,
        )
        .all(...args) as BuildListRow[];
      return c.json(
        rows.map((row) => ({
          account_id: row.account_id,
          build_id: row.id,
          status: row.status,
          ...(row.status === 'COMPLETE' && row.voice_id ? { voice_id: row.voice_id } : {}),
        })),
      );
    });
  }

  // Builds a previous process left PENDING are re-run once the server is up.
  setImmediate(() => {
    if (ctx.db.open) resumePendingBuilds(ctx);
  });
}
