// The Options page in real Chromium against the real server: every connection method, "Test connection" before
// saving, sign out with server-side revocation, the voice library, and accessibility (axe, keyboard).
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ext,
  localStorageSnapshot,
  openOptions,
  repoRoot,
  sessionStorageSnapshot,
  useExtensionSession,
  waitFor,
} from './helpers';

const session = useExtensionSession({ fixtures: false, reset: false });

let page: Page;
beforeEach(async () => {
  // Each test starts signed out with nothing stored, from the options page as a person opens it.
  await session.browser.sw.evaluate(async () => {
    const c = (
      globalThis as unknown as {
        chrome: { storage: { local: { remove(k: string[]): Promise<void> }; session: { clear(): Promise<void> } } };
      }
    ).chrome;
    await c.storage.local.remove(['secrets', 'voiceList']);
    await c.storage.session.clear();
  });
  page = await openOptions(session.browser);
});

async function fillConnection(p: Page, method: RegExp, fields: Record<string, string>) {
  await p.getByLabel('VocaliD server address').fill(session.server.url);
  await p.getByRole('radio', { name: method }).check();
  for (const [label, value] of Object.entries(fields)) await p.getByLabel(label, { exact: true }).fill(value);
}

/** Chooses "Sign in with VocaliD" and presses it; returns the consent window once it shows the authorize page. */
async function openConsentWindow(p: Page): Promise<Page> {
  await fillConnection(p, /Sign in with VocaliD/, {});
  // The window opens blank and then navigates: wait for the page, then for its address.
  const consentPage = session.browser.context.waitForEvent('page', { timeout: 15_000 });
  await p.getByRole('button', { name: 'Sign in with VocaliD' }).click();
  const consent = await consentPage;
  await consent.waitForURL(/\/api\/v1\/oauth\/authorize/, { timeout: 15_000 });
  return consent;
}

const status = (p: Page) => p.getByTestId('connection-status');

async function introspect(token: string): Promise<{ active: boolean; scope?: string }> {
  const res = await fetch(`${session.server.url}/api/v1/oauth/introspect`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
    body: new URLSearchParams({ token }),
  });
  return (await res.json()) as { active: boolean; scope?: string };
}

