import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Hono } from 'hono';
import { checkLevel } from '../audio/level-check';
import { readWav, WavFormatError } from '../audio/wav-read';
import { requireAuth } from '../auth/require-auth';
import type { AppEnv, ServerContext } from '../context';
import { ApiError } from '../http/api-error';
import { readParams } from '../http/read-params';
import { randomHexId } from '../util/random-id';
import { findOwnAccount, readAccountId, withAndWithoutSlash } from './accounts';

/** Largest accepted recording (a minute of 48 kHz 16-bit stereo is about 11 MB; sentences are seconds long). */
export const MAX_RECORDING_BYTES = 10 * 1024 * 1024;
export const MAX_SENTENCE_CHARS = 1000;
/** Recordings live under `<dataDir>/recordings/<account_id>/<recording_id>.wav`. */
export const RECORDINGS_DIR = 'recordings';

function readSentence(value: unknown): string {
  const sentence = typeof value === 'string' ? value.trim() : '';
  if (sentence === '') throw new ApiError(400, 'missing_sentence', 'sentence (the transcript of the recording) is required.');
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
      const bytes = new Uint8Array(await file.arrayBuffer());
      let wav;
      try {
        wav = readWav(bytes);
      } catch (error) {
        if (error instanceof WavFormatError) throw new ApiError(400, error.code, error.message);
        throw error;
      }
      const level = checkLevel(wav);

      const id = randomHexId();
      const relative = path.join(RECORDINGS_DIR, account.id, `${id}.wav`);
      const absolute = path.join(ctx.dataDir, relative);
      await mkdir(path.dirname(absolute), { recursive: true });
      await writeFile(absolute, bytes);
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
          wav.sampleRate,
          wav.channels.length,
          Math.round(wav.durationSec * 1000),
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
