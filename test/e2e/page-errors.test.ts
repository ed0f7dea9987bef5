// Errors where the user is: a reading that rides out a server outage says so on the page player, and one that
// gives up leaves the player showing what happened and the action that helps (here "Try again"), with the
// toolbar badge marking it, until the user closes it. The server is "down" by dropping every synthesis
// connection (the client sees what a refused connection looks like: no answer at all).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ext,
  openTab,
  playerControl,
  repoRoot,
  setServerFaults,
  useExtensionSession,
  waitFor,
  waitForState,
  type ReadingState,
} from './helpers';

const session = useExtensionSession({ settings: { prefetchSeconds: 1 } });

const SYNTHESIS = '/api/v1/external/synthesis/';

async function playerMessage(page: Page): Promise<string> {
  return (
    (await page
      .locator('vocalid-mini-player [data-testid="message"]')
      .textContent()
      .catch(() => null)) ?? ''
  );
}

async function badgeText(): Promise<string> {
  return session.browser.sw.evaluate(() =>
    (
      globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
    ).chrome.action.getBadgeText({}),
  );
}

const played = (s: ReadingState) => s.units.filter((u) => u.status === 'played').length;

describe('errors on the page', () => {
  it(
    'the server goes away: the player says it is still trying, then shows the error with Try again and a badge; Try again carries on',
    { timeout: 150_000 },
    async () => {
      const sw = session.browser.sw;
      const { page, tabId } = await openTab(session.browser, session.fixtures.url('reliability-sentences.html'));
      await ext.read(sw, tabId, { source: 'article' });
      await waitForState(sw, (s) => played(s) >= 1, 60_000, 'the first sentence to play');
      await setServerFaults(session.server, [{ path: SYNTHESIS, drop: true }]);

      // While it retries, the player says so (instead of "playing, N min left").
      await waitFor(async () => /still trying/i.test(await playerMessage(page)), 60_000, 'the retry notice');

      const failed = await waitForState(sw, (s) => s.status === 'error', 90_000, 'the reading to give up');
      expect(failed.error?.action).toBe('retry');
      const alert = page.locator('vocalid-mini-player [role="alert"]');
      await alert.waitFor({ timeout: 10_000 });
      expect(await alert.textContent()).toBe(failed.error?.message);
      expect(await badgeText()).toBe('!');
      await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/player-error.png') });
      // It stays: a few seconds later it is still there.
      await page.waitForTimeout(3000);
      expect(await alert.isVisible()).toBe(true);

      // The server is back; "Try again" on the page carries on from the sentence that failed.
      await setServerFaults(session.server, []);
      const resumeFrom = failed.units.find((u) => u.status !== 'played')!;
      await playerControl(page, 'error-action').click();
      const again = await waitForState(
        sw,
        (s) => s.sessionId !== failed.sessionId && s.units.some((u) => u.status === 'played' || u.status === 'playing'),
        60_000,
        'the reading to carry on',
      );
      expect(again.units[0]!.text).toBe(resumeFrom.text);
      expect(await badgeText()).toBe('');
      expect(await alert.count()).toBe(0);
      await ext.stop(sw);
      await page.close();
    },
  );

  it('Close removes the error and the badge', { timeout: 120_000 }, async () => {
    const sw = session.browser.sw;
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('short-article.html'));
    // Every request refused with a status the client does not retry: the reading fails at once.
    await setServerFaults(session.server, [{ path: SYNTHESIS, status: 400 }]);
    try {
      await ext.read(sw, tabId, { source: 'article' });
      await waitForState(sw, (s) => s.status === 'error', 60_000, 'the reading to fail');
      const alert = page.locator('vocalid-mini-player [role="alert"]');
      await alert.waitFor({ timeout: 10_000 });
      await waitFor(async () => (await badgeText()) === '!', 5000, 'the badge');
      // By keyboard: Tab to Close, Enter.
      await playerControl(page, 'dismiss').focus();
      await page.keyboard.press('Enter');
      await waitFor(async () => (await alert.count()) === 0, 5000, 'the error to close');
      await waitFor(async () => (await badgeText()) === '', 5000, 'the badge to clear');
    } finally {
      await setServerFaults(session.server, []);
      await page.close();
    }
  });
});
