import type { Context, Hono } from 'hono';
import { requireAuth } from '../auth/require-auth';
import type { AppEnv, ServerContext } from '../context';
import { ApiError } from '../http/api-error';
import { readParams } from '../http/read-params';
import { signLicense, type LicenseClaims } from '../licensing/license';
import { loadServerKeys } from '../licensing/server-keys';
import { ESPEAK_SAMPLE_RATE } from '../speech/speech-pool';
import { randomHexId } from '../util/random-id';
import { getVoiceByToken, isVoiceExpired, isVoiceVisibleTo, type VoiceRow } from '../voices/voice-store';

export const VOICE_PACKAGE_FORMAT = 'vocalid-espeak-voice';
export const VOICE_PACKAGE_VERSION = 1;
/** A license is valid this long, or until the voice expires if that is sooner. */
export const LICENSE_DAYS = 365;
export const PUBLIC_KEY_PATH = '/api/v1/licenses/public-key';
const MAX_DEVICE_ID_CHARS = 200;

function readDeviceId(params: Record<string, unknown>): string {
  const raw = params.device_id;
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new ApiError(400, 'missing_device_id', 'device_id (the id of the device the voice is for) is required.');
  }
  if ([...raw].length > MAX_DEVICE_ID_CHARS || /[\u0000-\u001f\u007f]/.test(raw)) {
    throw new ApiError(
      400,
      'invalid_device_id',
      `device_id must be at most ${MAX_DEVICE_ID_CHARS} printable characters.`,
    );
  }
  return raw;
}

/** The voice behind a download token if the caller may download it; 404 hides voices the caller cannot see. */
function downloadableVoice(ctx: ServerContext, c: Context<AppEnv>): VoiceRow {
  const token = c.req.param('token') ?? '';
  const voice = getVoiceByToken(ctx.db, token);
  if (!voice || !isVoiceVisibleTo(voice, c.var.principal.userId)) {
    throw new ApiError(404, 'voice_not_found', 'No voice with this download token is available to you.');
  }
  if (!voice.canDownload) throw new ApiError(403, 'download_not_allowed', 'This voice cannot be downloaded.');
  if (isVoiceExpired(voice, ctx.now())) throw new ApiError(403, 'voice_expired', 'This voice has expired.');
  return voice;
}

/** Keeps a Content-Disposition filename to safe ASCII, so no header injection and no path parts. */
function attachment(filename: string): string {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '') || 'voice';
  return `attachment; filename="${safe}"`;
}

export function registerDownloadRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  for (const path of ['/api/v1/external/voices/download/:token', '/api/v1/external/voices/download/:token/']) {
    app.get(path, requireAuth('voice:download'), async (c) => {
      const { params } = await readParams(c);
      const deviceId = readDeviceId(params);
      const voice = downloadableVoice(ctx, c);
      const voicePackage = {
        format: VOICE_PACKAGE_FORMAT,
        version: VOICE_PACKAGE_VERSION,
        voice_id: voice.id,
        name: voice.name,
        model_name: voice.modelName,
        account_id: voice.accountId,
        expiration: voice.expiration,
        device_id: deviceId,
        issued_at: new Date(ctx.now()).toISOString(),
        engine: 'espeak-ng',
        espeak: { voice: voice.espeakVoice, pitch: voice.basePitch, speed: voice.baseSpeed },
        sample_rate: ESPEAK_SAMPLE_RATE,
        license_path: `/api/v1/external/licenses/${encodeURIComponent(voice.downloadToken)}`,
      };
      return c.json(voicePackage, 200, { 'Content-Disposition': attachment(voice.filename) });
    });
  }

  for (const path of ['/api/v1/external/licenses/:token', '/api/v1/external/licenses/:token/']) {
    app.get(path, requireAuth('voice:download'), async (c) => {
      const { params } = await readParams(c);
      const deviceId = readDeviceId(params);
      const voice = downloadableVoice(ctx, c);
      const issuedAt = ctx.now();
      let expiresAt = issuedAt + LICENSE_DAYS * 86_400_000;
      const voiceExpiry = voice.expiration ? Date.parse(voice.expiration) : Number.NaN;
      if (Number.isFinite(voiceExpiry)) expiresAt = Math.min(expiresAt, voiceExpiry);
      const claims: LicenseClaims = {
        license_id: randomHexId(),
        voice_id: voice.id,
        download_token: voice.downloadToken,
        device_id: deviceId,
        issued_at: new Date(issuedAt).toISOString(),
        expires_at: new Date(expiresAt).toISOString(),
      };
      const license = signLicense(claims, loadServerKeys(ctx.dataDir));
      ctx.db
        .prepare(
          'INSERT INTO licenses (id, voice_id, device_id, user_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(claims.license_id, voice.id, deviceId, c.var.principal.userId, issuedAt, expiresAt);
      return c.json(license, 200, { 'Content-Disposition': attachment(`${voice.filename}.license`) });
    });
  }

  for (const path of [PUBLIC_KEY_PATH, `${PUBLIC_KEY_PATH}/`]) {
    app.get(path, (c) => {
      const keys = loadServerKeys(ctx.dataDir);
      return c.json({ algorithm: 'Ed25519', key_id: keys.keyId, public_key_pem: keys.publicKeyPem });
    });
  }
}
