// The reading in real Firefox ESR: the Firefox build (MV2, the player in the background page) against the real
// server on loopback, driven over WebDriver BiDi (test/harness/firefox.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  clearServerRequests,
  describeState,
  playedInOrder,
  squash,
  startFixtureServer,
  startTestServer,
  synthesisRequests,
  type FixtureServer,
  type ReadingState,
  type TestServer,
} from '../e2e/helpers';
import {
  connectBackground,
  ffExt,
  firefoxTabId,
  launchFirefox,
  type FirefoxBackground,
  type LaunchedFirefox,
} from '../harness/firefox';

let ff: LaunchedFirefox;
let server: TestServer;
let fixtures: FixtureServer;
let bg: FirefoxBackground;

const FINAL = ['done', 'stopped', 'error'];

beforeAll(async () => {
  [server, fixtures] = await Promise.all([startTestServer(), startFixtureServer()]);
  ff = await launchFirefox();
  bg = await connectBackground(ff);
  await ffExt.setSettings(bg, { baseUrl: server.url, rate: 2 });
});

afterAll(async () => {
  await bg?.close();
  await ff?.close();
  await Promise.all([server?.close(), fixtures?.close()]);
});

async function openFixture(name: string): Promise<{ page: Page; tabId: number }> {
  const url = fixtures.url(name);
  const page = await ff.browser.newPage();
  await page.goto(url);
  return { page, tabId: await firefoxTabId(bg, url) };
}

describe('reading in real Firefox', () => {
  it('reads an article to the end: every unit played once, in order, each sent to the server once', async () => {
    await clearServerRequests(server);
    const { page, tabId } = await openFixture('short-article.html');
    const paragraphs = await page.$$eval('article p', (ps) => ps.map((p) => p.textContent ?? ''));

    await ffExt.read(bg, tabId, { source: 'article' });
    const end: ReadingState = await ffExt.waitForState(bg, (s) => FINAL.includes(s.status), 90_000, 'reading to end');
    expect(end.status, describeState(end)).toBe('done');
    const units = playedInOrder(end);
    for (const u of units) expect(u.status, `unit ${u.index}: ${describeState(end)}`).toBe('played');
    for (let i = 1; i < units.length; i++) expect(units[i]!.startedAt!).toBeGreaterThan(units[i - 1]!.startedAt!);
    for (const p of paragraphs) expect(squash(units.map((u) => u.text).join(' '))).toContain(squash(p));

    const started = (await ffExt.playbackLog(bg, end.sessionId!)).filter((e) => e.kind === 'started');
    expect(started.map((e) => e.index)).toEqual(units.map((u) => u.index));
    const requests = await synthesisRequests(server);
    expect(requests.map((r) => squash(r.script)).sort()).toEqual(units.map((u) => squash(u.text)).sort());
    await page.close();
  });
});