describe('connection methods', () => {
  it('client credentials: "Test connection" shows the nickname and the granted scopes, then saves', async () => {
    await fillConnection(page, /OAuth2 client ID and secret/, {
      'Client ID': 'demo-client',
      'Client secret': 'demo-secret',
    });
    await page.getByRole('checkbox', { name: 'See your nickname' }).check();
    await page.getByRole('button', { name: 'Test connection and save' }).click();
    await expect
      .poll(() => status(page).textContent(), { timeout: 15_000 })
      .toMatch(/Connected as Demo Reader\. It may .*turn text into speech/);
    // The granted scopes in words: the nickname asked for above among them, and no raw scope code.
    expect(await status(page).textContent()).toMatch(/see your nickname/);
    expect(await status(page).textContent()).not.toMatch(/user:info|voice:/);
    const settings = await ext.getSettings(session.browser.sw);
    expect(settings).toMatchObject({
      authMethod: 'client_credentials',
      clientId: 'demo-client',
      baseUrl: session.server.url,
    });
    expect((await localStorageSnapshot(session.browser)).secrets).toMatchObject({ clientSecret: 'demo-secret' });
  });

  it('HMAC: "Test connection" shows the nickname', async () => {
    await fillConnection(page, /HMAC API key and secret/, { 'API key': 'demo-key', 'API secret': 'demo-secret' });
    await page.getByRole('button', { name: 'Test connection and save' }).click();
    await expect
      .poll(() => status(page).textContent(), { timeout: 15_000 })
      .toMatch(/Connected as Demo Reader\. Saved\./);
    expect(await ext.getSettings(session.browser.sw)).toMatchObject({ authMethod: 'hmac', apiKey: 'demo-key' });
  });

  it.each([
    [
      'client credentials',
      /OAuth2 client ID and secret/,
      { 'Client ID': 'demo-client', 'Client secret': 'wrong-secret' },
    ],
    ['HMAC', /HMAC API key and secret/, { 'API key': 'demo-key', 'API secret': 'wrong-secret' }],
  ])('%s with a wrong secret: a clear message and nothing stored', async (_name, method, fields) => {
    // The voice library's own refresh on opening must be over before the snapshot.
    await page.getByRole('button', { name: 'Refresh list' }).waitFor({ timeout: 15_000 });
    const before = {
      local: await localStorageSnapshot(session.browser),
      session: await sessionStorageSnapshot(session.browser),
    };
    await fillConnection(page, method, fields);
    await page.getByRole('button', { name: 'Test connection and save' }).click();
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent(), { timeout: 15_000 })
      .toMatch(/did not accept your sign-in.*Nothing was saved\./);
    expect(await localStorageSnapshot(session.browser)).toEqual(before.local);
    expect(await sessionStorageSnapshot(session.browser)).toEqual(before.session);
  });

  it('sign out revokes the token on the server and wipes tokens and secrets here', async () => {
    await fillConnection(page, /OAuth2 client ID and secret/, {
      'Client ID': 'demo-client',
      'Client secret': 'demo-secret',
    });
    await page.getByRole('button', { name: 'Test connection and save' }).click();
    await expect.poll(() => status(page).textContent(), { timeout: 15_000 }).toMatch(/Connected as/);
    const token = ((await sessionStorageSnapshot(session.browser)).vocalidAccessToken as { accessToken: string })
      .accessToken;
    expect((await introspect(token)).active).toBe(true);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect
      .poll(() => status(page).textContent(), { timeout: 15_000 })
      .toMatch(/Signed out\. .*server no longer accepts them/);
    expect(await introspect(token)).toEqual({ active: false });
    expect((await localStorageSnapshot(session.browser)).secrets).toEqual({});
    expect((await sessionStorageSnapshot(session.browser)).vocalidAccessToken).toBeUndefined();
  });

  // Runs before any sign-in completes: a finished sign-in leaves a session in the auth window's storage, after which
  // the consent page no longer asks for a password.
  it('a wrong password keeps the consent window open with the reason, so the user can correct it', async () => {
    // Chromium's auth flow ends with "Authorization page could not be loaded" on any main-frame HTTP error status,
    // so the re-shown form must not be one.
    const consent = await openConsentWindow(page);
    await consent.getByLabel('Username').fill('demo');
    await consent.getByLabel('Password').fill('not-the-password');
    await consent.getByRole('button', { name: 'Allow' }).click();
    await expect
      .poll(() => consent.getByRole('alert').textContent(), { timeout: 15_000 })
      .toMatch(/Wrong username or password/);
    expect(await consent.getByLabel('Username').inputValue()).toBe('demo');
    expect(await status(page).textContent()).not.toMatch(/could not be loaded/);
    await consent.close();
    await expect
      .poll(() => status(page).textContent(), { timeout: 15_000 })
      .toMatch(/sign-in window was closed before you finished/);
  });

  it('Sign in with VocaliD (PKCE) through the consent page ends with the nickname shown', async () => {
    const consent = await openConsentWindow(page);
    expect(new URL(consent.url()).searchParams.get('client_id')).toBe('read-aloud-extension');
    await consent.getByLabel('Username').fill('demo');
    await consent.getByLabel('Password').fill('demo-password');
    await consent.getByRole('button', { name: 'Allow' }).click();
    await expect
      .poll(() => status(page).textContent(), { timeout: 15_000 })
      .toMatch(/Signed in as Demo Reader\. The extension may .*turn text into speech/);

    const secrets = (await localStorageSnapshot(session.browser)).secrets as Record<string, string>;
    expect(secrets.refreshToken).toBeTruthy();
    const access = (await sessionStorageSnapshot(session.browser)).vocalidAccessToken as {
      accessToken: string;
      clientId: string;
    };
    expect(access.clientId).toBe('read-aloud-extension');
    expect(await introspect(access.accessToken)).toEqual({ active: false }); // another client's token: not visible to demo-client
    // The reading runtime uses the PKCE token: the voice list comes with a Bearer token of the public client.
    expect(await ext.getSettings(session.browser.sw)).toMatchObject({ authMethod: 'pkce' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => status(page).textContent(), { timeout: 15_000 }).toMatch(/Signed out\./);
    const publicIntrospect = async (token: string) =>
      (await (
        await fetch(`${session.server.url}/api/v1/oauth/introspect`, {
          method: 'POST',
          body: new URLSearchParams({ token, client_id: 'read-aloud-extension' }),
        })
      ).json()) as { active: boolean };
    expect(await publicIntrospect(access.accessToken)).toEqual({ active: false });
    expect(await publicIntrospect(secrets.refreshToken!)).toEqual({ active: false });
  });

  it('closing the consent window gives a clear message and changes nothing', async () => {
    const stored = async () => {
      const { settings, secrets } = await localStorageSnapshot(session.browser);
      return { settings, secrets, session: await sessionStorageSnapshot(session.browser) };
    };
    await page.getByRole('button', { name: 'Refresh list' }).waitFor({ timeout: 15_000 });
    const before = await stored();
    const consent = await openConsentWindow(page);
    await consent.close();
    await expect
      .poll(() => status(page).textContent(), { timeout: 15_000 })
      .toMatch(/sign-in window was closed before you finished/);
    expect(await status(page).getAttribute('role')).toBe('alert');
    expect(await stored()).toEqual(before);
  });
});

