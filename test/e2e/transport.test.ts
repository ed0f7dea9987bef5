// The transport in the popup and the on-page player, in real Chromium against the local server (issue 14 items 5
// and 6): seek by keyboard on the position slider, the volume applied by the player's host, next paragraph from the
// popup, the focus-player command pressed for real (Xvfb), the skip link, and the player at 320 px beside the
// sentence it reads. Screenshots of the new popup and player go to docs/screenshots/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  describeState,
  ext,
  ExtensionTargets,
  openPopup,
  openTab,
  playerControl,
  playingUnit,
  repoRoot,
  runXdotool,
  selectText,
  shortcutToXdotool,
  useExtensionSession,
  waitFor,
  waitForState,
  type ReadingState,
} from './helpers';
import { sentenceOfUnit } from '../../utils/reading/seek-target';

const session = useExtensionSession({
  headed: true,
  settings: { showMiniPlayer: true, highlightGranularity: 'sentence', autoScroll: true },
  reset: false,
});

beforeEach(async () => {
  await ext.stop(session.browser.sw);
  await ext.setSettings(session.browser.sw, { rate: 1.5, volume: 1 });
});

const shots = path.join(repoRoot, 'docs', 'screenshots');

async function startReading(): Promise<{ page: Page; tabId: number }> {
  const opened = await openTab(session.browser, session.fixtures.url('transport-article.html'));
  await opened.page.bringToFront();
  await ext.read(session.browser.sw, opened.tabId, { source: 'article' });
  await waitForState(session.browser.sw, (s) => playingUnit(s) !== undefined, 30_000, 'audio to start');
  await playerControl(opened.page, 'toggle').waitFor({ timeout: 10_000 });
  return opened;
}

const state = (): Promise<ReadingState> => ext.state(session.browser.sw);
/** The sentence being heard, as the position slider counts them (a sentence cut into several units counts once). */
const playingSentence = async (): Promise<number | undefined> => {
  const s = await state();
  const unit = playingUnit(s);
  return unit && sentenceOfUnit(s.units, unit.index).sentence;
};
const sentenceCount = async (): Promise<number> => sentenceOfUnit((await state()).units, 0).sentences;

/** The gain the offscreen player's sound goes through now (its test hook, utils/playback/audio-host.ts). */
async function hostVolume(): Promise<number> {
  const offscreen = await new ExtensionTargets(session.browser).offscreen();
  if (!offscreen) throw new Error('no offscreen document');
  return offscreen.evaluate<number>('globalThis.__vocalidOffscreenTest.volume()');
}

/** The player's position slider (open shadow root in test builds; Playwright CSS pierces it). */
const playerSlider = (page: Page, id: string) => page.locator(`vocalid-mini-player #${id}`);

