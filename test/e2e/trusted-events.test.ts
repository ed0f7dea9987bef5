// A page's own script shares the DOM with the page script: once that is on the page, the page could dispatch an
// Alt+click or click the paragraph button and the mini player's controls itself (untrusted events). In real Chromium:
// such events start nothing and steer nothing (worker state unchanged, no synthesis request), while the user's
// real clicks (Playwright input, trusted) still work.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  clearServerRequests,
  describeState,
  ext,
  openTab,
  playerControl,
  playingUnit,
  sleep,
  squash,
  synthesisRequests,
  useExtensionSession,
  waitForState,
  type ReadingState,
} from './helpers';

const session = useExtensionSession({ settings: { showMiniPlayer: true, paragraphPlayButtons: true } });

/** Long enough for a reading started by an event to have asked the worker and the server (it takes well under 1 s). */
const SETTLE_MS = 2_000;

/** The reading as far as a page event could have changed it. */
function fingerprint(s: ReadingState) {
  return {
    sessionId: s.sessionId,
    status: s.status,
    triggeredAt: s.triggeredAt,
    playEpoch: s.playEpoch,
    rate: s.params.rate,
  };
}

/** Runs in the page's main world, as the page's own script would. */
function pageScript(page: Page, fn: () => void): Promise<void> {
  return page.evaluate(fn);
}

describe('page events that are not the user’s', () => {
  it('a synthetic Alt+click or paragraph-button click starts no reading; the user’s Alt+click does', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('follow-article.html'));
    // The page script is on the page after a first read.
    await ext.read(session.browser.sw, tabId, { source: 'article' });
    await ext.stop(session.browser.sw);
    // A real pointer move over a paragraph shows its play button (real input, so it must appear).
    await page.hover('#p2');
    await page.locator('vocalid-paragraph-play button').waitFor({ timeout: 10_000 });
    await sleep(500);
    await clearServerRequests(session.server);
    const before = fingerprint(await ext.state(session.browser.sw));

    await pageScript(page, () => {
      const p3 = document.getElementById('p3')!;
      p3.textContent = 'Text the page just wrote and wants read aloud.';
      p3.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, altKey: true }));
      // The paragraph button's shadow root is open in test builds; on real pages it is closed, this is the worst case.
      document.querySelector('vocalid-paragraph-play')!.shadowRoot!.querySelector('button')!.click();
    });
    await sleep(SETTLE_MS);
    const after = await ext.state(session.browser.sw);
    expect(fingerprint(after), describeState(after)).toEqual(before);
    expect(await synthesisRequests(session.server)).toEqual([]);

    const t = Date.now();
    await page.click('#p3', { modifiers: ['Alt'] });
    const started = await waitForState(
      session.browser.sw,
      (s) => (s.triggeredAt ?? 0) >= t && s.units.some((u) => u.startedAt !== undefined),
      30_000,
      'the user’s Alt+click to start a reading',
    );
    expect(squash(started.units[0]!.text)).toBe('Text the page just wrote and wants read aloud.');
    await ext.stop(session.browser.sw);
    await page.close();
  });

  it('synthetic clicks and keys on the mini player’s controls do not steer the reading; the user’s click does', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('follow-article.html'));
    await ext.read(session.browser.sw, tabId, { source: 'article' });
    await waitForState(session.browser.sw, (s) => playingUnit(s) !== undefined, 30_000, 'audio to start');
    await playerControl(page, 'toggle').waitFor({ timeout: 10_000 });
    await ext.pause(session.browser.sw);
    await waitForState(session.browser.sw, (s) => s.status === 'paused', 10_000, 'the reading to pause');
    const hostBox = await page.locator('vocalid-mini-player').boundingBox();
    const before = fingerprint(await ext.state(session.browser.sw));

    await pageScript(page, () => {
      const root = document.querySelector('vocalid-mini-player')!.shadowRoot!;
      for (const action of ['toggle', 'next-paragraph', 'next-sentence', 'prev-sentence', 'faster', 'slower', 'stop']) {
        (root.querySelector(`[data-action="${action}"]`) as HTMLButtonElement).click();
      }
      const handle = root.querySelector('[data-action="move"]')!;
      handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', shiftKey: true, bubbles: true }));
    });
    await sleep(SETTLE_MS);
    const after = await ext.state(session.browser.sw);
    expect(fingerprint(after), describeState(after)).toEqual(before);
    expect(await page.locator('vocalid-mini-player').boundingBox()).toEqual(hostBox);

    await playerControl(page, 'toggle').click();
    await waitForState(session.browser.sw, (s) => s.status === 'playing', 10_000, 'the user’s click on Play to resume');
    await ext.stop(session.browser.sw);
    await page.close();
  });
});
