// The access token of the signed-in server, kept in storage.session (utils/storage/stored-items.ts says why).
import { accessTokenItem } from '../storage/stored-items';

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
  const value = await accessTokenItem.getValue();
  return isStoredToken(value) ? value : undefined;
}

export async function saveToken(token: StoredToken): Promise<void> {
  await accessTokenItem.setValue(token);
}

export async function clearToken(): Promise<void> {
  await accessTokenItem.removeValue();
}
