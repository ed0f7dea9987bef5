import type { Hono } from 'hono';
import { requireAuth } from '../auth/require-auth';
import type { AppEnv, ServerContext } from '../context';
import { ApiError } from '../http/api-error';
import { readParams } from '../http/read-params';
import { checkPutUrl, PutUrlError, sendToPutTarget, type PutTarget } from '../speech/put-url-upload';
import { parseSynthesisParams } from '../speech/synthesis-params';
import { pacedAudioStream, remainingWholeDelayMs, streamingWavHeader } from '../testing/synthesis-pacing';
import { getVoiceByToken, incrementSynthesisCount, isVoiceExpired, isVoiceVisibleTo } from '../voices/voice-store';

const WAV_HEADER_BYTES = 44;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    if (isVoiceExpired(voice, ctx.now()))
      throw new ApiError(403, 'voice_expired', `The voice expired on ${voice.expiration}.`);
    if (!voice.canStream)
      throw new ApiError(403, 'voice_not_streamable', 'This voice cannot be used for synthesis (can_stream is false).');
    const putOptions = { allowPrivate: ctx.config.allowPrivatePutUrl, timeoutMs: ctx.config.requestTimeoutMs };
    const asApiError = (e: unknown) =>
      e instanceof PutUrlError ? new ApiError(e.code === 'put_url_forbidden' ? 400 : 502, e.code, e.message) : e;
    // Checked before synthesising: a refused target costs no audio.
    let putTarget: PutTarget | undefined;
    if (p.putUrl)
      putTarget = await checkPutUrl(p.putUrl.href, putOptions).catch((e: unknown) => Promise.reject(asApiError(e)));

    const pacing = c.get('synthesisPacing');
    const startedAt = performance.now();
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
    const durationMs = Math.round(
      ((audio.byteLength - (p.container === 'wav' ? WAV_HEADER_BYTES : 0)) / 2 / p.sampleRate) * 1000,
    );

    if (pacing && !(pacing.stream && !putTarget)) {
      await sleep(remainingWholeDelayMs(pacing, durationMs / 1000, performance.now() - startedAt));
    }

    if (putTarget) {
      const { status } = await sendToPutTarget(putTarget, audio, putOptions.timeoutMs).catch((e: unknown) =>
        Promise.reject(asApiError(e)),
      );
      // `response` stays in the documented shape but is always empty: relaying the target's body would let a caller
      // read whatever answers at that URL through this server.
      return c.json({ status, response: '' });
    }

    if (pacing?.stream) {
      // No Content-Length (the body is chunked) and no X-Audio-Duration-Ms: a service streaming what it makes
      // knows neither when the first byte leaves.
      const headerBytes = p.container === 'wav' ? WAV_HEADER_BYTES : 0;
      const body = pacedAudioStream(
        headerBytes ? streamingWavHeader(audio.subarray(0, headerBytes)) : new Uint8Array(0),
        audio.subarray(headerBytes),
        p.sampleRate,
        pacing,
        startedAt,
      );
      return c.body(body, 200, {
        'Content-Type': p.container === 'wav' ? 'audio/wav' : 'application/octet-stream',
        'X-Sample-Rate': String(p.sampleRate),
      });
    }

    return c.body(audio as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': p.container === 'wav' ? 'audio/wav' : 'application/octet-stream',
      'Content-Length': String(audio.byteLength),
      'X-Sample-Rate': String(p.sampleRate),
      'X-Audio-Duration-Ms': String(durationMs),
    });
  });
}
