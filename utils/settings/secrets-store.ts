import { browser } from 'wxt/browser';
import { demoSecret, isDevBuild } from './build-kind';

// Secrets stay in storage.local of this device: never storage.sync, never in messages to pages, never logged.
export const SECRETS_KEY = 'secrets';

export interface Secrets {
  clientSecret?: string;
  apiSecret?: string;
  /** From "Sign in with VocaliD" (PKCE); long-lived, so it stays on this device across browser restarts. */
  refreshToken?: string;
  /** The server the refresh token belongs to: a token is never sent to another server. */
  refreshTokenServer?: string;
}

const SECRET_FIELDS = ['clientSecret', 'apiSecret', 'refreshToken', 'refreshTokenServer'] as const;

function readStored(value: unknown): Secrets {
  const out: Secrets = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const field of SECRET_FIELDS) {
    const v = (value as Record<string, unknown>)[field];
    if (typeof v === 'string' && v !== '') out[field] = v;
  }
  return out;
}

/**
 * Stored secrets. Dev/test builds fall back to the local server's demo secrets while no secrets record exists at
 * all; after a sign-out (an explicitly empty record) they do not, so signing out works in those builds too.
 */
export async function getSecrets(): Promise<Secrets> {
  const raw = (await browser.storage.local.get(SECRETS_KEY))[SECRETS_KEY];
  const stored = readStored(raw);
  if (isDevBuild() && raw === undefined) {
    stored.clientSecret ??= demoSecret();
    stored.apiSecret ??= demoSecret();
  }
  return stored;
}

/**
 * Merges the patch into the stored secrets. A field set to '' or null removes that secret.
 * Throws on anything but strings so a wrong call cannot store an object where a secret should be.
 */
export async function setSecrets(patch: { [K in keyof Secrets]?: string | null }): Promise<void> {
  if (typeof patch !== 'object' || patch === null) throw new TypeError('setSecrets expects an object.');
  const current = readStored((await browser.storage.local.get(SECRETS_KEY))[SECRETS_KEY]);
  for (const [key, value] of Object.entries(patch)) {
    if (!(SECRET_FIELDS as readonly string[]).includes(key)) throw new TypeError(`Unknown secret "${key}".`);
    const field = key as keyof Secrets;
    if (value === undefined) continue;
    if (value === null || value === '') delete current[field];
    else if (typeof value === 'string') current[field] = value;
    else throw new TypeError(`Secret "${key}" must be text.`);
  }
  await browser.storage.local.set({ [SECRETS_KEY]: current });
}

export async function clearSecrets(): Promise<void> {
  await browser.storage.local.remove(SECRETS_KEY);
}

/** Sign-out: no secret at all, and (unlike clearSecrets) no demo fallback in dev/test builds either. */
export async function wipeSecrets(): Promise<void> {
  await browser.storage.local.set({ [SECRETS_KEY]: {} });
}
