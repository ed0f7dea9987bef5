// The on-page mini player in real Chromium: no axe violations, every control reached and operated with the
// keyboard alone, unharmed by a hostile page stylesheet, and a screenshot over the demo article.
import AxeBuilder from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  describeState,
  ext,
  openTab,
  pageFollowState,
  playerControl,
  playingUnit,
  repoRoot,
  sleep,
  useExtensionSession,
  waitFor,
  waitForState,
} from './helpers';

const session = useExtensionSession({ settings: { showMiniPlayer: true, highlightGranularity: 'word' }, reset: false });

beforeEach(async () => {
  await ext.stop(session.browser.sw);
  await ext.setSettings(session.browser.sw, { rate: 2 });
});

/** The data-action of the focused player control, or null when focus is elsewhere. */
function focusedAction(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const host = document.activeElement;
    if (!host || host.localName !== 'vocalid-mini-player') return null;
    // Buttons are named by their action; the two sliders (position, volume) by their id.
    const el = host.shadowRoot?.activeElement;
    return el?.getAttribute('data-action') ?? (el?.id || null);
  });
}

/** Presses Tab until the control `action` has focus (Shift+Tab never needed: the order is checked separately). */
async function tabTo(page: Page, action: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await focusedAction(page)) === action) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the player's ${action} control`);
}

async function startDemo(): Promise<{ page: Page; tabId: number }> {
  const opened = await openTab(session.browser, `${session.server.url}/demo/article.html`);
  await ext.read(session.browser.sw, opened.tabId, { source: 'article' });
  await waitForState(session.browser.sw, (s) => playingUnit(s) !== undefined, 30_000, 'audio to start');
  await playerControl(opened.page, 'toggle').waitFor({ timeout: 10_000 });
  return opened;
}

describe('on-page mini player', () => {
  it('has no axe violations, and never covers the sentence being read', async () => {
    const { page } = await startDemo();
    const results = await new AxeBuilder({ page }).include('vocalid-mini-player').analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    ).toEqual([]);

    for (let i = 0; i < 5; i++) {
      const overlap = await page.evaluate(() => {
        const host = document.querySelector('vocalid-mini-player')!.getBoundingClientRect();
        const h = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights.get(
          'vocalid-sentence',
        );
        if (!h) return 0;
        let area = 0;
        for (const r of h) {
          for (const b of Array.from(r.getClientRects())) {
            const w = Math.min(host.right, b.right) - Math.max(host.left, b.left);
            const hh = Math.min(host.bottom, b.bottom) - Math.max(host.top, b.top);
            if (w > 0 && hh > 0) area += w * hh;
          }
        }
        return area;
      });
      expect(overlap).toBe(0);
      await sleep(700);
    }
    await ext.stop(session.browser.sw);
    await page.close();
  });

  it('every control is reached and operated with the keyboard alone', async () => {
    const { page } = await startDemo();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const order: string[] = [];
    await tabTo(page, 'move');
    for (let i = 0; i < 11; i++) {
      order.push((await focusedAction(page))!);
      await page.keyboard.press('Tab');
    }
    // The transport row (issue 14: the same buttons, in the same order, as the popup), the position slider, then
    // speed and volume.
    expect(order).toEqual([
      'move',
      'prev-paragraph',
      'prev-sentence',
      'toggle',
      'next-sentence',
      'next-paragraph',
      'stop',
      'vocalid-position',
      'slower',
      'faster',
      'vocalid-volume',
    ]);

    // Move: arrow keys on the handle move the player.
    await page.keyboard.press('Shift+Tab');
    const box = async () => (await page.locator('vocalid-mini-player').boundingBox())!;
    await tabTo(page, 'move');
    const before = await box();
    await page.keyboard.press('ArrowUp');
    expect((await box()).y).toBeLessThan(before.y);

    // Play/pause with Enter, then Space.
    await tabTo(page, 'toggle');
    await page.keyboard.press('Enter');
    await waitForState(session.browser.sw, (s) => s.status === 'paused', 10_000, 'paused');
    await page.keyboard.press('Space');
    await waitForState(session.browser.sw, (s) => s.status === 'playing', 10_000, 'playing again');

    // Each navigation control moves the reading.
    for (const action of ['next-sentence', 'next-paragraph', 'prev-sentence', 'prev-paragraph']) {
      await tabTo(page, action);
      const t = Date.now();
      await page.keyboard.press('Enter');
      const s = await waitForState(
        session.browser.sw,
        (st) => st.units.some((u) => u.startedAt !== undefined && u.startedAt > t),
        20_000,
        `a unit to start after ${action}`,
      );
      expect(s.status, describeState(s)).toBe('playing');
    }

    // Slower and faster change the speed.
    const rate0 = (await ext.state(session.browser.sw)).params.rate;
    await tabTo(page, 'slower');
    await page.keyboard.press('Enter');
    await waitForState(session.browser.sw, (s) => s.params.rate < rate0, 10_000, 'a lower rate');
    await tabTo(page, 'faster');
    await page.keyboard.press('Enter');
    await waitForState(session.browser.sw, (s) => s.params.rate === rate0, 10_000, 'the rate back up');

    // Stop ends the reading and removes the player.
    await tabTo(page, 'stop');
    await page.keyboard.press('Enter');
    await waitForState(session.browser.sw, (s) => s.status === 'stopped', 10_000, 'stopped');
    await waitFor(async () => (await page.locator('vocalid-mini-player').count()) === 0, 5_000, 'the player to go');
    await page.close();
  });

  it('a hostile page stylesheet does not break the player', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('follow-hostile.html'));
    await ext.read(session.browser.sw, tabId, { source: 'auto' });
    await waitForState(session.browser.sw, (s) => playingUnit(s) !== undefined, 30_000, 'audio to start');
    const toggle = playerControl(page, 'toggle');
    await toggle.waitFor({ timeout: 10_000 });
    const host = (await page.locator('vocalid-mini-player').boundingBox())!;
    const button = (await toggle.boundingBox())!;
    const viewport = page.viewportSize()!;
    // Its own size (32 px buttons; the transport row, the position slider, the progress line, speed and volume),
    // fully inside the viewport, whatever the page's 80 px type says (that type would make it several times taller).
    expect(Math.round(button.height)).toBe(32);
    expect(host.height).toBeLessThan(200);
    expect(host.width).toBeLessThan(viewport.width);
    expect(host.x).toBeGreaterThanOrEqual(0);
    expect(host.y + host.height).toBeLessThanOrEqual(viewport.height);
    await toggle.click();
    await waitForState(session.browser.sw, (s) => s.status === 'paused', 10_000, 'paused by the player');
    expect((await pageFollowState(page)).sentence).toBeTruthy();
    await ext.stop(session.browser.sw);
    await page.close();
  });

  it('screenshot of the player over the demo article', async () => {
    const { page } = await startDemo();
    // Playing, a word into the second sentence: sentence and word highlight, and the player showing Pause.
    await waitFor(
      async () => ((await pageFollowState(page)).unit ?? -1) >= 1 && (await pageFollowState(page)).word,
      20_000,
      'a highlighted word',
    );
    const file = path.join(repoRoot, 'docs/screenshots/mini-player.png');
    await mkdir(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
    await ext.stop(session.browser.sw);
    await page.close();
  });
});
