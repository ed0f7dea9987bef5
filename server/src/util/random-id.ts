import { randomBytes } from 'node:crypto';

/** Unguessable identifier (hex), for ids that may be shown to clients. */
export function randomHexId(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

/** Unguessable secret for tokens and keys (base64url, 256 bits by default). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
