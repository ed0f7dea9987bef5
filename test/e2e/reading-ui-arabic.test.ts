// The reading UI in a browser whose language is Arabic (issue 14 item 9): the page player on an English page and
// the popup speak Arabic and are laid out right to left — the player's host carries dir=rtl lang=ar whatever the
// page's own direction, it sits in the bottom-left corner, and its controls' names are the Arabic messages. The
// expected words are read from locales/ar.yml (as the build turns it into _locales), not from the code.
// Screenshots go to docs/screenshots/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromeMessages, type ChromeMessages } from '../harness/locale-messages';
import {
  configureExtension,
  ext,
  launchBrowser,
  openPopup,
  openTab,
  playerControl,
  playingUnit,
  repoRoot,
  startFixtureServer,
  startTestServer,
  waitForState,
  type FixtureServer,
  type LaunchedBrowser,
  type TestServer,
} from './helpers';

let server: TestServer;
let fixtures: FixtureServer;
let browser: LaunchedBrowser;
let ar: ChromeMessages;
const shots = path.join(repoRoot, 'docs', 'screenshots');

beforeAll(async () => {
  ar = await chromeMessages('ar');
  server = await startTestServer();
  fixtures = await startFixtureServer();
  browser = await launchBrowser({ args: ['--lang=ar'] });
  await configureExtension(browser.sw, server, {
    showMiniPlayer: true,
    highlightGranularity: 'sentence',
    rate: 1,
  });
});

afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
  await server?.close();
});

/** An Arabic message by its key in the messages files (`player.pause` → `player_pause`). */
const message = (key: string): string => {
  const text = ar[key.replaceAll('.', '_')]?.message;
  if (!text) throw new Error(`no Arabic message ${key}`);
  return text;
};

async function startReading(): Promise<{ page: Page; tabId: number }> {
  const opened = await openTab(browser, fixtures.url('transport-article.html'));
  await opened.page.setViewportSize({ width: 900, height: 700 });
  await opened.page.bringToFront();
  await ext.read(browser.sw, opened.tabId, { source: 'article' });
  await waitForState(browser.sw, (s) => playingUnit(s) !== undefined, 30_000, 'audio to start');
  await playerControl(opened.page, 'toggle').waitFor({ timeout: 10_000 });
  return opened;
}

describe('reading UI in Arabic', () => {
  it('the page player is right to left in Arabic on an English page, with Arabic control names', async () => {
    const { page } = await startReading();
    expect(
      await page.evaluate(() => document.documentElement.dir || getComputedStyle(document.body).direction),
    ).not.toBe('rtl');
    const host = page.locator('vocalid-mini-player');
    expect(await host.getAttribute('dir')).toBe('rtl');
    expect(await host.getAttribute('lang')).toBe('ar');
    expect(await page.getByRole('region', { name: message('player.region') }).count()).toBe(1);
    // Playing: the toggle is "Pause", in Arabic, as its accessible name.
    expect(await page.getByRole('button', { name: message('player.pause'), exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: message('player.nextSentence'), exact: true }).count()).toBe(1);
    // Right to left: "previous" is right of "next", and the player sits at the inline end (the left).
    const previous = await playerControl(page, 'prev-sentence').boundingBox();
    const next = await playerControl(page, 'next-sentence').boundingBox();
    expect(previous!.x).toBeGreaterThan(next!.x);
    const box = await host.boundingBox();
    expect(box!.x + box!.width / 2).toBeLessThan(450);
    await mkdir(shots, { recursive: true });
    await host.screenshot({ path: path.join(shots, 'player-arabic.png') });
  });

  it('the popup is right to left with its controls named in Arabic', async () => {
    const { tabId } = await startReading();
    const popup = await openPopup(browser, tabId);
    await popup.setViewportSize({ width: 360, height: 640 });
    const stop = popup.getByRole('button', { name: message('player.stop'), exact: true });
    await stop.waitFor({ timeout: 10_000 });
    expect(await popup.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual([
      'rtl',
      'ar',
    ]);
    expect(await popup.getByRole('heading', { level: 1 }).textContent()).toBe(message('manifest.name'));
    expect(await popup.getByRole('slider', { name: message('popup.speed') }).count()).toBe(1);
    // Laid out from the right: the first transport button (previous paragraph) is the rightmost.
    const first = await popup.locator('[data-action="prev-paragraph"]').boundingBox();
    const last = await stop.boundingBox();
    expect(first!.x).toBeGreaterThan(last!.x);
    await popup.screenshot({ path: path.join(shots, 'popup-arabic.png'), fullPage: true });
  });
});
