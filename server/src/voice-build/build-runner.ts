import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ServerContext } from '../context';
import { createVoice } from '../voices/voice-store';
import { voiceParamsFor } from './voice-from-recordings';

export type BuildStatus = 'PENDING' | 'COMPLETE' | 'ERROR';

interface BuildRecord {
  id: string;
  account_id: string;
  user_id: string;
  status: BuildStatus;
}

const running = new WeakMap<ServerContext, Set<string>>();

function markError(ctx: ServerContext, buildId: string, message: string): void {
  ctx.db
    .prepare("UPDATE builds SET status = 'ERROR', error = ?, updated_at = ? WHERE id = ? AND status = 'PENDING'")
    .run(message, ctx.now(), buildId);
  ctx.log(`voice build ${buildId} failed: ${message}`);
}

/**
 * Builds the voice of one PENDING build: analyses the account's OK recordings, maps them to eSpeak parameters
 * and creates the account's voice. Never throws; failures end as ERROR with the reason stored.
 */
export async function runBuild(ctx: ServerContext, buildId: string): Promise<void> {
  let active = running.get(ctx);
  if (!active) running.set(ctx, (active = new Set()));
  if (active.has(buildId)) return;
  active.add(buildId);
  try {
    await buildVoice(ctx, buildId);
  } catch (error) {
    // A server closed mid-build leaves the build PENDING; it is resumed on the next start.
    if (ctx.db.open) markError(ctx, buildId, error instanceof Error ? error.message : String(error));
  } finally {
    active.delete(buildId);
  }
}

async function buildVoice(ctx: ServerContext, buildId: string): Promise<void> {
  // Let the request that queued the build answer first.
  await yieldToEventLoop();
  if (!ctx.db.open) return;
  const build = ctx.db.prepare('SELECT * FROM builds WHERE id = ?').get(buildId) as BuildRecord | undefined;
  if (!build || build.status !== 'PENDING') return;
  // Bounded twice: an account holds at most maxRecordingsPerAccount takes of at most maxRecordingSeconds each.
  const recordings = ctx.db
    .prepare(
      "SELECT sentence, file_path FROM recordings WHERE account_id = ? AND status = 'OK' ORDER BY created_at LIMIT ?",
    )
    .all(build.account_id, ctx.config.maxRecordingsPerAccount) as { sentence: string; file_path: string }[];
  // Decoding and pitch tracking run in the audio worker; the event loop stays free for other requests.
  const analysis = await ctx.audio.analyseRecordingFiles(
    recordings.map((r) => ({ path: path.join(ctx.dataDir, r.file_path), transcript: r.sentence })),
  );
  if (!ctx.db.open) return;
  const params = voiceParamsFor(analysis);
  if (!params) {
    markError(ctx, buildId, 'The recordings hold too little voiced speech to estimate a pitch.');
    return;
  }
  const nickname = ctx.db.prepare('SELECT nickname FROM users WHERE id = ?').pluck().get(build.user_id) as
    string | null | undefined;
  ctx.db.transaction(() => {
    const voice = createVoice(ctx.db, {
      name: `${nickname || `Account ${build.account_id}`}'s voice`,
      modelName: 'Low Res',
      accountId: build.account_id,
      ownerUserId: build.user_id,
      espeakVoice: params.espeakVoice,
      basePitch: params.basePitch,
      baseSpeed: params.baseSpeed,
      canStream: true,
      canDownload: true,
      expiration: null,
    });
    ctx.db
      .prepare(
        `UPDATE builds SET status = 'COMPLETE', voice_id = ?, median_f0_hz = ?, words_per_second = ?, updated_at = ?
         WHERE id = ? AND status = 'PENDING'`,
      )
      .run(voice.id, analysis.medianF0Hz, analysis.wordsPerSecond, ctx.now(), buildId);
  })();
  ctx.log(`voice build ${buildId} complete`);
}

/**
 * Re-runs the builds a previous server process left PENDING (it stopped mid-build). The inputs are the stored
 * recordings and the analysis is deterministic, so re-running gives the result the first run would have.
 */
export function resumePendingBuilds(ctx: ServerContext): void {
  const pending = ctx.db
    .prepare("SELECT id FROM builds WHERE status = 'PENDING' ORDER BY created_at")
    .pluck()
    .all() as string[];
  void (async () => {
    for (const id of pending) await runBuild(ctx, id);
  })();
}
