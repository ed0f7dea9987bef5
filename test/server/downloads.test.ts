import { createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVoice, type VoiceRow } from '../../server/src/voices/voice-store';
import { ApiClient, createOtherUser, demoUserId, SCHEMES, useTestServer } from './accounts-helpers';

const server = useTestServer();
let ownVoice: VoiceRow;
let lockedVoice: VoiceRow;
let expiredVoice: VoiceRow;
beforeAll(() => {
  const db = server.server.ctx.db;
  const base = { modelName: 'Low Res' as const, accountId: null, ownerUserId: demoUserId(server), canStream: true };
  ownVoice = createVoice(db, {
    ...base,
    name: 'Ada voice',
    espeakVoice: 'en-us+f3',
    basePitch: 62,
    baseSpeed: 180,
    canDownload: true,
    expiration: null,
  });
  lockedVoice = createVoice(db, {
    ...base,
    name: 'Locked',
    espeakVoice: 'en-us',
    basePitch: 40,
    baseSpeed: 170,
    canDownload: false,
    expiration: null,
  });
  expiredVoice = createVoice(db, {
    ...base,
    name: 'Old',
    espeakVoice: 'en-us',
    basePitch: 40,
    baseSpeed: 170,
    canDownload: true,
    expiration: '2020-01-01T00:00:00Z',
  });
});

const downloadPath = (token: string) => `/api/v1/external/voices/download/${token}`;
const licensePath = (token: string) => `/api/v1/external/licenses/${token}`;

interface LicenseBody {
  format: string;
  version: number;
  algorithm: string;
  key_id: string;
  payload: string;
  signature: string;
}

async function publicKeyPem(): Promise<{ key_id: string; public_key_pem: string }> {
  const response = await fetch(`${server.url}/api/v1/licenses/public-key`);
  expect(response.status).toBe(200);
  return (await response.json()) as { key_id: string; public_key_pem: string };
}

/** Independent of the server's verifyLicense: only node:crypto and the documented format. */
function verifyWithPem(license: LicenseBody, pem: string): boolean {
  return verify(
    null,
    Buffer.from(license.payload, 'base64url'),
    createPublicKey(pem),
    Buffer.from(license.signature, 'base64url'),
  );
}

describe.each(SCHEMES)('voice download with %s auth', (scheme) => {
  const client = () => new ApiClient(server.url, scheme);

  it('returns the versioned voice package as an attachment', async () => {
    const response = await client().request('GET', downloadPath(ownVoice.downloadToken), {
      query: { device_id: 'laptop-1' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${ownVoice.filename}"`);
    expect(response.body).toMatchObject({
      format: 'vocalid-espeak-voice',
      version: 1,
      voice_id: ownVoice.id,
      name: 'Ada voice',
      model_name: 'Low Res',
      device_id: 'laptop-1',
      espeak: { voice: 'en-us+f3', pitch: 62, speed: 180 },
    });
  });

  it('issues a license that verifies offline with the published public key', async () => {
    const response = await client().request('GET', licensePath(ownVoice.downloadToken), {
      query: { device_id: 'laptop-1' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.license"$/);
    const license = response.body as LicenseBody;
    const key = await publicKeyPem();
    expect(license).toMatchObject({
      format: 'vocalid-voice-license',
      version: 1,
      algorithm: 'Ed25519',
      key_id: key.key_id,
    });
    expect(verifyWithPem(license, key.public_key_pem)).toBe(true);
    const claims = JSON.parse(Buffer.from(license.payload, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({
      voice_id: ownVoice.id,
      device_id: 'laptop-1',
      download_token: ownVoice.downloadToken,
    });
    const lifetimeDays = (Date.parse(claims.expires_at) - Date.parse(claims.issued_at)) / 86_400_000;
    expect(lifetimeDays).toBe(365);
    expect(Math.abs(Date.parse(claims.issued_at) - Date.now())).toBeLessThan(60_000);
  });
});

describe('licenses', () => {
  it('fail verification when tampered with', async () => {
    const c = new ApiClient(server.url, 'bearer');
    const license = (await c.request('GET', licensePath(ownVoice.downloadToken), { query: { device_id: 'laptop-1' } }))
      .body as LicenseBody;
    const { public_key_pem: pem } = await publicKeyPem();
    const claims = JSON.parse(Buffer.from(license.payload, 'base64url').toString('utf8'));
    const forged = {
      ...license,
      payload: Buffer.from(JSON.stringify({ ...claims, device_id: 'stolen-laptop' })).toString('base64url'),
    };
    expect(verifyWithPem(forged, pem)).toBe(false);
    const flipped = Buffer.from(license.signature, 'base64url');
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(verifyWithPem({ ...license, signature: flipped.toString('base64url') }, pem)).toBe(false);
  });

  it('keep verifying after a restart: the signing key is kept in the data dir', async () => {
    const c = new ApiClient(server.url, 'hmac');
    const license = (await c.request('GET', licensePath(ownVoice.downloadToken), { query: { device_id: 'd' } }))
      .body as LicenseBody;
    await server.restart();
    const { public_key_pem: pem } = await publicKeyPem();
    expect(verifyWithPem(license, pem)).toBe(true);
  });
});

describe('download and license reject bad requests', () => {
  const c = () => new ApiClient(server.url, 'hmac');

  it.each([downloadPath, licensePath])('%s requires device_id', async (pathFor) => {
    const response = await c().request('GET', pathFor(ownVoice.downloadToken));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ status: 'error', code: 'missing_device_id', message: expect.any(String) });
  });

  it.each([downloadPath, licensePath])(
    '%s refuses a voice that cannot be downloaded or has expired',
    async (pathFor) => {
      const locked = await c().request('GET', pathFor(lockedVoice.downloadToken), { query: { device_id: 'd' } });
      expect(locked.status).toBe(403);
      expect((locked.body as { code: string }).code).toBe('download_not_allowed');
      const expired = await c().request('GET', pathFor(expiredVoice.downloadToken), { query: { device_id: 'd' } });
      expect(expired.status).toBe(403);
      expect((expired.body as { code: string }).code).toBe('voice_expired');
    },
  );

  it.each([downloadPath, licensePath])("%s hides unknown tokens and other users' voices", async (pathFor) => {
    const unknown = await c().request('GET', pathFor('no-such-token'), { query: { device_id: 'd' } });
    expect(unknown.status).toBe(404);
    const foreign = await createOtherUser(server).request('GET', pathFor(ownVoice.downloadToken), {
      query: { device_id: 'd' },
    });
    expect(foreign.status).toBe(404);
    expect((foreign.body as { code: string }).code).toBe('voice_not_found');
  });

  it('needs the voice:download scope', async () => {
    const listOnly = new ApiClient(server.url, 'bearer', undefined, 'voice:list');
    const response = await listOnly.request('GET', downloadPath(ownVoice.downloadToken), { query: { device_id: 'd' } });
    expect(response.status).toBe(403);
  });

  it('rejects a device_id with control characters', async () => {
    const response = await c().request('GET', licensePath(ownVoice.downloadToken), { query: { device_id: 'a\nb' } });
    expect(response.status).toBe(400);
    expect((response.body as { code: string }).code).toBe('invalid_device_id');
  });
});
