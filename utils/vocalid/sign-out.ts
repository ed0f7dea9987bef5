// "Sign out": the server is told first (token revocation, RFC 7009) so a copy of the token elsewhere stops
// working too; then tokens and secrets are wiped on this device even if the server could not be reached.
import { i18n } from '../i18n/i18n';
import { wipeSecrets } from '../settings/secrets-store';
import { isVocalidApiError } from './api-error';
import { noCredentialsFetch } from './no-credentials-fetch';
import { clearToken } from './token-store';
import { createVocalidClient, type VocalidClient } from './vocalid-client';
import { clearVoiceList } from './voice-list-store';

export interface SignOutResult {
  /** False when the server could not be told; the local wipe happened anyway. */
  revokedOnServer: boolean;
  message: string;
}

export async function signOut(
  client: VocalidClient = createVocalidClient({ retry: { maxAttempts: 1 }, fetch: noCredentialsFetch }),
): Promise<SignOutResult> {
  let revokedOnServer = true;
  let why = '';
  try {
    await client.revoke();
  } catch (err) {
    revokedOnServer = false;
    why = isVocalidApiError(err) ? err.userMessage : String(err);
  } finally {
    await clearToken();
    await wipeSecrets();
    await clearVoiceList();
  }
  return {
    revokedOnServer,
    message: revokedOnServer
      ? i18n.t('settings.signIn.signedOut')
      : i18n.t('settings.signIn.signedOutLocally', { reason: why }),
  };
}
