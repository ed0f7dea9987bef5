// One real keystroke: Chromium only fires extension commands for real input, so this test runs headed Chromium
// on its own Xvfb display and presses the assigned shortcut with xdotool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearServerRequests,
  configureExtension,
  describeState,
  ext,
  launchBrowser,
  playedInOrder,
  runXdotool,
  shortcutToXdotool,
  squash,
  startFixtureServer,
  startTestServer,
  startXvfb,
  synthesisRequests,
  tabIdOf,
  waitForEnd,
  waitForState,
  type FixtureServer,
  type LaunchedBrowser,
  type TestServer,
  type XDisplay,
} from './helpers';

let server: TestServer;
let fixtures: FixtureServer;
let xvfb: XDisplay;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startTestServer();
  fixtures = await startFixtureServer();
  xvfb = await startXvfb();
  browser = await launchBrowser({ headed: true, env: xvfb.env });
  await configureExtension(browser.sw, server);
});

afterAll(async () => {
  await browser?.close();
  await xvfb?.close();
  await fixtures?.close();
  await server?.close();
});

describe('keyboard shortcut', () => {
  it('reads the article when the assigned read-aloud shortcut is pressed', async () => {
    const commands = await ext.commands(browser.sw);
    const readAloud = commands.find((c) => c.name === 'read-aloud');
    expect(readAloud, JSON.stringify(commands)).toBeDefined();
    // Chromium silently leaves a suggested key unassigned when it clashes; then no user could press it either.
    expect(readAloud!.shortcut, `read-aloud shortcut is assigned: ${JSON.stringify(commands)}`).toBeTruthy();

    // Use the window's existing tab so the fixture is the one active tab of the one window.
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(fixtures.url('short-article.html'), { waitUntil: 'load' });
    await page.bringToFront();
    const tabId = await tabIdOf(browser.sw, page);
    const paragraphs = await page.$$eval('article p', (ps) => ps.map((p) => p.textContent ?? ''));
    await clearServerRequests(server);

    const windows = (await runXdotool(xvfb.display, ['search', '--sync', '--onlyvisible', '--class', 'chromium']))
      .trim()
      .split('\n')
      .filter(Boolean);
    expect(windows.length, 'a visible Chromium window on the Xvfb display').toBeGreaterThan(0);
    const win = windows[windows.length - 1]!;
    await runXdotool(xvfb.display, ['windowfocus', '--sync', win]);
    await runXdotool(xvfb.display, ['mousemove', '--window', win, '400', '300']);
    await runXdotool(xvfb.display, ['key', '--clearmodifiers', shortcutToXdotool(readAloud!.shortcut!)]);

    await waitForState(browser.sw, (s) => s.tabId === tabId && s.status !== 'idle', 20_000, 'the shortcut to start');
    const end = await waitForEnd(browser.sw);
    expect(end.status, describeState(end)).toBe('done');
    expect(end.tabId).toBe(tabId);
    const units = playedInOrder(end);
    for (const u of units) expect(u.status, describeState(end)).toBe('played');
    const spoken = squash(units.map((u) => u.text).join(' '));
    for (const p of paragraphs) expect(spoken).toContain(squash(p));
    expect((await synthesisRequests(server)).length).toBeGreaterThan(0);
  });
});
