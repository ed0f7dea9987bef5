import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signLicense, verifyLicense, type LicenseClaims } from '../../server/src/licensing/license';
import { LICENSE_KEY_FILE, loadServerKeys } from '../../server/src/licensing/server-keys';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vocalid-license-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const claims: LicenseClaims = {
  license_id: 'l1',
  voice_id: 'v1',
  download_token: 't1',
  device_id: 'device-A',
  issued_at: '2026-01-01T00:00:00.000Z',
  expires_at: '2027-01-01T00:00:00.000Z',
};
const during = Date.parse('2026-06-01T00:00:00Z');

describe('server license key', () => {
  it('is created once with private permissions and kept across loads', () => {
    const dir = tempDir();
    const first = loadServerKeys(dir);
    const file = path.join(dir, LICENSE_KEY_FILE);
    expect(statSync(file).mode & 0o077).toBe(0);
    const pemBefore = readFileSync(file, 'utf8');
    // A second process (no in-memory cache) must read the same key back.
    const reloaded = createPublicKey(readFileSync(file, 'utf8'));
    expect(reloaded.export({ type: 'spki', format: 'pem' })).toBe(first.publicKeyPem);
    expect(loadServerKeys(dir).keyId).toBe(first.keyId);
    expect(readFileSync(file, 'utf8')).toBe(pemBefore);
  });

  it('differs between data dirs', () => {
    expect(loadServerKeys(tempDir()).keyId).not.toBe(loadServerKeys(tempDir()).keyId);
  });
});

describe('license', () => {
  const keys = loadServerKeys(tempDir());

  it('verifies with the public key PEM and returns the claims', () => {
    const result = verifyLicense(signLicense(claims, keys), keys.publicKeyPem, { nowMs: during, deviceId: 'device-A' });
    expect(result).toEqual({ valid: true, claims });
  });

  it('fails when any claim is changed', () => {
    const license = signLicense(claims, keys);
    const forged = { ...claims, device_id: 'device-B' };
    const tampered = { ...license, payload: Buffer.from(JSON.stringify(forged)).toString('base64url') };
    expect(verifyLicense(tampered, keys.publicKeyPem, { nowMs: during })).toEqual({
      valid: false,
      reason: 'bad_signature',
    });
  });

  it('fails with another key, after expiry, on another device and when malformed', () => {
    const license = signLicense(claims, keys);
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(verifyLicense(license, other, { nowMs: during }).valid).toBe(false);
    expect(verifyLicense(license, keys.publicKey, { nowMs: Date.parse('2027-02-01T00:00:00Z') })).toEqual({
      valid: false,
      reason: 'expired',
    });
    expect(verifyLicense(license, keys.publicKey, { nowMs: during, deviceId: 'device-B' })).toEqual({
      valid: false,
      reason: 'wrong_device',
    });
    expect(verifyLicense({ format: 'nope' }, keys.publicKey).valid).toBe(false);
    expect(verifyLicense(null, keys.publicKey).valid).toBe(false);
  });
});
