// The extension's own pages checked by axe as people with different display settings see them: light, dark, and
// forced colours (Windows High Contrast and the like), in real Chromium. Issue 14 asks for 0 violations on the
// onboarding page, the popup, Options, the privacy question and the on-page player in all three.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ext, openTab, playerControl, playingUnit, useExtensionSession, waitForState } from './helpers';

const session = useExtensionSession({ settings: { showMiniPlayer: true } });

const THEMES = [
  { name: 'light', media: { colorScheme: 'light', forcedColors: 'none' } },
  { name: 'dark', media: { colorScheme: 'dark', forcedColors: 'none' } },
  { name: 'forced colours', media: { colorScheme: 'light', forcedColors: 'active' } },
] as const;

/** The page, with every `<details>` opened so what it hides is checked too. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function openExtensionPage(path: string, ready: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await session.browser.context.newPage();
  await page.goto(`chrome-extension://${session.browser.extensionId}${path}`, { waitUntil: 'load' });
  await ready(page);
  return page;
}

describe.each(THEMES)('axe in $name', ({ media }) => {
  it('the welcome page has no violations', async () => {
    const page = await openExtensionPage('/welcome.html', (p) => p.getByRole('heading', { level: 1 }).waitFor());
    await page.emulateMedia(media);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('the popup has no violations', async () => {
    const { page: article, tabId } = await openTab(session.browser, session.fixtures.url('twenty-sentences.html'));
    const page = await openExtensionPage(`/popup.html?tab=${tabId}`, (p) => p.getByRole('button').first().waitFor());
    await page.emulateMedia(media);
    expect(await violations(page)).toEqual([]);
    await page.close();
    await article.close();
  });

  it('Options has no violations', async () => {
    const page = await openExtensionPage('/options.html', (p) => p.getByRole('heading', { name: /Options/ }).waitFor());
    await page.emulateMedia(media);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('the on-page player has no violations', async () => {
    const { page, tabId } = await openTab(session.browser, `${session.server.url}/demo/article.html`);
    await page.emulateMedia(media);
    await ext.read(session.browser.sw, tabId, { source: 'article' });
    await waitForState(session.browser.sw, (s) => playingUnit(s) !== undefined, 60_000, 'audio to start');
    await playerControl(page, 'toggle').waitFor({ timeout: 10_000 });
    const result = await new AxeBuilder({ page }).include('vocalid-mini-player').analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await ext.stop(session.browser.sw);
    await page.close();
  });

  it('the privacy question has no violations', async () => {
    const query = new URLSearchParams({
      id: 'axe-check',
      site: 'news.example',
      chars: '1234',
      server: 'https://x.test',
    });
    const page = await openExtensionPage(`/privacy-prompt.html?${query}`, (p) =>
      p.getByRole('button').first().waitFor(),
    );
    await page.emulateMedia(media);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});
