// What a listener hears on a real-shaped page, in real Chromium with the page's own scripts running (issue 11):
// the headline first, then the article and only the article — no ads (one filled in by the page's script), bylines,
// footers, navigation, cookie banners, "continue reading" links, edit links or reference markers; every block a
// paragraph of its own (a loose text node never makes its container one block), so next paragraph moves one block
// and paragraph pauses fall where blocks change; the highlight covers exactly the unit heard. Inline math stays in
// its sentence. Promotions inside the article (pitches, follow prompts, links away, a bio, a dateline, a caption a
// gallery repeats, a credit in a caption) are not heard. A page with no text says so, offers the whole page, and
// sends nothing.
import { describe, expect, it } from 'vitest';
import {
  describeState,
  ext,
  firstUnitStartedAfter,
  openPopup,
  openTab,
  pageFollowState,
  playerControl,
  playingUnit,
  sleep,
  squash,
  requestsSettledAt,
  synthesisRequests,
  useExtensionSession,
  waitForState,
  type ReadingState,
} from './helpers';

const session = useExtensionSession({
  settings: { highlightGranularity: 'sentence', showMiniPlayer: true, sentencePauseMs: 100, paragraphPauseMs: 700 },
});

const HEARD = [
  'Harbour ferry returns after winter repairs',
  'The harbour ferry sailed again on Monday morning, crossing the bay from the old stone pier to the island landing in a little under twenty minutes.',
  'About forty passengers were on board.',
  'Repairs to the hull took three months.',
  'The crew painted the deck as well.',
  'History',
  'The service first ran in 1921.',
  'It has carried walkers and cyclists ever since.',
];
const NEVER = [
  'Advertisement',
  'Buy two',
  'Order Reprints',
  'print on page',
  'Continue reading',
  'Skip to',
  'Sign in',
  'Weather',
  'cookies',
  'Copyright',
  'Terms of Service',
  'loose text',
  '[1]',
  '[edit]',
  'By Ada',
];

const unitsOf = (s: ReadingState) =>
  s.units.map((u) => ({ text: squash(u.text), block: u.block, pauseAfterMs: u.pauseAfterMs }));