describe('transport in the popup', () => {
  it('seeks by keyboard on the position slider, goes to the next paragraph, and sets the volume', async () => {
    const { tabId } = await startReading();
    const popup = await openPopup(session.browser, tabId);
    const slider = popup.locator('#position');
    await slider.waitFor();
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/^Sentence \d+ of \d+$/);
    const total = await sentenceCount();

    // End: the last sentence. Home: the first. Arrows: one sentence each, from where the slider is.
    await slider.focus();
    await popup.keyboard.press('End');
    await waitFor(async () => (await playingSentence()) === total - 1, 15_000, 'End to reach the last sentence');
    await popup.keyboard.press('Home');
    await waitFor(async () => (await playingSentence()) === 0, 15_000, 'Home to reach the first sentence');
    await popup.keyboard.press('ArrowRight');
    await popup.keyboard.press('ArrowRight');
    await popup.keyboard.press('ArrowRight');
    await waitFor(async () => (await playingSentence()) === 3, 15_000, 'three arrows to reach sentence 4');
    // The popup shows the reading's position from the next state it is sent.
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe(`Sentence 4 of ${total}`);

    // Page Up: the first sentence of the next paragraph.
    const blockOf = async () => playingUnit(await state())?.block;
    const before = (await blockOf())!;
    await popup.keyboard.press('PageUp');
    await waitFor(async () => (await blockOf()) === before + 1, 15_000, 'Page Up to reach the next paragraph');

    // The Next paragraph button: the first sentence of the paragraph after.
    await popup.locator('[data-action="next-paragraph"]').click();
    await waitFor(async () => (await blockOf()) === before + 2, 15_000, 'next paragraph from the popup');
    const s = await state();
    const u = playingUnit(s)!;
    expect(s.units.find((x) => x.block === u.block)!.index, describeState(s)).toBe(u.index);

    // Volume: four steps down by keyboard → 80 %, saved and applied by the player's host while it plays.
    expect(await hostVolume()).toBeCloseTo(1, 2);
    // One step at a time as the slider shows it (quick presses whose answers come back late are a unit test of
    // RangeControl: test/components/range-control.test.tsx).
    for (let i = 1; i <= 4; i++) {
      // The key goes to the slider itself (focused first, as a person's Tab would leave it).
      await popup.locator('#volume').press('ArrowLeft');
      await expect.poll(() => popup.locator('#volume').inputValue()).toBe(String(100 - 5 * i));
    }
    await expect
      .poll(async () => ((await ext.getSettings(session.browser.sw)) as { volume?: number }).volume, {
        timeout: 5000,
        message: 'volume saved',
      })
      .toBe(0.8);
    expect(await popup.locator('#volume').inputValue()).toBe('80');
    await waitFor(async () => Math.abs((await hostVolume()) - 0.8) < 0.01, 5000, 'volume applied by the host');

    // The keys announced are the ones Chromium assigned (commands.getAll()).
    const commands = await ext.commands(session.browser.sw);
    const pauseKey = commands.find((c) => c.name === 'pause-resume')?.shortcut;
    expect(pauseKey).toBeTruthy();
    expect(await popup.locator('[data-action="toggle"]').getAttribute('aria-keyshortcuts')).toBe(
      pauseKey!.replace(/\+/g, '+'),
    );

    await popup.setViewportSize({ width: 320, height: 520 });
    const overflow = await popup.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the popup scrolls sideways at 320 px').toBeLessThanOrEqual(0);
    await mkdir(shots, { recursive: true });
    await popup.screenshot({ path: path.join(shots, 'popup-transport.png') });
    await popup.close();
  });
});

