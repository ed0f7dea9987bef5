// First run: the release build opens the welcome page on install, with "Sign in with VocaliD" as the way in; a
// reading started before any account is connected shows "Connect your VocaliD account" on the page, which leads
// to that page's sign-in (against the local server), a voice heard, and the page then read.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildExtension } from '../harness/extension-build';
import { repoRoot } from '../harness/paths';
import {
  ext,
  launchBrowser,
  openTab,
  playerControl,
  synthesisRequests,
  useExtensionSession,
  waitFor,
  waitForState,
} from './helpers';

const session = useExtensionSession();
// Imported modules of the extension would touch browser storage in Node: the words are matched here instead.
const CONNECT = /^Connect your VocaliD account\b/;

async function findPage(pages: () => Page[], pathPart: string, timeoutMs = 15_000): Promise<Page> {
  let found: Page | undefined;
  await waitFor(
    async () => {
      found = pages().find((p) => !p.isClosed() && p.url().includes(pathPart));
      return found !== undefined;
    },
    timeoutMs,
    `a page at ${pathPart}`,
  );
  return found!;
}

describe('first run', () => {
  it(
    'the release build opens the welcome page on install: sign in first, then the shortcuts',
    { timeout: 180_000 },
    async () => {
      const dir = buildExtension('release', { outDir: path.join(repoRoot, '.output/e2e-release'), quiet: true });
      const browser = await launchBrowser({ extensionPath: dir, testApi: false });
      try {
        const welcome = await findPage(() => browser.context.pages(), '/welcome.html');
        await welcome.getByRole('heading', { level: 1 }).waitFor();
        expect(await welcome.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome to VocaliD Read Aloud');
        // The first control is the main path; its hint names the server it signs in to.
        const first = welcome.locator('main button').first();
        expect(await first.textContent()).toBe('Sign in with VocaliD');
        expect(await welcome.locator('main').textContent()).toContain('vocalid.co');
        // Self-hosting is one step away, not the default.
        expect(await welcome.getByLabel('VocaliD server address').isVisible()).toBe(false);
        await welcome.getByText('Use my own server').click();
        expect(await welcome.getByLabel('VocaliD server address').isVisible()).toBe(true);
        // The shortcuts as the browser has them now.
        const keys = (await welcome.getByTestId('shortcuts').textContent()) ?? '';
        expect(keys).toContain('Alt+Shift+Y');
        expect(keys).toContain('Alt+Shift+K');
        await welcome.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = false)));
        await welcome.screenshot({ path: path.join(repoRoot, 'docs/screenshots/welcome.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    },
  );

  it(
    'read before connecting: "Connect your VocaliD account" on the page → sign in on the welcome page → voice heard → page read',
    { timeout: 180_000 },
    async () => {
      const sw = session.browser.sw;
      await ext.setSettings(sw, { authMethod: 'pkce' });
      const { page, tabId } = await openTab(session.browser, session.fixtures.url('short-article.html'));
      const failed = ext.read(sw, tabId, { source: 'article' });
      await waitForState(sw, (s) => s.status === 'error', 60_000, 'the reading to stop');
      expect((await failed).error).toMatchObject({ action: 'connect', message: expect.stringMatching(CONNECT) });
      expect((await synthesisRequests(session.server)).length).toBe(0);

      // The notice on the page, with the way forward.
      const alert = page.locator('vocalid-mini-player [role="alert"]');
      await alert.waitFor({ timeout: 10_000 });
      expect(await alert.textContent()).toBe((await failed).error?.message);
      const connect = playerControl(page, 'error-action');
      expect(await connect.textContent()).toBe('Connect your VocaliD account');
      await connect.click();
      const welcome = await findPage(() => session.browser.context.pages(), '/welcome.html');

      // Sign in with VocaliD: the server's consent page in its own window.
      const consentOpened = session.browser.context.waitForEvent('page', { timeout: 15_000 });
      await welcome.getByTestId('welcome-sign-in').click();
      const consent = await consentOpened;
      await consent.waitForURL(/\/api\/v1\/oauth\/authorize/, { timeout: 15_000 });
      await consent.getByLabel('Username').fill('demo');
      await consent.getByLabel('Password').fill('demo-password');
      await consent.getByRole('button', { name: 'Allow' }).click();
      await expect
        .poll(() => welcome.getByTestId('welcome-status').textContent(), { timeout: 20_000 })
        .toMatch(/Signed in as /);
      await welcome.getByTestId('connected').waitFor({ timeout: 10_000 });

      // The voice heard once: a test sentence synthesised for the chosen voice.
      const preview = welcome.getByRole('button', { name: /^Preview / }).first();
      await preview.waitFor({ timeout: 20_000 });
      await preview.click();
      await waitFor(
        async () => (await synthesisRequests(session.server)).length > 0,
        20_000,
        'the test sentence to be synthesised',
      );

      // And now the page reads.
      await ext.read(sw, tabId, { source: 'article' });
      await waitForState(
        sw,
        (s) => s.units.some((u) => u.status === 'played' || u.status === 'playing'),
        60_000,
        'the page to be read after signing in',
      );
      await ext.stop(sw);
      await welcome.close();
      await page.close();
    },
  );
});
