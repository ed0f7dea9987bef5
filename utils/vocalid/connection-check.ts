// "Test connection": tries the credentials typed in Options before anything is saved, so a wrong secret
// leaves the stored settings and secrets exactly as they were.
import type { Secrets } from '../settings/secrets-store';
import type { Settings } from '../settings/settings-schema';
import { noCredentialsFetch } from './no-credentials-fetch';
import { createVocalidClient, type VocalidClientOptions } from './vocalid-client';

export interface ConnectionReport {
  nickname: string | null;
  /** Granted scopes (token methods only). */
  scopes?: string[];
}

export async function checkConnection(
  draft: Settings,
  draftSecrets: Secrets,
  options: Pick<VocalidClientOptions, 'fetch' | 'timeoutMs'> = {},
): Promise<ConnectionReport> {
  const client = createVocalidClient({
    fetch: noCredentialsFetch,
    ...options,
    getSettings: async () => draft,
    getSecrets: async () => draftSecrets,
    // One attempt: the person is waiting for an answer, and a retry would only repeat a wrong secret.
    retry: { maxAttempts: 1 },
  });
  const { nickname } = await client.userInfo();
  if (draft.authMethod === 'hmac') return { nickname };
  const info = await client.introspect();
  return { nickname, scopes: typeof info.scope === 'string' ? info.scope.split(' ').filter(Boolean) : [] };
}