describe('transport in the page player', () => {
  it('seeks by keyboard on its slider and sets the volume the host applies', async () => {
    const { page } = await startReading();
    const slider = playerSlider(page, 'vocalid-position');
    const total = await sentenceCount();
    expect(await slider.getAttribute('aria-valuetext')).toMatch(new RegExp(`^Sentence \\d+ of ${total}$`));
    await slider.focus();
    await page.keyboard.press('End');
    await waitFor(async () => (await playingSentence()) === total - 1, 15_000, 'End on the player slider');
    await page.keyboard.press('Home');
    await waitFor(async () => (await playingSentence()) === 0, 15_000, 'Home on the player slider');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await waitFor(async () => (await playingSentence()) === 2, 15_000, 'two arrows on the player slider');

    const volume = playerSlider(page, 'vocalid-volume');
    await volume.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    await waitFor(
      async () => ((await ext.getSettings(session.browser.sw)) as { volume?: number }).volume === 0.5,
      5000,
      'volume saved',
    );
    await waitFor(async () => Math.abs((await hostVolume()) - 0.5) < 0.01, 5000, 'volume applied by the host');
    expect(await volume.getAttribute('aria-valuetext')).toBe('50 %');
  });

  it('counts a sentence cut for a quicker first sound once, and seeks by sentence', async () => {
    await ext.setSettings(session.browser.sw, { rate: 0.75 });
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('seek-first-sound.html'));
    await page.bringToFront();
    // A selection of three sentences whose first is cut after "By the middle of June," (four units).
    await selectText(page, 'By the middle of June,', 'from his kitchen window.');
    const started = await ext.read(session.browser.sw, tabId, { source: 'selection' });
    expect(started.units.map((u) => u.text)).toEqual([
      'By the middle of June,',
      'the towpath was crowded with walkers and their dogs from the town.',
      'Anglers took the best places under the willows.',
      'The keeper sold tea from his kitchen window.',
    ]);
    await waitForState(
      session.browser.sw,
      (s) => playingUnit(s)?.index === 1,
      30_000,
      'the rest of the first sentence',
    );
    const slider = playerSlider(page, 'vocalid-position');
    // The rest of the first sentence is still the first sentence, of three.
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('Sentence 1 of 3');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    const next = await waitForState(
      session.browser.sw,
      (s) => (playingUnit(s)?.index ?? 0) > 1,
      15_000,
      'the arrow to reach the second sentence',
    );
    expect(playingUnit(next)!.text, describeState(next)).toBe('Anglers took the best places under the willows.');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('Sentence 2 of 3');
    await ext.stop(session.browser.sw);
    await page.close();
  });

  it('is reached by the skip link, the first Tab stop of the page', async () => {
    const { page } = await startReading();
    // Focus at the top of the document, as after loading a page.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({
      host: document.activeElement?.localName,
      text: document.activeElement?.shadowRoot?.activeElement?.textContent,
    }));
    expect(first).toEqual({ host: 'vocalid-skip-link', text: 'Skip to reading controls' });
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => ({
      host: document.activeElement?.localName,
      action: document.activeElement?.shadowRoot?.activeElement?.getAttribute('data-action'),
    }));
    expect(focused).toEqual({ host: 'vocalid-mini-player', action: 'toggle' });
  });

  it('gets keyboard focus from the focus-player command, pressed for real', async () => {
    const commands = await ext.commands(session.browser.sw);
    const key = commands.find((c) => c.name === 'focus-player')?.shortcut;
    expect(key, JSON.stringify(commands)).toBeTruthy();
    const { page } = await startReading();
    await page.locator('nav a').first().focus();
    const windows = (
      await runXdotool(session.xvfb.display, ['search', '--sync', '--onlyvisible', '--class', 'chromium'])
    )
      .trim()
      .split('\n')
      .filter(Boolean);
    const win = windows[windows.length - 1]!;
    await runXdotool(session.xvfb.display, ['windowfocus', '--sync', win]);
    await runXdotool(session.xvfb.display, ['key', '--clearmodifiers', shortcutToXdotool(key!)]);
    await waitFor(
      () =>
        page.evaluate(
          () =>
            document.activeElement?.localName === 'vocalid-mini-player' &&
            document.activeElement.shadowRoot?.activeElement?.getAttribute('data-action') === 'toggle',
        ),
      10_000,
      'the focus-player shortcut to focus the player',
    );
  });

  it('fits 320 px (400 % zoom) and never covers the sentence being read', async () => {
    const { page } = await startReading();
    await page.setViewportSize({ width: 320, height: 568 });
    let checked = 0;
    for (let i = 0; i < 6; i++) {
      const m = await page.evaluate(() => {
        const host = document.querySelector('vocalid-mini-player')!.getBoundingClientRect();
        const h = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights.get(
          'vocalid-sentence',
        );
        let area = 0;
        let rects = 0;
        for (const r of h ?? []) {
          for (const b of Array.from(r.getClientRects())) {
            rects++;
            const w = Math.min(host.right, b.right) - Math.max(host.left, b.left);
            const hh = Math.min(host.bottom, b.bottom) - Math.max(host.top, b.top);
            if (w > 0 && hh > 0) area += w * hh;
          }
        }
        return {
          left: host.left,
          right: host.right,
          top: host.top,
          bottom: host.bottom,
          vw: window.innerWidth,
          vh: window.innerHeight,
          area,
          rects,
        };
      });
      expect(m.left, JSON.stringify(m)).toBeGreaterThanOrEqual(0);
      expect(m.right, JSON.stringify(m)).toBeLessThanOrEqual(m.vw);
      expect(m.top, JSON.stringify(m)).toBeGreaterThanOrEqual(0);
      expect(m.bottom, JSON.stringify(m)).toBeLessThanOrEqual(m.vh);
      expect(m.area, JSON.stringify(m)).toBe(0);
      if (m.rects > 0) checked++;
      if (i === 1) {
        await mkdir(shots, { recursive: true });
        await page.screenshot({ path: path.join(shots, 'player-320px.png') });
      }
      await page.waitForTimeout(1200);
    }
    expect(checked, 'sentences highlighted while measuring').toBeGreaterThan(2);
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(shots, 'player-transport.png') });
  });
});
