// One real keystroke: Chromium only fires extension commands for real input, so this test runs headed Chromium
// on its own Xvfb display and presses the assigned shortcut with xdotool.
import { describe, expect, it } from 'vitest';
import {
  clearServerRequests,
  describeState,
  ext,
  playedInOrder,
  pressShortcutInChromium,
  squash,
  synthesisRequests,
  tabIdOf,
  useExtensionSession,
  waitForEnd,
  waitForState,
} from './helpers';

const session = useExtensionSession({ headed: true, reset: false });

describe('keyboard shortcut', () => {
  it('every command with a suggested key really gets it', async () => {
    // Chromium silently drops a suggested key it reserves (Alt+Shift+P was): the manifest is the only place that
    // says which commands suggest one, so read it and compare with what Chromium assigned.
    type Manifest = { commands?: Record<string, { suggested_key?: unknown }> };
    const manifest = await session.browser.sw.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { getManifest(): Manifest } } }).chrome.runtime.getManifest(),
    );
    const suggested = Object.entries(manifest.commands ?? {})
      .filter(([, c]) => c.suggested_key !== undefined)
      .map(([name]) => name);
    expect(suggested.sort()).toEqual(['focus-player', 'pause-resume', 'read-aloud', 'stop']);
    const assigned = await ext.commands(session.browser.sw);
    for (const name of suggested) {
      expect(assigned.find((c) => c.name === name)?.shortcut, `${name}: ${JSON.stringify(assigned)}`).toBeTruthy();
    }
  });

  it('reads the article when the assigned read-aloud shortcut is pressed', async () => {
    const commands = await ext.commands(session.browser.sw);
    const readAloud = commands.find((c) => c.name === 'read-aloud');
    expect(readAloud, JSON.stringify(commands)).toBeDefined();
    // Chromium silently leaves a suggested key unassigned when it clashes; then no user could press it either.
    expect(readAloud!.shortcut, `read-aloud shortcut is assigned: ${JSON.stringify(commands)}`).toBeTruthy();

    // Use the window's existing tab so the fixture is the one active tab of the one window.
    const page = session.browser.context.pages()[0] ?? (await session.browser.context.newPage());
    await page.goto(session.fixtures.url('short-article.html'), { waitUntil: 'load' });
    await page.bringToFront();
    const tabId = await tabIdOf(session.browser.sw, page);
    const paragraphs = await page.$$eval('article p', (ps) => ps.map((p) => p.textContent ?? ''));
    await clearServerRequests(session.server);

    await pressShortcutInChromium(session.xvfb.display, readAloud!.shortcut!);

    await waitForState(
      session.browser.sw,
      (s) => s.tabId === tabId && s.status !== 'idle',
      20_000,
      'the shortcut to start',
    );
    const end = await waitForEnd(session.browser.sw);
    expect(end.status, describeState(end)).toBe('done');
    expect(end.tabId).toBe(tabId);
    const units = playedInOrder(end);
    for (const u of units) expect(u.status, describeState(end)).toBe('played');
    const spoken = squash(units.map((u) => u.text).join(' '));
    for (const p of paragraphs) expect(spoken).toContain(squash(p));
    expect((await synthesisRequests(session.server)).length).toBeGreaterThan(0);
  });
});
