// One real keystroke in Firefox: headed Firefox ESR on an Xvfb display of its own, the add-on's assigned
// read-aloud shortcut pressed with xdotool as a real X key event — the path a user takes, with no test hook between
// the key and the command listener (the other Firefox files call the handlers through the test API).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearServerRequests, describeState, playedInOrder, squash, synthesisRequests } from '../e2e/helpers';
import { ffExt, firefoxTabId, launchFirefox, type FirefoxBackground, type LaunchedFirefox } from '../harness/firefox';
import { pressShortcutInWindow, startXvfb, type XDisplay } from '../harness/xvfb';
import { useFirefoxSession, type FirefoxSession } from './firefox-session';

let xvfb: XDisplay;
let session: FirefoxSession<LaunchedFirefox>;
let bg: FirefoxBackground;

beforeAll(async () => {
  xvfb = await startXvfb();
});
// Registered before the session's own hooks, so (hooks run as a stack) the display closes after Firefox.
afterAll(() => xvfb?.close());
useFirefoxSession(
  () => launchFirefox({ display: xvfb.display }),
  (s) => ({ bg } = session = s),
);

describe('keyboard shortcut in real Firefox', () => {
  it('reads the article when the assigned read-aloud shortcut is pressed', async () => {
    const commands = await ffExt.commands(bg);
    const readAloud = commands.find((c) => c.name === 'read-aloud');
    // Firefox leaves a suggested key unassigned when it clashes with one of its own; then no user could press it.
    expect(readAloud?.shortcut, JSON.stringify(commands)).toBeTruthy();

    const url = session.fixtures.url('short-article.html');
    const page = await session.ff.browser.newPage();
    await page.goto(url);
    await page.bringToFront();
    const tabId = await firefoxTabId(bg, url);
    const paragraphs = await page.$$eval('article p', (ps) => ps.map((p) => p.textContent ?? ''));
    await clearServerRequests(session.server);

    await pressShortcutInWindow(xvfb.display, 'firefox-esr', readAloud!.shortcut!);

    await ffExt.waitForState(bg, (s) => s.tabId === tabId && s.status !== 'idle', 20_000, 'the shortcut to start');
    const end = await ffExt.waitForState(bg, (s) => ['done', 'stopped', 'error'].includes(s.status), 90_000, 'the end');
    expect(end.status, describeState(end)).toBe('done');
    const units = playedInOrder(end);
    expect(units.length).toBeGreaterThan(0);
    const spoken = squash(units.map((u) => u.text).join(' '));
    for (const p of paragraphs) expect(spoken).toContain(squash(p));
    expect((await synthesisRequests(session.server)).length).toBe(units.length);
  });
});
