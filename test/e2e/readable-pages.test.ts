// Type size on the extension's own pages, measured as Chromium renders them. Chromium gives extension pages a
// default `body { font-size: 75% }`, so a size set only on :root shrinks every label that inherits it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ext,
  openOptions,
  openPopup,
  openTab,
  playerControl,
  playingUnit,
  useExtensionSession,
  waitForState,
} from './helpers';

const session = useExtensionSession({ settings: { showMiniPlayer: true } });

/**
 * The computed font size (px) of every element that shows its own text, with a short description: in the page, or
 * in the shadow root of the element `host` selects (our on-page UI).
 */
function textSizes(page: Page, host?: string): Promise<{ what: string; px: number; hint: boolean; label: boolean }[]> {
  return page.evaluate((hostSelector) => {
    const root = hostSelector ? document.querySelector(hostSelector)!.shadowRoot! : document.body;
    const out: { what: string; px: number; hint: boolean; label: boolean }[] = [];
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
      const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!ownText || el.closest('[hidden], .visually-hidden, .sr-only')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      out.push({
        what: `${el.localName}.${el.className} “${el.textContent!.trim().slice(0, 30)}”`,
        px: parseFloat(getComputedStyle(el).fontSize),
        hint: el.closest('.hint, .toggle-hint') !== null,
        label: el.closest('label, legend') !== null && el.closest('.hint, .toggle-hint') === null,
      });
    }
    return out;
  }, host);
}

/** Every part opened, nothing reaches past the window's right edge and the page does not scroll sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const overflow = await page.evaluate(() => {
    const root = document.scrollingElement!;
    const wide = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && el.getClientRects().length > 0)
      .filter((el) => !el.closest('.visually-hidden, .sr-only'))
      .slice(0, 8)
      .map((el) => `${el.localName}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
  });
  expect(overflow.wide).toEqual([]);
  expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
}

describe('readable type', () => {
  it('the popup shows no text smaller than 14 px', async () => {
    const { tabId } = await openTab(session.browser, session.fixtures.url('twenty-sentences.html'));
    const popup = await openPopup(session.browser, tabId);
    await popup.getByRole('button').first().waitFor();
    const sizes = await textSizes(popup);
    expect(sizes.length).toBeGreaterThan(3);
    expect(sizes.filter((s) => s.px < 14).map((s) => `${s.what}: ${s.px}px`)).toEqual([]);
    await popup.close();
  });

  it('Options shows no text smaller than 14 px, and no label is smaller than the hints', async () => {
    const options = await openOptions(session.browser);
    await options.getByRole('heading').first().waitFor();
    const sizes = await textSizes(options);
    expect(sizes.filter((s) => s.px < 14).map((s) => `${s.what}: ${s.px}px`)).toEqual([]);
    const hints = sizes.filter((s) => s.hint);
    const labels = sizes.filter((s) => s.label);
    expect(hints.length).toBeGreaterThan(0);
    expect(labels.length).toBeGreaterThan(0);
    const largestHint = Math.max(...hints.map((s) => s.px));
    expect(labels.filter((s) => s.px < largestHint).map((s) => `${s.what}: ${s.px}px`)).toEqual([]);
    await options.close();
  });

  it('the on-page player shows no text smaller than 14 px', async () => {
    const { page, tabId } = await openTab(session.browser, `${session.server.url}/demo/article.html`);
    await ext.read(session.browser.sw, tabId, { source: 'article' });
    await waitForState(session.browser.sw, (s) => playingUnit(s) !== undefined, 30_000, 'audio to start');
    await playerControl(page, 'toggle').waitFor({ timeout: 10_000 });
    const sizes = await textSizes(page, 'vocalid-mini-player');
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.filter((s) => s.px < 14).map((s) => `${s.what}: ${s.px}px`)).toEqual([]);
    await ext.stop(session.browser.sw);
  });

  it('Options fits a 320 px wide window (400 % zoom) with no sideways scrolling', async () => {
    const options = await openOptions(session.browser);
    await options.setViewportSize({ width: 320, height: 640 });
    // The voice table is the widest part: measured once the account's voices are listed.
    await options.getByTestId('voice-table').waitFor({ timeout: 15_000 });
    // Every section open, so hidden parts are measured too.
    await expectNoSidewaysScroll(options);
    await options.close();
  });

  it('the welcome page: no text smaller than 14 px, and it fits a 320 px wide window', async () => {
    const welcome = await session.browser.context.newPage();
    await welcome.goto(`chrome-extension://${session.browser.extensionId}/welcome.html`);
    await welcome.getByRole('heading', { level: 1 }).waitFor();
    const sizes = await textSizes(welcome);
    expect(sizes.length).toBeGreaterThan(5);
    expect(sizes.filter((s) => s.px < 14).map((s) => `${s.what}: ${s.px}px`)).toEqual([]);
    await welcome.setViewportSize({ width: 320, height: 640 });
    await expectNoSidewaysScroll(welcome);
    await welcome.close();
  });
});
