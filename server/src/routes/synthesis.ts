import type { Hono } from 'hono';
import { requireAuth } from '../auth/require-auth';
import type { AppEnv, ServerContext } from '../context';
import { ApiError } from '../http/api-error';
import { readParams } from '../http/read-params';
import { parseSynthesisParams } from '../speech/synthesis-params';
import {
  getVoiceByToken,
  incrementSynthesisCount,
  isVoiceExpired,
  isVoiceVisibleTo,
} from '../voices/voice-store';

/** put_url answers are echoed back; a huge body from a foreign server is cut. */
const MAX_PUT_RESPONSE_CHARS = 64 * 1024;

async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(onTimeout()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function registerSynthesisRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/external/synthesis', requireAuth('voice:synthesis'), async (c) => {
    const { params } = await readParams(c);
    const p = parseSynthesisParams(params);
    const voice = getVoiceByToken(ctx.db, p.downloadToken);
    if (!voice || !isVoiceVisibleTo(voice, c.get('principal').userId)) {
      throw new ApiError(404, 'voice_not_found', 'No voice with this download_token is available to you.');
    }
    if (isVoiceExpired(voice, ctx.now())) throw new ApiError(403, 'voice_expired', `The voice expired on ${voice.expiration}.`);
    if (!voice.canStream) throw new ApiError(403, 'voice_not_streamable', 'This voice cannot be used for synthesis (can_stream is false).');

    const audio = await withTimeout(
      ctx.speech.synthesizeEncoded(
        {
          espeakVoice: voice.espeakVoice,
          basePitch: voice.basePitch,
          baseSpeed: voice.baseSpeed,
          pitch: p.pitch,
          rate: p.rate,
          text: p.script,
        },
        { sampleRate: p.sampleRate, container: p.container, lowRes: voice.modelName === 'Low Res' },
      ),
      ctx.config.requestTimeoutMs,
      () => new ApiError(503, 'synthesis_timeout', 'The server is busy; try again shortly.', { 'Retry-After': '2' }),
    );
    incrementSynthesisCount(ctx.db, voice.id);
    const durationMs = Math.round(((audio.byteLength - (p.container === 'wav' ? 44 : 0)) / 2 / p.sampleRate) * 1000);

    if (p.putUrl) {
      let response: Response;
      try {
        response = await fetch(p.putUrl, {
          method: 'PUT',
          headers: { 'Content-Type': 'audio/wav' },
          body: audio as Uint8Array<ArrayBuffer>,
          redirect: 'manual',
          signal: AbortSignal.timeout(ctx.config.requestTimeoutMs),
        });
      } catch (e) {
        const reason = e instanceof Error && e.name === 'TimeoutError' ? 'timed out' : 'failed';
        throw new ApiError(502, 'put_failed', `Uploading the audio to put_url ${reason}.`);
      }
      const text = (await response.text().catch(() => '')).slice(0, MAX_PUT_RESPONSE_CHARS);
      return c.json({ status: response.status, response: text });
    }

    return c.body(audio as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': p.container === 'wav' ? 'audio/wav' : 'application/octet-stream',
      'Content-Length': String(audio.byteLength),
      'X-Sample-Rate': String(p.sampleRate),
      'X-Audio-Duration-Ms': String(durationMs),
    });
  });
}
