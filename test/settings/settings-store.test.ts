import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, SettingsValidationError } from '../../utils/settings/settings-schema';
import {
  createSettingsSnapshot,
  getSettings,
  updateSettings,
  watchSettings,
} from '../../utils/settings/settings-store';
import { clearSecrets, getSecrets, setSecrets } from '../../utils/settings/secrets-store';

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('settings store', () => {
  it('returns defaults when nothing is stored', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('migrates what is stored under "settings" in storage.local', async () => {
    await browser.storage.local.set({ settings: { server: 'https://a.example', speed: 2 } });
    expect(await getSettings()).toMatchObject({ baseUrl: 'https://a.example', rate: 2, version: SETTINGS_VERSION });
  });

  it('updates, persists and returns the merged settings', async () => {
    const next = await updateSettings({ rate: 1.5 });
    expect(next.rate).toBe(1.5);
    expect(next.pitch).toBe(1);
    const stored = (await browser.storage.local.get('settings')).settings as { rate: number };
    expect(stored.rate).toBe(1.5);
  });

  it('does not lose one of two concurrent updates', async () => {
    await Promise.all([updateSettings({ rate: 2 }), updateSettings({ pitch: 3 })]);
    expect(await getSettings()).toMatchObject({ rate: 2, pitch: 3 });
  });

  it('throws SettingsValidationError for an invalid patch and stores nothing', async () => {
    expect(() => updateSettings({ pitch: -1 })).toThrow(SettingsValidationError);
    expect(await browser.storage.local.get('settings')).toEqual({});
  });

  it('notifies watchers with the new settings until unwatched', async () => {
    const seen: number[] = [];
    const unwatch = watchSettings((s) => seen.push(s.rate));
    await updateSettings({ rate: 1.25 });
    await browser.storage.local.set({ unrelated: 1 });
    unwatch();
    await updateSettings({ rate: 1.75 });
    expect(seen).toEqual([1.25]);
  });
});

describe('secrets store', () => {
  it('keeps secrets in storage.local only', async () => {
    await setSecrets({ clientSecret: 'cs', apiSecret: 'as' });
    expect(await getSecrets()).toEqual({ clientSecret: 'cs', apiSecret: 'as' });
    expect((await browser.storage.local.get('secrets')).secrets).toEqual({ clientSecret: 'cs', apiSecret: 'as' });
    expect(await browser.storage.sync.get(null)).toEqual({});
  });

  it('merges patches and removes a secret set to empty', async () => {
    await setSecrets({ clientSecret: 'cs', refreshToken: 'rt' });
    await setSecrets({ refreshToken: '' });
    expect(await getSecrets()).toEqual({ clientSecret: 'cs' });
  });

  it('clears everything', async () => {
    await setSecrets({ clientSecret: 'cs' });
    await clearSecrets();
    expect(await getSecrets()).toEqual({});
  });

  it('defaults to the demo secret in dev/test builds only', async () => {
    expect(await getSecrets()).toEqual({});
    vi.stubGlobal('__BUILD_KIND__', 'dev');
    expect(await getSecrets()).toEqual({ clientSecret: 'demo-secret', apiSecret: 'demo-secret' });
    await setSecrets({ clientSecret: 'mine' });
    expect((await getSecrets()).clientSecret).toBe('mine');
  });

  it('rejects unknown or non-text secrets', async () => {
    await expect(setSecrets({ password: 'x' } as never)).rejects.toThrow(/Unknown secret/);
    await expect(setSecrets({ apiSecret: 42 } as never)).rejects.toThrow(/must be text/);
  });
});

describe('settings snapshot (what a reading works from)', () => {
  it('reads storage once, then follows changes through its watch and re-reads only when refreshed', async () => {
    await updateSettings({ prefetchSeconds: 12 });
    const get = vi.spyOn(browser.storage.local, 'get');
    const changes: number[] = [];
    const snapshot = createSettingsSnapshot((s) => changes.push(s.prefetchSeconds));
    for (let i = 0; i < 5; i++) expect((await snapshot.get()).prefetchSeconds).toBe(12);
    expect(get).toHaveBeenCalledTimes(1);

    await browser.storage.local.set({ settings: { ...(await getSettings()), prefetchSeconds: 20 } });
    await vi.waitFor(() => expect(changes).toEqual([20]));
    expect((await snapshot.get()).prefetchSeconds).toBe(20);
    expect(get).toHaveBeenCalledTimes(2); // the getSettings() of this test, not the snapshot

    expect((await snapshot.refresh()).prefetchSeconds).toBe(20);
    expect(get).toHaveBeenCalledTimes(3);
    snapshot.stop();
  });
});
