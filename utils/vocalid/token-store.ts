import { browser } from 'wxt/browser';

// Access tokens live in storage.session: they survive service-worker restarts but not the browser session,
// and are never written to disk the way storage.local is.
export const TOKEN_KEY = 'vocalidAccessToken';

export interface StoredToken {
  accessToken: string;
  /** ms since epoch. */
  expiresAt: number;
  /** ms since epoch; with expiresAt gives the lifetime used for the refresh margin. */
  obtainedAt: number;
  scope: string;
  baseUrl: string;
  clientId: string;
}

function isStoredToken(value: unknown): value is StoredToken {
  const v = value as Partial<StoredToken> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.accessToken === 'string' &&
    typeof v.expiresAt === 'number' &&
    typeof v.obtainedAt === 'number' &&
    typeof v.scope === 'string' &&
    typeof v.baseUrl === 'string' &&
    typeof v.clientId === 'string'
  );
}

export async function loadToken(): Promise<StoredToken | undefined> {
  const value = (await browser.storage.session.get(TOKEN_KEY))[TOKEN_KEY];
  return isStoredToken(value) ? value : undefined;
}

export async function saveToken(token: StoredToken): Promise<void> {
  await browser.storage.session.set({ [TOKEN_KEY]: token });
}

export async function clearToken(): Promise<void> {
  await browser.storage.session.remove(TOKEN_KEY);
}