describe('reading quality on a news page with its scripts running', () => {
  it('hears the headline first, then the article only, one block per paragraph, with paragraph pauses where blocks change', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('quality-news.html'));
    expect(await page.getAttribute('html', 'data-page-script-ran')).toBe('yes');
    const started = await ext.read(session.browser.sw, tabId, { source: 'auto' });
    expect(started.source, describeState(started)).toBe('article');
    const units = unitsOf(started);
    expect(units.map((u) => u.text)).toEqual(HEARD);
    for (const never of NEVER) expect(units.map((u) => u.text).join(' | ')).not.toContain(never);
    // Blocks: the headline, p1 (two sentences), p2 (two), the h2, p3 (two).
    expect(units.map((u) => u.block)).toEqual([0, 1, 1, 2, 2, 3, 4, 4]);
    // A paragraph pause after the headline and wherever the block changes; a sentence pause inside a block.
    for (let i = 0; i < units.length - 1; i++) {
      const changes = units[i]!.block !== units[i + 1]!.block;
      const longer = units[i]!.pauseAfterMs > units[1]!.pauseAfterMs;
      expect(longer, `pause after unit ${i} "${units[i]!.text}": ${units[i]!.pauseAfterMs} ms`).toBe(changes);
    }
    expect(units[0]!.pauseAfterMs).toBeGreaterThan(units[1]!.pauseAfterMs);
    await ext.stop(session.browser.sw);
    await page.close();
  });

  it('highlights exactly the unit heard (the headline too) and moves one block with next paragraph', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('quality-news.html'));
    const started = await ext.read(session.browser.sw, tabId, { source: 'auto' });
    const sw = session.browser.sw;
    // The headline is the first unit heard, and it is highlighted on the page.
    await waitForState(sw, (s) => playingUnit(s)?.index === 0, 30_000, 'the headline to play');
    await expect
      .poll(async () => squash((await pageFollowState(page)).cssSentence ?? ''), { timeout: 10_000 })
      .toBe(HEARD[0]);
    // The first sentence of p1: next paragraph goes to p2's first sentence (one block on), not to the end.
    await waitForState(sw, (s) => playingUnit(s)?.index === 1, 30_000, 'p1 to play');
    await expect
      .poll(async () => squash((await pageFollowState(page)).cssSentence ?? ''), { timeout: 10_000 })
      .toBe(HEARD[1]);
    const pressedAt = Date.now();
    await playerControl(page, 'next-paragraph').click();
    const { unit: next, state: moved } = await firstUnitStartedAfter(sw, pressedAt, 'a unit after next paragraph');
    expect(next.block, describeState(moved)).toBe(started.units[1]!.block + 1);
    expect(squash(next.text)).toBe(HEARD[3]);
    await expect
      .poll(async () => squash((await pageFollowState(page)).cssSentence ?? ''), { timeout: 10_000 })
      .toBe(HEARD[3]);
    await ext.stop(sw);
    await page.close();
  });

  it('keeps inline math inside its sentence and reads the runs around a list as paragraphs of their own', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('quality-math.html'));
    const started = await ext.read(session.browser.sw, tabId, { source: 'auto' });
    await ext.stop(session.browser.sw);
    const units = unitsOf(started);
    expect(units.map((u) => u.text)).toEqual([
      'Two roots',
      'When a is not equal to 0 the equation has two roots.',
      'They may be equal.',
      'A loose line before the list.',
      'First item of the list.',
      'Second item of the list.',
      'A loose line after the list.',
      'That is all there is to it.',
    ]);
    expect(units.map((u) => u.block)).toEqual([0, 1, 1, 2, 3, 4, 5, 6]);
    await page.close();
  });
});

describe('reading quality on a page with promotions inside the article', () => {
  it('hears the article and its caption once, without dateline, credit, pitches, prompts, links away or the bio', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('quality-promo.html'));
    expect(await page.getAttribute('html', 'data-page-script-ran')).toBe('yes');
    const started = await ext.read(session.browser.sw, tabId, { source: 'auto' });
    await ext.stop(session.browser.sw);
    expect(started.source, describeState(started)).toBe('article');
    expect(unitsOf(started).map((u) => u.text)).toEqual([
      'Lighthouse keepers open their doors for the summer',
      'The old lighthouse on the northern cape opened to visitors on Saturday, for the first time since its lamp was replaced by an automatic light.',
      'The lamp room at the top of the tower, seen from the gallery.',
      'Volunteers will guide groups of ten up the spiral stairs every half hour until the end of August.',
      'Tickets cost four pounds, and children under twelve go free.',
    ]);
    await page.close();
  });
});

describe('a page with no readable text', () => {
  it('says "No article text found on this page", offers the whole page, and sends nothing', async () => {
    // The server logs a request when it ends: one the previous test stopped may be logged during this one.
    const since = await requestsSettledAt(session.server);
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('quality-empty.html'));
    expect(await page.getAttribute('html', 'data-page-script-ran')).toBe('yes');
    const state = await ext.read(session.browser.sw, tabId, { source: 'auto' });
    const ended =
      state.status === 'error'
        ? state
        : await waitForState(session.browser.sw, (s) => s.status === 'error', 10_000, 'the error');
    expect(ended.error?.message).toBe('No article text found on this page');
    expect(ended.error?.action).toBe('read-page');
    const popup = await openPopup(session.browser, tabId);
    await expect
      .poll(() => popup.getByRole('button', { name: 'Read the whole page' }).count(), { timeout: 10_000 })
      .toBe(1);
    await popup.close();
    await sleep(300);
    expect((await synthesisRequests(session.server)).filter((r) => r.arrivedAt >= since)).toEqual([]);
    await page.close();
  });
});
