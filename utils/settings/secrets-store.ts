// The secrets' one owner: what is stored (utils/storage/stored-items.ts, secretsItem), which server each belongs
// to, and the dev builds' demo fallback. Secrets never go into messages to pages, nor into logs.
import { i18n } from '../i18n/i18n';
import { secretsItem, secretsNoticeItem } from '../storage/stored-items';
import { demoSecret, isDevBuild } from './build-kind';

export interface Secrets {
  clientSecret?: string;
  apiSecret?: string;
  /** From "Sign in with VocaliD" (PKCE); long-lived, so it stays on this device across browser restarts. */
  refreshToken?: string;
  /** The server the refresh token belongs to: a token is never sent to another server. */
  refreshTokenServer?: string;
  /** The server (base URL) the client secret was entered for; like refreshTokenServer. */
  clientSecretServer?: string;
  /** The server (base URL) the API secret was entered for; like refreshTokenServer. */
  apiSecretServer?: string;
}

/** Each secret and the field naming the server it belongs to: a secret is only ever sent to that server. */
export const SERVER_OF = {
  clientSecret: 'clientSecretServer',
  apiSecret: 'apiSecretServer',
  refreshToken: 'refreshTokenServer',
} as const;
export type BoundSecret = keyof typeof SERVER_OF;
/** Secrets typed in Options: dropped when the server changes (the refresh token is revoked by signing out instead). */
const TYPED_SECRETS = ['clientSecret', 'apiSecret'] as const;

export const SECRET_FIELDS = [
  'clientSecret',
  'apiSecret',
  'refreshToken',
  'refreshTokenServer',
  'clientSecretServer',
  'apiSecretServer',
] as const;

/** The secret if it belongs to the server at `baseUrl`, else undefined. */
export function secretFor(secrets: Secrets, field: BoundSecret, baseUrl: string): string | undefined {
  return secrets[SERVER_OF[field]] === baseUrl ? secrets[field] : undefined;
}

/** Shown in Options after secrets of another server were dropped: they were for `from`, the server is now `to`. */
export interface SecretsNotice {
  from: string;
  to: string;
}

export function secretsNoticeText(notice: SecretsNotice): string {
  return i18n.t('settings.secretsMoved', { from: notice.from, to: notice.to });
}

export async function getSecretsNotice(): Promise<SecretsNotice | undefined> {
  const v = (await secretsNoticeItem.getValue()) as Partial<SecretsNotice> | null;
  return typeof v?.from === 'string' && typeof v.to === 'string' ? { from: v.from, to: v.to } : undefined;
}

export async function clearSecretsNotice(): Promise<void> {
  await secretsNoticeItem.removeValue();
}

function readStored(value: unknown): Secrets {
  const out: Secrets = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const field of SECRET_FIELDS) {
    const v = (value as Record<string, unknown>)[field];
    if (typeof v === 'string' && v !== '') out[field] = v;
  }
  return out;
}

/** Which secrets are stored, never their values (Options shows "leave empty to keep"); no demo fallback counted. */
export async function storedSecretKinds(): Promise<{ client: boolean; api: boolean; refresh: boolean }> {
  const s = readStored(await secretsItem.getValue());
  return { client: !!s.clientSecret, api: !!s.apiSecret, refresh: !!s.refreshToken };
}

/**
 * Stored secrets. Dev/test builds fall back to the local server's demo secrets while no secrets record exists at
 * all; after a sign-out (an explicitly empty record) they do not, so signing out works in those builds too.
 */
export async function getSecrets(): Promise<Secrets> {
  const raw = await secretsItem.getValue();
  const stored = readStored(raw);
  if (isDevBuild() && raw === null) {
    stored.clientSecret ??= demoSecret();
    stored.apiSecret ??= demoSecret();
  }
  return stored;
}

/**
 * The stored secrets as they stand for the server at `baseUrl`, the one in the settings now:
 * - a client or API secret stored before secrets carried their server is taken as this server's (migration);
 * - one that belongs to another server is removed, and a notice tells the Options page which server it was for.
 * Dev/test builds' demo fallback (no record at all) stands for whatever local server the build points at.
 */
export async function secretsForServer(baseUrl: string): Promise<Secrets> {
  return (await bindSecrets(baseUrl)).secrets;
}

/**
 * The server changes from `from` to `to` (Options, an imported file): stored secrets without a server are first
 * taken as `from`'s, then those not bound to `to` are dropped. Returns the notice when something was dropped.
 */
export async function moveToServer(from: string, to: string): Promise<SecretsNotice | undefined> {
  await bindSecrets(from, false);
  return from === to ? undefined : (await bindSecrets(to)).dropped;
}

/** Binds secrets without a server to `baseUrl`; with `dropOthers`, removes those bound to another server. */
async function bindSecrets(baseUrl: string, dropOthers = true): Promise<{ secrets: Secrets; dropped?: SecretsNotice }> {
  const raw = await secretsItem.getValue();
  if (raw === null) {
    const fallback = await getSecrets();
    for (const field of TYPED_SECRETS) if (fallback[field]) fallback[SERVER_OF[field]] = baseUrl;
    return { secrets: fallback };
  }
  const stored = readStored(raw);
  let changed = false;
  let droppedFrom: string | undefined;
  for (const field of TYPED_SECRETS) {
    const server = SERVER_OF[field];
    if (!stored[field]) {
      changed ||= stored[server] !== undefined;
      delete stored[server];
    } else if (stored[server] === undefined) {
      stored[server] = baseUrl;
      changed = true;
    } else if (dropOthers && stored[server] !== baseUrl) {
      droppedFrom = stored[server];
      delete stored[field];
      delete stored[server];
      changed = true;
    }
  }
  if (changed) await secretsItem.setValue(stored);
  if (droppedFrom === undefined) return { secrets: stored };
  const dropped: SecretsNotice = { from: droppedFrom, to: baseUrl };
  await secretsNoticeItem.setValue(dropped);
  return { secrets: stored, dropped };
}

/**
 * Merges the patch into the stored secrets. A field set to '' or null removes that secret.
 * Throws on anything but strings so a wrong call cannot store an object where a secret should be.
 */
export async function setSecrets(patch: { [K in keyof Secrets]?: string | null }): Promise<void> {
  if (typeof patch !== 'object' || patch === null) throw new TypeError('setSecrets expects an object.');
  const current = readStored(await secretsItem.getValue());
  for (const [key, value] of Object.entries(patch)) {
    if (!(SECRET_FIELDS as readonly string[]).includes(key)) throw new TypeError(`Unknown secret "${key}".`);
    const field = key as keyof Secrets;
    if (value === undefined) continue;
    if (value === null || value === '') delete current[field];
    else if (typeof value === 'string') current[field] = value;
    else throw new TypeError(`Secret "${key}" must be text.`);
  }
  await secretsItem.setValue(current);
}

export async function clearSecrets(): Promise<void> {
  await secretsItem.removeValue();
}

/** Sign-out: no secret at all, and (unlike clearSecrets) no demo fallback in dev/test builds either. */
export async function wipeSecrets(): Promise<void> {
  await secretsItem.setValue({});
}
