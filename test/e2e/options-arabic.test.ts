// Options in Arabic, in real Chromium started with --lang=ar: the page is marked right to left, its headings and
// buttons are the Arabic messages, the layout is mirrored and nothing scrolls sideways in a 320 px window.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromeMessages, type ChromeMessages } from '../harness/locale-messages';
import { configureExtension, launchBrowser, startTestServer, type LaunchedBrowser, type LocalServer } from './helpers';

let server: LocalServer;
let browser: LaunchedBrowser;
let ar: ChromeMessages;
let page: Page;

/** An Arabic message as the built extension has it (`options.sections.account` → `options_sections_account`). */
const message = (key: string) => ar[key.replaceAll('.', '_')]!.message;

beforeAll(async () => {
  ar = await chromeMessages('ar');
  server = await startTestServer();
  browser = await launchBrowser({ args: ['--lang=ar'] });
  await configureExtension(browser.sw, server);
  page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`, { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 10_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Options in Arabic', () => {
  it('is marked Arabic, right to left, and titled in Arabic', async () => {
    const root = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
    }));
    expect(root).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(await page.title()).toBe(message('options.pageTitle'));
  });

  it('names its sections and buttons with the Arabic messages', async () => {
    await expect(
      page.getByRole('heading', { level: 2, name: message('options.sections.account') }).count(),
    ).resolves.toBe(1);
    await expect(
      page.getByRole('heading', { level: 2, name: message('options.sections.voiceSpeed') }).count(),
    ).resolves.toBe(1);
    await expect(page.getByRole('button', { name: message('options.account.testAndSave') }).count()).resolves.toBe(1);
    await expect(page.getByLabel(message('options.account.serverAddress')).count()).resolves.toBe(1);
  });

  it('explains a refused value in Arabic', async () => {
    const speed = page.locator('#reading-rate');
    await speed.fill('50');
    await speed.press('Enter');
    const error = page.locator('#reading-rate-error');
    await error.waitFor({ timeout: 10_000 });
    // The settings check's sentence, with the field's Arabic name in it — no English fragment around it.
    const text = (await error.textContent()) ?? '';
    expect(text).toContain(message('settings.fields.rate'));
    expect(text).not.toMatch(/must be|between/);
  });

  it('lays out from the right: the section list starts at the right edge', async () => {
    const nav = await page.evaluate(() => {
      const items = Array.from(document.querySelectorAll('.section-nav li')).map((li) => li.getBoundingClientRect());
      return { first: items[0]!.right, second: items[1]!.right, width: document.documentElement.clientWidth };
    });
    expect(nav.first).toBeGreaterThan(nav.second);
    expect(nav.first).toBeGreaterThan(nav.width / 2);
  });

  it('fits a 320 px wide window with no sideways scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.getByTestId('voice-table').waitFor({ timeout: 15_000 });
    const overflow = await page.evaluate(() => {
      const root = document.scrollingElement!;
      const wide = Array.from(document.querySelectorAll<HTMLElement>('body *'))
        .filter((el) => el.getClientRects().length > 0 && !el.closest('.visually-hidden'))
        .filter((el) => {
          const r = el.getBoundingClientRect();
          // Right to left, content that does not fit spills past the left edge.
          return r.left < -1 || r.right > root.clientWidth + 1;
        })
        .slice(0, 8)
        .map((el) => `${el.localName}.${el.className}`);
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
    });
    expect(overflow.wide).toEqual([]);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
  });
});
