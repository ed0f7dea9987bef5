import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The server's license-signing key, relative to the data dir. Kept across restarts so old licenses verify. */
export const LICENSE_KEY_FILE = path.join('keys', 'license-ed25519.pem');

export interface ServerKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  /** First 16 hex digits of SHA-256 over the public key's SPKI DER; names the key inside each license. */
  keyId: string;
}

const cache = new Map<string, ServerKeys>();

/**
 * Loads the Ed25519 key from the data dir, creating it on first use. The PEM is written to a temp file with
 * mode 0600 and renamed into place, so a crash never leaves a half-written key behind.
 */
export function loadServerKeys(dataDir: string): ServerKeys {
  const file = path.resolve(dataDir, LICENSE_KEY_FILE);
  const cached = cache.get(file);
  if (cached) return cached;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    privateKey = generateKeyPairSync('ed25519').privateKey;
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    renameSync(temp, file);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${LICENSE_KEY_FILE} is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const keys: ServerKeys = {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: createHash('sha256').update(der).digest('hex').slice(0, 16),
  };
  cache.set(file, keys);
  return keys;
}
