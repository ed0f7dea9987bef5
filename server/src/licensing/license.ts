import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { ServerKeys } from './server-keys';

export const LICENSE_FORMAT = 'vocalid-voice-license';
export const LICENSE_VERSION = 1;

/** What a license grants: this voice, on this device, until expires_at. Times are ISO 8601 UTC. */
export interface LicenseClaims {
  license_id: string;
  voice_id: string;
  download_token: string;
  device_id: string;
  issued_at: string;
  expires_at: string;
}

/**
 * The license file. `payload` is base64url of the claims' UTF-8 JSON and `signature` is base64url of the
 * Ed25519 signature over exactly those payload bytes, so verifiers never re-serialise JSON.
 */
export interface LicenseFile {
  format: typeof LICENSE_FORMAT;
  version: typeof LICENSE_VERSION;
  algorithm: 'Ed25519';
  key_id: string;
  payload: string;
  signature: string;
}

export function signLicense(claims: LicenseClaims, keys: ServerKeys): LicenseFile {
  const payloadBytes = Buffer.from(JSON.stringify(claims), 'utf8');
  return {
    format: LICENSE_FORMAT,
    version: LICENSE_VERSION,
    algorithm: 'Ed25519',
    key_id: keys.keyId,
    payload: payloadBytes.toString('base64url'),
    signature: sign(null, payloadBytes, keys.privateKey).toString('base64url'),
  };
}

export type LicenseCheck =
  | { valid: true; claims: LicenseClaims }
  | { valid: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'wrong_device' };

/**
 * Offline check a client (or a test) can do with only the published public key: signature, expiry at `nowMs`,
 * and optionally the device.
 */
export function verifyLicense(
  license: unknown,
  publicKey: KeyObject | string,
  options: { nowMs?: number; deviceId?: string } = {},
): LicenseCheck {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  if (!isLicenseFile(license)) return { valid: false, reason: 'malformed' };
  const payloadBytes = Buffer.from(license.payload, 'base64url');
  const signature = Buffer.from(license.signature, 'base64url');
  if (!verify(null, payloadBytes, key, signature)) return { valid: false, reason: 'bad_signature' };
  let claims: LicenseClaims;
  try {
    claims = JSON.parse(payloadBytes.toString('utf8')) as LicenseClaims;
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  const expires = Date.parse(claims.expires_at);
  if (!Number.isFinite(expires) || expires <= (options.nowMs ?? Date.now())) return { valid: false, reason: 'expired' };
  if (options.deviceId !== undefined && claims.device_id !== options.deviceId) {
    return { valid: false, reason: 'wrong_device' };
  }
  return { valid: true, claims };
}

function isLicenseFile(value: unknown): value is LicenseFile {
  if (value === null || typeof value !== 'object') return false;
  const file = value as Record<string, unknown>;
  return (
    file.format === LICENSE_FORMAT &&
    file.version === LICENSE_VERSION &&
    file.algorithm === 'Ed25519' &&
    typeof file.payload === 'string' &&
    typeof file.signature === 'string'
  );
}
