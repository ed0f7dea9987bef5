// Secrets carry the server they were entered for: the binding, the migration of secrets stored before that, and
// what happens when the server changes.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  getSecretsNotice,
  moveToServer,
  secretFor,
  secretsForServer,
  secretsNoticeText,
  setSecrets,
} from '../../utils/settings/secrets-store';

const A = 'https://a.example';
const B = 'https://b.example';
const stored = async () =>
  (await fakeBrowser.storage.local.get('secrets')).secrets as Record<string, string> | undefined;

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.unstubAllGlobals());

describe('secretFor', () => {
  it('gives a secret only for the server it belongs to', () => {
    const s = { apiSecret: 'x', apiSecretServer: A, refreshToken: 'r', refreshTokenServer: B };
    expect(secretFor(s, 'apiSecret', A)).toBe('x');
    expect(secretFor(s, 'apiSecret', B)).toBeUndefined();
    expect(secretFor(s, 'refreshToken', B)).toBe('r');
    expect(secretFor({ clientSecret: 'c' }, 'clientSecret', A)).toBeUndefined(); // no server: never sent as is
  });
});

describe('secretsForServer', () => {
  it('takes secrets stored without a server as the current server’s, and keeps that', async () => {
    await fakeBrowser.storage.local.set({
      secrets: { clientSecret: 'c', apiSecret: 'x', refreshToken: 'r', refreshTokenServer: A },
    });
    const s = await secretsForServer(A);
    expect(secretFor(s, 'clientSecret', A)).toBe('c');
    expect(await stored()).toEqual({
      clientSecret: 'c',
      clientSecretServer: A,
      apiSecret: 'x',
      apiSecretServer: A,
      refreshToken: 'r',
      refreshTokenServer: A,
    });
    expect(await getSecretsNotice()).toBeUndefined();
  });

  it('drops a secret of another server and leaves a notice naming both servers', async () => {
    await setSecrets({ apiSecret: 'x', apiSecretServer: A, clientSecret: 'c', clientSecretServer: B });
    const s = await secretsForServer(B);
    expect(s).toEqual({ clientSecret: 'c', clientSecretServer: B });
    expect(await stored()).toEqual({ clientSecret: 'c', clientSecretServer: B });
    const notice = await getSecretsNotice();
    expect(notice).toEqual({ from: A, to: B });
    expect(secretsNoticeText(notice!)).toBe(`Your saved secret was for ${A}; enter the secret for ${B}.`);
  });

  it('leaves the refresh token bound to its server (signing out revokes it there)', async () => {
    await setSecrets({ refreshToken: 'r', refreshTokenServer: A });
    expect(secretFor(await secretsForServer(B), 'refreshToken', B)).toBeUndefined();
    expect(await stored()).toEqual({ refreshToken: 'r', refreshTokenServer: A });
  });

  it('dev/test builds: the demo fallback stands for the server configured now, and writes nothing', async () => {
    vi.stubGlobal('__BUILD_KIND__', 'test');
    const s = await secretsForServer(B);
    expect(secretFor(s, 'apiSecret', B)).toBe('demo-secret');
    expect(await stored()).toBeUndefined();
  });
});

describe('moveToServer', () => {
  it('binds unbound secrets to the old server first, then drops them for the new one', async () => {
    await fakeBrowser.storage.local.set({ secrets: { apiSecret: 'x' } });
    expect(await moveToServer(A, B)).toEqual({ from: A, to: B });
    expect(await stored()).toEqual({});
    expect(await getSecretsNotice()).toEqual({ from: A, to: B });
  });

  it('keeps a secret already entered for the new server, and changes nothing when the server stays', async () => {
    await setSecrets({ apiSecret: 'x', apiSecretServer: B });
    expect(await moveToServer(A, B)).toBeUndefined();
    expect(await moveToServer(B, B)).toBeUndefined();
    expect(await stored()).toEqual({ apiSecret: 'x', apiSecretServer: B });
  });
});
