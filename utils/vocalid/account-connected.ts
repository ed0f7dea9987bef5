// Whether the extension has what it needs to reach the account at all: a sign-in (PKCE refresh token), or
// client credentials, or an HMAC key pair, for the server in the settings. Not whether they still work (only a
// request tells): this decides between "connect your account first" and reading.
import { secretFor, secretsForServer } from '../settings/secrets-store';
import type { Settings } from '../settings/settings-schema';

export async function isAccountConnected(
  settings: Pick<Settings, 'baseUrl' | 'authMethod' | 'clientId' | 'apiKey'>,
): Promise<boolean> {
  // The same view of the secrets the client sends with (bound to this server).
  const secrets = await secretsForServer(settings.baseUrl);
  const has = (field: 'refreshToken' | 'clientSecret' | 'apiSecret') => !!secretFor(secrets, field, settings.baseUrl);
  switch (settings.authMethod) {
    case 'pkce':
      return has('refreshToken');
    case 'client_credentials':
      return !!settings.clientId && has('clientSecret');
    case 'hmac':
      return !!settings.apiKey && has('apiSecret');
  }
}
