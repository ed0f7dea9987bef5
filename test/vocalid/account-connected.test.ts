import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isAccountConnected } from '../../utils/vocalid/account-connected';

const A = 'https://a.example';
const B = 'https://b.example';

beforeEach(() => {
  fakeBrowser.reset();
  // A release build: no demo secrets to fall back on.
  vi.stubGlobal('__BUILD_KIND__', 'release');
});

describe('isAccountConnected', () => {
  it('is false on a fresh install, whatever the method', async () => {
    for (const authMethod of ['pkce', 'client_credentials', 'hmac'] as const)
      expect(await isAccountConnected({ baseUrl: A, authMethod, clientId: '', apiKey: '' })).toBe(false);
  });

  it('needs the sign-in, or both halves of a credential, for the server in the settings', async () => {
    await fakeBrowser.storage.local.set({
      secrets: { refreshToken: 'r', refreshTokenServer: A, clientSecret: 'c', clientSecretServer: A },
    });
    expect(await isAccountConnected({ baseUrl: A, authMethod: 'pkce', clientId: '', apiKey: '' })).toBe(true);
    expect(await isAccountConnected({ baseUrl: A, authMethod: 'client_credentials', clientId: 'id', apiKey: '' })).toBe(
      true,
    );
    // A client secret without its id, or an HMAC key without its secret, is not an account.
    expect(await isAccountConnected({ baseUrl: A, authMethod: 'client_credentials', clientId: '', apiKey: '' })).toBe(
      false,
    );
    expect(await isAccountConnected({ baseUrl: A, authMethod: 'hmac', clientId: '', apiKey: 'key' })).toBe(false);
  });

  it('a sign-in for another server does not count', async () => {
    await fakeBrowser.storage.local.set({ secrets: { refreshToken: 'r', refreshTokenServer: B } });
    expect(await isAccountConnected({ baseUrl: A, authMethod: 'pkce', clientId: '', apiKey: '' })).toBe(false);
  });
});