describe('voice library', () => {
  it('lists every voice with model, owner and flags, and keeps working from its stored copy offline', async () => {
    await fillConnection(page, /OAuth2 client ID and secret/, {
      'Client ID': 'demo-client',
      'Client secret': 'demo-secret',
    });
    await page.getByRole('button', { name: 'Test connection and save' }).click();
    await expect.poll(() => status(page).textContent(), { timeout: 15_000 }).toMatch(/Connected as/);
    const table = page.getByTestId('voice-table');
    await table.waitFor({ timeout: 15_000 });
    const rows = await table.locator('tbody tr').count();
    const stored = (await localStorageSnapshot(session.browser)).voiceList as {
      voices: { name?: string; model_name?: string }[];
    };
    expect(rows).toBe(stored.voices.length);
    expect(rows).toBeGreaterThan(0);
    const firstName = stored.voices[0]!.name!;
    const row = table.locator(`tr[data-voice="${firstName}"]`);
    expect(await row.textContent()).toContain(stored.voices[0]!.model_name!);
    expect(await row.textContent()).toMatch(/Stock|Personal/);

    // Offline: the server refuses everything, the stored list is still shown.
    await fetch(`${session.server.url}/__test/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [{ path: '/api/v1/external/voices/list', status: 503 }] }),
    });
    try {
      const again = await openOptions(session.browser);
      await again.getByTestId('voice-table').waitFor({ timeout: 15_000 });
      expect(await again.getByTestId('voice-table').locator('tbody tr').count()).toBe(rows);
      await expect
        .poll(() => again.getByTestId('voices-status').textContent(), { timeout: 15_000 })
        .toMatch(/Could not refresh.*Showing the last saved list/);
    } finally {
      await fetch(`${session.server.url}/__test/faults`, { method: 'DELETE' });
    }
  });

  it('Preview plays a synthesised sample, cached for the next time; Use makes it the default voice', async () => {
    await fillConnection(page, /HMAC API key and secret/, { 'API key': 'demo-key', 'API secret': 'demo-secret' });
    await page.getByRole('button', { name: 'Test connection and save' }).click();
    await expect.poll(() => status(page).textContent(), { timeout: 15_000 }).toMatch(/Connected as/);
    await page.getByTestId('voice-table').waitFor({ timeout: 15_000 });
    const preview = page
      .getByRole('button', { name: /^Preview / })
      .and(page.locator(':enabled'))
      .first();
    const name = ((await preview.getAttribute('aria-label')) ?? '').replace(/^Preview /, '');
    await fetch(`${session.server.url}/__test/requests`, { method: 'DELETE' });
    await preview.click();
    await expect
      .poll(() => page.getByTestId('voices-status').textContent(), { timeout: 20_000 })
      .toMatch(new RegExp(`Playing a sample of ${name}`));
    await preview.click();
    await expect
      .poll(() => page.getByTestId('voices-status').textContent(), { timeout: 20_000 })
      .toMatch(/Playing a sample/);
    const synth = (
      (await (await fetch(`${session.server.url}/__test/requests`)).json()) as { requests: { path: string }[] }
    ).requests.filter((r) => r.path.includes('/synthesis'));
    expect(synth).toHaveLength(1);

    await page.getByRole('button', { name: `Use ${name} as the default voice` }).click();
    await waitFor(
      async () => (await ext.getSettings(session.browser.sw)).voiceToken !== '',
      10_000,
      'the default voice to be saved',
    );
  });
});

describe('layout (issue 14: Options regrouped)', () => {
  it('five sections in the order a new user needs them, each reachable from the list at the top', async () => {
    await page.setViewportSize({ width: 900, height: 900 });
    await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/options.png') });
    const headings = await page.locator('main > section > h2').allTextContents();
    expect(headings).toEqual(['Account', 'Voice and speed', 'Reading and display', 'Privacy', 'Advanced']);
    const nav = page.getByRole('navigation', { name: 'Options sections' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(headings);
    // Each link leads to the section of that name.
    for (const link of await nav.getByRole('link').all()) {
      const target = ((await link.getAttribute('href')) ?? '').slice(1);
      const name = await page.locator(`section#${target} > h2`).textContent();
      expect(name).toBe(await link.textContent());
    }
  });

  it('each setting has one control: no two fields share a name, the voice is chosen in one place', async () => {
    const names = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('main input, main select')]
        .filter((el) => !(el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'file')))
        .map((el) => [...(el.labels ?? [])].map((l) => l.textContent?.trim()).join(' ')),
    );
    expect(names.every((n) => n !== '')).toBe(true);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    // The general speed and pitch are set in "Voice and speed" only (the popup and the player change the reading
    // being heard); a preset's own speed and pitch sit in the preset editor there.
    const speedFields = names.filter((n) => /speed|pitch|pause/i.test(n));
    expect(speedFields.length).toBeGreaterThan(0);
    const inVoiceSpeed = await page
      .getByTestId('voice-speed')
      .evaluate((root) =>
        [...root.querySelectorAll<HTMLInputElement>('input')].map((el) =>
          [...(el.labels ?? [])].map((l) => l.textContent?.trim()).join(' '),
        ),
      );
    expect(speedFields.filter((n) => !inVoiceSpeed.includes(n))).toEqual([]);
    // Voices are chosen in the voice table (its Use buttons) and for a preset; no other voice control.
    const voiceSelects = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLSelectElement>('main select')]
        .map((el) => [...(el.labels ?? [])].map((l) => l.textContent?.trim()).join(' '))
        .filter((n) => /voice/i.test(n)),
    );
    expect(voiceSelects).toEqual(['Voice']);
  });

  it('speaks plainly: scopes in words, help for HMAC, the sample rate and pauses', async () => {
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    for (const code of ['user:info', 'voice:list', 'voice:synthesis']) expect(text).not.toContain(code);
    const helpOf = async (label: string | RegExp, role?: 'radio') => {
      const control = role ? page.getByRole(role, { name: label }) : page.getByLabel(label, { exact: true });
      const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
      expect(ids.length).toBeGreaterThan(0);
      const texts = await Promise.all(ids.map((id) => page.locator(`#${id}`).textContent()));
      return texts.join(' ');
    };
    expect(await helpOf(/HMAC/, 'radio')).toMatch(/signed with the secret/);
    expect(await helpOf('Audio quality (sample rate)')).toMatch(/samples per second/);
    expect(await helpOf('Default pause after each sentence (ms)')).toMatch(/1000 ms is one second/);
    expect(await helpOf('Default pause after each paragraph (ms)')).toMatch(/1000 ms is one second/);
  });
});

