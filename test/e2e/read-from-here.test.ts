// Read from here and resume, in real Chromium: Alt+click and the "Read from here" context-menu item start at the
// chosen paragraph (its first sentence is the first unit requested and played), and a page read before offers to
// continue where the user stopped — on the page when reading starts, and in the popup.
import { describe, expect, it } from 'vitest';
import {
  clearServerRequests,
  describeState,
  ext,
  openPopup,
  openTab,
  playingUnit,
  queryParams,
  serverRequests,
  squash,
  useExtensionSession,
  waitForState,
  type ReadingState,
} from './helpers';

const session = useExtensionSession({ settings: { showMiniPlayer: true } });

const P3_FIRST = 'The river bent to the east.';
const P2_FIRST = 'Birds sang in the tall trees.';

/** The reading that started after `t` has played its first unit: returns that state. */
function firstPlayed(t: number): Promise<ReadingState> {
  return waitForState(
    session.browser.sw,
    (s) => (s.triggeredAt ?? 0) >= t && s.units.some((u) => u.startedAt !== undefined),
    30_000,
    'the new reading to play its first unit',
  );
}

/** The reading (triggered at `t`) starts with `sentence`: its first unit, first played, and first requested. */
async function expectStartsWith(state: ReadingState, sentence: string, t: number): Promise<void> {
  expect(squash(state.units[0]!.text), describeState(state)).toBe(sentence);
  const first = state.units.filter((u) => u.startedAt !== undefined).sort((a, b) => a.startedAt! - b.startedAt!)[0]!;
  expect(squash(first.text)).toBe(sentence);
  // Requests of an earlier reading (stopped just before) may still be logged: only those sent after `t` count.
  // The log records a request when it completes (`at`), after `ms` of handling.
  const sent = (await serverRequests(session.server))
    .filter((r) => /\/synthesis\/?$/.test(r.path) && Number(r.at) - r.ms >= t)
    .sort((a, b) => Number(a.at) - a.ms - (Number(b.at) - b.ms));
  expect(sent.length).toBeGreaterThan(0);
  expect(squash(queryParams(sent[0]!.query).script ?? '')).toBe(sentence);
}

describe('read from here', () => {
  it('Alt+click on the third paragraph reads from its first sentence', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('follow-article.html'));
    // Alt+click works once the page script is on the page (injected by a first read).
    await ext.read(session.browser.sw, tabId, { source: 'article' });
    await ext.stop(session.browser.sw);
    await clearServerRequests(session.server);

    const t = Date.now();
    await page.click('#p3', { modifiers: ['Alt'] });
    const state = await firstPlayed(t);
    expect(state.tabId).toBe(tabId);
    await expectStartsWith(state, P3_FIRST, t);
    await ext.stop(session.browser.sw);
    await page.close();
  });

  it('the context-menu item on a page never read before starts at the paragraph under the pointer', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('follow-article.html'));
    await page.click('#p3', { button: 'right' });
    const t = Date.now();
    await ext.contextMenuClick(
      session.browser.sw,
      { menuItemId: 'read-from-here', pageUrl: page.url(), frameId: 0, editable: false },
      tabId,
    );
    await expectStartsWith(await firstPlayed(t), P3_FIRST, t);
    await ext.stop(session.browser.sw);
    await page.close();
  });

  it('once the page script is there, the context-menu item uses the element right-clicked, wherever the pointer went', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('follow-article.html'));
    await ext.read(session.browser.sw, tabId, { source: 'article' });
    await ext.stop(session.browser.sw);
    await clearServerRequests(session.server);

    await page.click('#p2', { button: 'right' });
    await page.hover('#p4');
    const t = Date.now();
    await ext.contextMenuClick(
      session.browser.sw,
      { menuItemId: 'read-from-here', pageUrl: page.url(), frameId: 0, editable: false },
      tabId,
    );
    await expectStartsWith(await firstPlayed(t), P2_FIRST, t);
    await ext.stop(session.browser.sw);
    await page.close();
  });
});

describe('resume', () => {
  it('after a reload the page offers to continue from the stored sentence, and so does the popup', async () => {
    const url = session.fixtures.url('follow-article.html');
    const { page, tabId } = await openTab(session.browser, url);
    await ext.read(session.browser.sw, tabId, { source: 'article' });
    const at = await waitForState(
      session.browser.sw,
      (s) => (playingUnit(s)?.index ?? -1) >= 5,
      60_000,
      'unit 5 to play',
    );
    await ext.stop(session.browser.sw);
    const stopped = await ext.state(session.browser.sw);
    // Where the user stopped: the unit that was playing (or the next one, if the stop fell between units).
    const storedIndex = stopped.units.find((u) => u.status !== 'played')?.index ?? playingUnit(at)!.index;
    const storedText = squash(stopped.units[storedIndex]!.text);

    await page.reload({ waitUntil: 'load' });
    await ext.read(session.browser.sw, tabId, { source: 'article' });
    const offer = page.locator('vocalid-resume-offer [data-action="continue"]');
    await offer.waitFor({ timeout: 20_000 });
    const offerText = await page.locator('vocalid-resume-offer .text').textContent();
    expect(offerText).toContain(storedText.split(' ').slice(0, 4).join(' '));

    const t = Date.now();
    await offer.click();
    const continued = await waitForState(
      session.browser.sw,
      (s) => s.units.some((u) => u.startedAt !== undefined && u.startedAt > t),
      30_000,
      'a unit to start after accepting the offer',
    );
    const first = continued.units.filter((u) => u.startedAt! > t).sort((a, b) => a.startedAt! - b.startedAt!)[0]!;
    expect(squash(first.text)).toBe(storedText);
    await ext.stop(session.browser.sw);

    // The popup offers the position stored now; accepting starts a reading there.
    const nowStopped = await ext.state(session.browser.sw);
    const popupIndex = nowStopped.units.find((u) => u.status !== 'played')?.index ?? first.index;
    const popupText = squash(nowStopped.units[popupIndex]!.text);
    const popup = await openPopup(session.browser, tabId);
    const button = popup.getByRole('button', { name: /continue from/i });
    await button.waitFor({ timeout: 10_000 });
    expect(await button.textContent()).toContain(popupText.split(' ').slice(0, 3).join(' '));
    const t2 = Date.now();
    await button.click();
    const resumed = await firstPlayed(t2);
    expect(squash(resumed.units[0]!.text)).toBe(popupText);
    await ext.stop(session.browser.sw);
    await popup.close();
    await page.close();
  });
});
