// Acceptance tests of the reading spine: built test extension in real Chromium, real server on loopback.
import { describe, expect, it } from 'vitest';
import {
  clearServerRequests,
  describeState,
  ext,
  openTab,
  playedInOrder,
  selectText,
  squash,
  synthesisRequests,
  useExtensionSession,
  waitForEnd,
  type ReadingState,
} from './helpers';

const session = useExtensionSession();

/** Every unit played, once, one after another, in index order. */
function expectPlayedInOrder(state: ReadingState) {
  const units = playedInOrder(state);
  expect(units.map((u) => u.index)).toEqual(units.map((_, i) => i));
  for (const u of units) {
    expect(u.status, `unit ${u.index}: ${describeState(state)}`).toBe('played');
    expect(u.startedAt, `unit ${u.index} startedAt`).toBeTypeOf('number');
    expect(u.endedAt, `unit ${u.index} endedAt`).toBeTypeOf('number');
    expect(u.endedAt!).toBeGreaterThanOrEqual(u.startedAt!);
  }
  for (let i = 1; i < units.length; i++) {
    const prev = units[i - 1]!;
    const cur = units[i]!;
    expect(cur.startedAt!, `unit ${cur.index} starts after unit ${prev.index} started`).toBeGreaterThan(
      prev.startedAt!,
    );
    // Start and end times are converted from the audio clock; allow clock-conversion jitter, not overlap.
    expect(cur.startedAt!, `unit ${cur.index} starts once unit ${prev.index} has ended`).toBeGreaterThanOrEqual(
      prev.endedAt! - 100,
    );
  }
}

function sortedTexts(texts: string[]) {
  return texts.map(squash).sort();
}

describe('reading in real Chromium', () => {
  it('reads only the selected sentences, in order, from the context-menu handler', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('short-article.html'));
    const selected = await selectText(page, 'Birds sang', 'crossed the road.');
    expect(squash(selected)).toBe('Birds sang in the trees. A fox crossed the road.');

    await ext.contextMenuClick(
      session.browser.sw,
      { menuItemId: 'read-aloud', selectionText: selected, pageUrl: page.url(), frameId: 0, editable: false },
      tabId,
    );
    const end = await waitForEnd(session.browser.sw);
    expect(end.status, describeState(end)).toBe('done');
    expect(end.tabId).toBe(tabId);
    expectPlayedInOrder(end);
    expect(
      squash(
        playedInOrder(end)
          .map((u) => u.text)
          .join(' '),
      ),
    ).toBe(squash(selected));

    const requests = await synthesisRequests(session.server);
    expect(sortedTexts(requests.map((r) => r.script))).toEqual(sortedTexts(end.units.map((u) => u.text)));
    for (const r of requests) {
      expect(squash(selected)).toContain(squash(r.script));
    }
    await page.close();
  });

  it('plays every unit of an article exactly once and in order, skipping nothing', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('short-article.html'));
    const paragraphs = await page.$$eval('article p', (ps) => ps.map((p) => p.textContent ?? ''));

    const started = await ext.read(session.browser.sw, tabId, { source: 'article' });
    expect(started.tabId).toBe(tabId);
    const end = await waitForEnd(session.browser.sw);
    expect(end.status, describeState(end)).toBe('done');
    expect(end.error).toBeUndefined();
    expectPlayedInOrder(end);

    const spoken = squash(
      playedInOrder(end)
        .map((u) => u.text)
        .join(' '),
    );
    for (const p of paragraphs) expect(spoken).toContain(squash(p));

    // One successful request per unit, none repeated, none for text that is not read.
    const requests = await synthesisRequests(session.server);
    expect(
      requests.every((r) => r.status === 200),
      JSON.stringify(requests.map((r) => r.status)),
    ).toBe(true);
    expect(sortedTexts(requests.map((r) => r.script))).toEqual(sortedTexts(end.units.map((u) => u.text)));
    await page.close();
  });

  it('reads the same page again from the cache, with zero synthesis requests', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('short-article.html'));

    await ext.read(session.browser.sw, tabId, { source: 'article' });
    const first = await waitForEnd(session.browser.sw);
    expect(first.status, describeState(first)).toBe('done');
    const firstRequests = await synthesisRequests(session.server);
    expect(firstRequests.length).toBeGreaterThan(0);

    await clearServerRequests(session.server);
    await ext.read(session.browser.sw, tabId, { source: 'article' });
    const second = await waitForEnd(session.browser.sw);
    expect(second.status, describeState(second)).toBe('done');
    expectPlayedInOrder(second);
    expect(second.units.map((u) => squash(u.text))).toEqual(first.units.map((u) => squash(u.text)));
    expect(await synthesisRequests(session.server)).toEqual([]);
    for (const u of second.units) expect(u.fromCache, `unit ${u.index} fromCache`).toBe(true);
    await page.close();
  });
});