describe('accessibility', () => {
  it('axe finds no violations on the options page', async () => {
    await page.getByTestId('voice-table').or(page.getByText('No voices yet')).first().waitFor({ timeout: 15_000 });
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('every control is reachable with Tab and has an accessible name', async () => {
    // Disabled buttons (the current default voice, voices that cannot stream) are rightly not focusable.
    const controls = await page.locator('button:visible:enabled, input:visible, select:visible').count();
    const reached = new Set<string>();
    for (let i = 0; i < controls + 5; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const id = el.id || el.getAttribute('aria-label') || el.textContent || el.outerHTML.slice(0, 60);
        return { id, tag: el.tagName };
      });
      if (info) reached.add(`${info.tag}:${info.id}`);
    }
    // Radio groups take one Tab stop: count the group once.
    const radios = await page.locator('input[type=radio]:visible').count();
    expect(reached.size).toBeGreaterThanOrEqual(controls - (radios - 1));
  });

  it('the connection method can be chosen and tested with the keyboard only', async () => {
    await page.getByLabel('VocaliD server address').fill(session.server.url);
    await page.getByRole('radio', { name: /Sign in with VocaliD/ }).focus();
    await page.keyboard.press('ArrowDown'); // → OAuth2 client
    await page.keyboard.press('ArrowDown'); // → HMAC
    expect(await page.getByRole('radio', { name: /HMAC/ }).isChecked()).toBe(true);
    await page.getByLabel('API key', { exact: true }).focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('demo-key');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo-secret');
    await page.getByRole('button', { name: 'Test connection and save' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => status(page).textContent(), { timeout: 15_000 }).toMatch(/Connected as Demo Reader/);
  });
});
