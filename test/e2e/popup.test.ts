// The popup, opened as a tab (`popup.html?tab=<id>` targets the page under test), driven by role and name.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  clearServerRequests,
  configureExtension,
  describeState,
  ext,
  openPopup,
  openTab,
  playedInOrder,
  selectText,
  sleep,
  startTestServer,
  synthesisRequests,
  useExtensionSession,
  waitFor,
  waitForEnd,
  waitForState,
  type ReadingState,
} from './helpers';
import { isActive } from '../../utils/reading/reading-state';

const session = useExtensionSession();

const startedCount = (s: ReadingState) => s.units.filter((u) => u.startedAt !== undefined).length;

const button = (popup: Page, name: RegExp) => popup.getByRole('button', { name }).first();
const playButton = (popup: Page) => button(popup, /^\s*(play|read)/i);

describe('popup', () => {
  it('plays, pauses, resumes and stops', async () => {
    const { tabId } = await openTab(session.browser, session.fixtures.url('twenty-sentences.html'));
    const popup = await openPopup(session.browser, tabId);

    await playButton(popup).click();
    const playing = await waitForState(
      session.browser.sw,
      (s) => s.status === 'playing' && startedCount(s) > 0,
      60_000,
      'playing with a unit started',
    );
    expect(playing.tabId).toBe(tabId);
    // The pause button announces the keys the pause command is bound to now (the manifest suggests Alt+Shift+K).
    const pauseKeys = (await ext.commands(session.browser.sw)).find((c) => c.name === 'pause-resume')?.shortcut;
    expect(pauseKeys).toBe('Alt+Shift+K');
    expect(await button(popup, /pause/i).getAttribute('aria-keyshortcuts')).toBe(pauseKeys);

    await button(popup, /pause/i).click();
    const paused = await waitForState(session.browser.sw, (s) => s.status === 'paused', 15_000, 'paused');
    // While paused nothing new may start. Waiting longer than one unit lasts makes a missed pause visible;
    // a slow machine can only make this pass more easily, never fail spuriously.
    await sleep(2_500);
    const stillPaused = await ext.state(session.browser.sw);
    expect(stillPaused.status).toBe('paused');
    expect(startedCount(stillPaused), describeState(stillPaused)).toBe(startedCount(paused));

    await button(popup, /resume|play/i).click();
    const resumed = await waitForState(
      session.browser.sw,
      (s) => s.status === 'playing' && startedCount(s) > startedCount(paused),
      60_000,
      'a further unit to start after resume',
    );

    await button(popup, /stop/i).click();
    const stopped = await waitForState(session.browser.sw, (s) => s.status === 'stopped', 15_000, 'stopped');
    expect(startedCount(stopped)).toBeLessThan(stopped.units.length);
    await sleep(2_500);
    const afterStop = await ext.state(session.browser.sw);
    expect(afterStop.status).toBe('stopped');
    expect(startedCount(afterStop), describeState(afterStop)).toBe(startedCount(stopped));
    expect(startedCount(resumed)).toBeLessThanOrEqual(startedCount(stopped));
    await popup.close();
  });

  it('keeps reading after the popup is closed', async () => {
    const { tabId } = await openTab(session.browser, session.fixtures.url('short-article.html'));
    const popup = await openPopup(session.browser, tabId);
    await playButton(popup).click();
    await waitForState(session.browser.sw, (s) => startedCount(s) > 0, 60_000, 'the first unit to start');
    await popup.close();

    const end = await waitForEnd(session.browser.sw);
    expect(end.status, describeState(end)).toBe('done');
    for (const u of playedInOrder(end)) expect(u.status, describeState(end)).toBe('played');
  });

  it('sends the pitch chosen in the popup with the next synthesis request', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('short-article.html'));
    await selectText(page, 'We left at dawn.', 'We left at dawn.');

    await ext.read(session.browser.sw, tabId, { source: 'selection' });
    const first = await waitForEnd(session.browser.sw);
    expect(first.status, describeState(first)).toBe('done');
    const before = await synthesisRequests(session.server);
    expect(before.length).toBeGreaterThan(0);
    const pitchBefore = before[0]!.pitch;

    const popup = await openPopup(session.browser, tabId);
    const settingsBefore = JSON.stringify(await ext.getSettings(session.browser.sw));
    const slider = popup.getByRole('slider', { name: /pitch/i });
    await slider.focus();
    // Real key presses on the slider: the way a keyboard user changes it, and it fires the real events.
    for (let i = 0; i < 3; i++) await popup.keyboard.press('ArrowRight');
    await waitFor(
      async () => JSON.stringify(await ext.getSettings(session.browser.sw)) !== settingsBefore,
      15_000,
      'the pitch change to reach the settings',
    );
    await popup.close();

    await clearServerRequests(session.server);
    await ext.read(session.browser.sw, tabId, { source: 'selection' });
    const second = await waitForEnd(session.browser.sw);
    expect(second.status, describeState(second)).toBe('done');
    const after = await synthesisRequests(session.server);
    expect(after.length, 'a new pitch cannot come from the cache').toBeGreaterThan(0);
    expect(after[0]!.pitch).toBeGreaterThan(pitchBefore);
    expect(after[0]!.pitch).toBe(second.params.pitch);
    await page.close();
  });

  it('says clearly that the server cannot be reached when it is down', async () => {
    const doomed = await startTestServer();
    await configureExtension(session.browser.sw, doomed);
    await doomed.close();
    try {
      const { tabId } = await openTab(session.browser, session.fixtures.url('short-article.html'));
      const popup = await openPopup(session.browser, tabId);
      await playButton(popup).click();
      const problem =
        /(can.?t|cannot|could ?n.?t|unable to|failed to|not able to) (reach|connect)|unreachable|not reachable|offline|no connection|connection (refused|failed)/i;
      let shown = '';
      // At once, while the reading keeps retrying (about 40 s), the popup says what is wrong and that it is trying.
      await waitFor(
        async () => /still trying/i.test((shown = await popup.locator('body').innerText())),
        15_000,
        'the popup to say it is still trying to reach the server',
      ).catch((err: Error) => {
        throw new Error(`${err.message}; the popup shows: ${JSON.stringify(shown)}`);
      });
      expect(shown).toMatch(problem);
      expect(isActive(await ext.state(session.browser.sw)), 'still retrying, not given up').toBe(true);
      // Then it gives up with the reason.
      await waitFor(
        async () => (await ext.state(session.browser.sw)).status === 'error',
        70_000,
        'the reading to give up',
      );
      await waitFor(
        async () => problem.test((shown = await popup.locator('body').innerText())) && !/still trying/i.test(shown),
        10_000,
        'the popup to say the server cannot be reached',
      ).catch((err: Error) => {
        throw new Error(`${err.message}; the popup shows: ${JSON.stringify(shown)}`);
      });
      const state = await ext.state(session.browser.sw);
      expect(state.status, describeState(state)).toBe('error');
      await popup.close();
    } finally {
      await configureExtension(session.browser.sw, session.server);
    }
  });
});
