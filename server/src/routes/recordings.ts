import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Hono } from 'hono';
import { readWavHeader, WavFormatError } from '../audio/wav-header';
import { requireAuth } from '../auth/require-auth';
import type { AppEnv, ServerContext } from '../context';
import { ApiError } from '../http/api-error';
import { readParams } from '../http/read-params';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../util/private-files';
import { randomHexId } from '../util/random-id';
import { findOwnAccount, readAccountId, withAndWithoutSlash } from './accounts';

/** Largest accepted recording (a minute of 48 kHz 16-bit stereo is about 11 MB; sentences are seconds long). */
export const MAX_RECORDING_BYTES = 10 * 1024 * 1024;
export const MAX_SENTENCE_CHARS = 1000;
/** Recordings live under `<dataDir>/recordings/<account_id>/<recording_id>.wav`. */
export const RECORDINGS_DIR = 'recordings';

function readSentence(value: unknown): string {
  const sentence = typeof value === 'string' ? value.trim() : '';
  if (sentence === '')
    throw new ApiError(400, 'missing_sentence', 'sentence (the transcript of the recording) is required.');
  if ([...sentence].length > MAX_SENTENCE_CHARS) {
    throw new ApiError(400, 'sentence_too_long', `sentence must be at most ${MAX_SENTENCE_CHARS} characters.`);
  }
  return sentence;
}

export function registerRecordingRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  for (const route of withAndWithoutSlash('/api/v1/external/recording/save/')) {
    app.post(route, requireAuth('external_account'), async (c) => {
      const { params, files } = await readParams(c);
      const account = findOwnAccount(ctx.db, c.var.principal.userId, readAccountId(params));
      const sentence = readSentence(params.sentence);
      const file = files.file;
      if (!file) throw new ApiError(400, 'missing_file', 'Send the recording as the multipart field "file" (WAV).');
      if (file.size > MAX_RECORDING_BYTES) {
        throw new ApiError(413, 'recording_too_large', `A recording may be at most ${MAX_RECORDING_BYTES} bytes.`);
      }
      const held = ctx.db
        .prepare('SELECT COUNT(*) FROM recordings WHERE account_id = ?')
        .pluck()
        .get(account.id) as number;
      if (held >= ctx.config.maxRecordingsPerAccount) {
        throw new ApiError(
          409,
          'too_many_recordings',
          `An account may hold at most ${ctx.config.maxRecordingsPerAccount} recordings; this one is full.`,
        );
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      let checked;
      try {
        // The header alone tells the duration: an over-long or lying file is refused before any decoding.
        const header = readWavHeader(bytes);
        if (header.durationSec > ctx.config.maxRecordingSeconds) {
          throw new ApiError(
            400,
            'recording_too_long',
            `A recording may be at most ${ctx.config.maxRecordingSeconds} s (one sentence); this one is ${header.durationSec.toFixed(1)} s.`,
          );
        }
        checked = await ctx.audio.inspectRecording(bytes);
      } catch (error) {
        if (error instanceof WavFormatError) throw new ApiError(400, error.code, error.message);
        throw error;
      }
      const level = checked.level;

      const id = randomHexId();
      const relative = path.join(RECORDINGS_DIR, account.id, `${id}.wav`);
      const absolute = path.join(ctx.dataDir, relative);
      await mkdir(path.dirname(absolute), { recursive: true, mode: PRIVATE_DIR_MODE });
      await writeFile(absolute, bytes, { mode: PRIVATE_FILE_MODE });
      ctx.db
        .prepare(
          `INSERT INTO recordings (id, account_id, sentence, status, file_path, sample_rate, channels, duration_ms,
             speech_rms_dbfs, peak_dbfs, clipped_fraction, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          account.id,
          sentence,
          level.code,
          relative,
          checked.sampleRate,
          checked.channels,
          Math.round(checked.durationSec * 1000),
          // SQLite has no -Infinity; digital silence is stored as NULL.
          Number.isFinite(level.speechRmsDbfs) ? level.speechRmsDbfs : null,
          Number.isFinite(level.peakDbfs) ? level.peakDbfs : null,
          level.clippedFraction,
          ctx.now(),
        );
      return c.json({ sentence_status: { code: level.code }, status: 200 });
    });
  }
}
