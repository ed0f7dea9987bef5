// A reading that outlasts Chromium's lifetime rules for offscreen documents must still reach the end: Chromium
// closes an AUDIO_PLAYBACK offscreen document after about 30 s it does not consider audible (browser-testing.md),
// and users rank "never stops by itself" among their top asks. The demo article takes well over 30 s to read.
import { describe, expect, it } from 'vitest';
import {
  describeState,
  ext,
  openTab,
  playedInOrder,
  squash,
  useExtensionSession,
  waitForEndWithProgress,
} from './helpers';

// Slower than the other tests on purpose: the point is a long reading.
const session = useExtensionSession({ fixtures: false, settings: { rate: 1.5 }, reset: false });

describe('long readings', () => {
  it('reads the whole demo article, longer than 30 s, to the end', { timeout: 300_000 }, async () => {
    const { page, tabId } = await openTab(session.browser, `${session.server.url}/demo/article.html`);
    const paragraphs = await page.$$eval('article p[id]', (ps) => ps.map((p) => p.textContent ?? ''));

    await ext.read(session.browser.sw, tabId, { source: 'article' });
    // No sentence of the article takes anywhere near 30 s; a longer silence is a stall.
    const end = await waitForEndWithProgress(session.browser.sw, { timeoutMs: 240_000, stallMs: 30_000 });
    expect(end.status, describeState(end)).toBe('done');
    const units = playedInOrder(end);
    for (const u of units) expect(u.status, describeState(end)).toBe('played');
    const spoken = squash(units.map((u) => u.text).join(' '));
    for (const p of paragraphs) expect(spoken).toContain(squash(p));

    const first = Math.min(...units.map((u) => u.startedAt!));
    const last = Math.max(...units.map((u) => u.endedAt!));
    expect(
      last - first,
      'the reading lasted longer than the offscreen lifetime it is meant to outlast',
    ).toBeGreaterThan(35_000);
  });
});
