// The highlight is readable on any page, measured in real Chromium: a reading is paused on a word, the page is
// photographed, and the painted pixels of the sentence highlight and of the word highlight give their background
// (the most common colour) and their text colour (the frequent colour that contrasts most with it). The WCAG
// contrast of the two is computed here, apart from the code under test. Dark, light and picture backgrounds, a
// box of other colours inside each page; axe on the page with the player and the highlight, also in forced colours.
import AxeBuilder from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeState,
  ext,
  openTab,
  pageFollowState,
  playerControl,
  repoRoot,
  sleep,
  useExtensionSession,
  waitFor,
  waitForState,
} from './helpers';

const session = useExtensionSession({
  settings: { showMiniPlayer: true, highlightGranularity: 'word', autoScroll: true },
  reset: false,
});

type Rgb = [number, number, number];

/** WCAG 2.x relative luminance and contrast (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio), written out here. */
function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Client rects of the sentence and word highlights, as the page's main world has them registered. */
function highlightBoxes(page: Page): Promise<{ sentence: Box[]; word: Box[] }> {
  return page.evaluate(() => {
    const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
    const boxes = (name: string) =>
      [...(registry.get(name) ?? [])].flatMap((r) =>
        Array.from(r.getClientRects())
          .filter((b) => b.width > 4 && b.height > 4)
          .map((b) => ({ left: b.left, top: b.top, right: b.right, bottom: b.bottom })),
      );
    return { sentence: boxes('vocalid-sentence'), word: boxes('vocalid-word') };
  });
}

/**
 * Colour counts of the screenshot's pixels inside `include` and outside `exclude` (each box shrunk by 2 px so edges
 * are left out), decoded by a blank page's canvas.
 */
async function pixelCounts(png: Buffer, include: Box[], exclude: Box[]): Promise<Map<string, number>> {
  const blank = await session.browser.context.newPage();
  try {
    const counts = await blank.evaluate(
      async ({ data, include, exclude }) => {
        const bytes = Uint8Array.from(atob(data), (ch) => ch.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        const pixels = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
        const out: Record<string, number> = {};
        const inside = (b: { left: number; top: number; right: number; bottom: number }, x: number, y: number) =>
          x >= b.left - 2 && x <= b.right + 2 && y >= b.top - 2 && y <= b.bottom + 2;
        for (const b of include) {
          for (let y = Math.ceil(b.top + 2); y < Math.floor(b.bottom - 2); y++) {
            for (let x = Math.ceil(b.left + 2); x < Math.floor(b.right - 2); x++) {
              if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) continue;
              if (exclude.some((e) => inside(e, x, y))) continue;
              const i = (y * bitmap.width + x) * 4;
              const key = `${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`;
              out[key] = (out[key] ?? 0) + 1;
            }
          }
        }
        return out;
      },
      { data: png.toString('base64'), include, exclude },
    );
    return new Map(Object.entries(counts));
  } finally {
    await blank.close();
  }
}

interface Measured {
  background: Rgb;
  text: Rgb;
  contrast: number;
  pixels: number;
}

/** Background: the commonest colour. Text: of the colours covering at least 0.5 % of the area, the most contrasting. */
function measure(counts: Map<string, number>): Measured {
  const entries = [...counts.entries()].map(([k, n]) => [k.split(',').map(Number) as Rgb, n] as const);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  expect(total, 'no highlighted pixels to measure').toBeGreaterThan(200);
  const background = entries.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const frequent = entries.filter(([, n]) => n >= Math.max(3, total * 0.005)).map(([c]) => c);
  const text = frequent.reduce((a, b) => (contrast(b, background) > contrast(a, background) ? b : a), background);
  return { background, text, contrast: contrast(text, background), pixels: total };
}

interface Reading {
  page: Page;
  sentence: Measured;
  word: Measured;
  png: Buffer;
}

/**
 * Reads `fixture` from block `fromBlock`, waits for a word highlighted in the sentence holding `marker`, pauses
 * there and measures the sentence and word highlights.
 */
async function readAndMeasure(fixture: string, marker: string, fromBlock: number): Promise<Reading> {
  const { page, tabId } = await openTab(session.browser, session.fixtures.url(fixture));
  await ext.read(session.browser.sw, tabId, { source: 'page', fromBlock });
  await waitFor(
    async () => {
      const f = await pageFollowState(page);
      return !!f.cssWord && !!f.cssSentence?.includes(marker);
    },
    60_000,
    `a word highlighted in the sentence with "${marker}"`,
  );
  await ext.pause(session.browser.sw);
  const state = await waitForState(session.browser.sw, (s) => s.status === 'paused', 10_000, 'paused');
  expect(state.status, describeState(state)).toBe('paused');
  await sleep(400); // scrolling settles; the word stays where the audio paused
  const boxes = await highlightBoxes(page);
  expect(boxes.word.length, 'a word highlight on screen').toBeGreaterThan(0);
  const png = await page.screenshot();
  const sentence = measure(await pixelCounts(png, boxes.sentence, boxes.word));
  const word = measure(await pixelCounts(png, boxes.word, []));
  return { page, sentence, word, png };
}

/** The page's own background at a spot with no text (top-left corner). */
async function pageBackground(png: Buffer): Promise<Rgb> {
  const counts = await pixelCounts(png, [{ left: 0, top: 0, right: 12, bottom: 12 }], []);
  return [...counts.entries()]
    .reduce((a, b) => (b[1] > a[1] ? b : a))[0]
    .split(',')
    .map(Number) as Rgb;
}

async function axeViolations(page: Page, configure: (b: AxeBuilder) => AxeBuilder = (b) => b): Promise<string[]> {
  const results = await configure(new AxeBuilder({ page })).analyze();
  return results.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')}) ${v.nodes[0]?.failureSummary ?? ''}`,
  );
}

const describeMeasure = (m: Measured) =>
  `text rgb(${m.text.join(',')}) on rgb(${m.background.join(',')}): ${m.contrast.toFixed(2)}:1 over ${m.pixels} px`;

let open: Page | null = null;
beforeEach(async () => {
  await ext.stop(session.browser.sw);
  await ext.setSettings(session.browser.sw, {
    rate: 2,
    highlightSentenceColor: '#fff3a3',
    highlightWordColor: '#ffc94d',
  });
});
afterEach(async () => {
  await ext.stop(session.browser.sw);
  await open?.close();
  open = null;
});

describe('highlight contrast on real pages', () => {
  it('dark page: the light text stays readable on the sentence and the word (≥ 4.5:1), both stand out; screenshot', async () => {
    const r = await readAndMeasure('highlight-dark.html', 'harbour', 1);
    open = r.page;
    const page = await pageBackground(r.png);
    console.log(`[highlight-dark] sentence ${describeMeasure(r.sentence)}; word ${describeMeasure(r.word)}`);
    expect(r.sentence.contrast, describeMeasure(r.sentence)).toBeGreaterThanOrEqual(4.5);
    expect(r.word.contrast, describeMeasure(r.word)).toBeGreaterThanOrEqual(4.5);
    // The highlight is seen against the page, and the word against the sentence.
    expect(distance(r.sentence.background, page)).toBeGreaterThan(40);
    expect(distance(r.word.background, r.sentence.background)).toBeGreaterThan(25);
    // The page's light text is kept (not swapped for black on a bright block).
    expect(luminance(r.sentence.text)).toBeGreaterThan(0.5);

    const dir = path.join(repoRoot, 'docs/screenshots');
    await mkdir(dir, { recursive: true });
    await r.page.screenshot({ path: path.join(dir, 'highlight-dark.png') });
  });

  it('dark page, a card of another colour: the colours are chosen for that block', async () => {
    const r = await readAndMeasure('highlight-dark.html', 'ferry', 2);
    open = r.page;
    console.log(`[highlight-dark card] sentence ${describeMeasure(r.sentence)}; word ${describeMeasure(r.word)}`);
    expect(r.sentence.contrast, describeMeasure(r.sentence)).toBeGreaterThanOrEqual(4.5);
    expect(r.word.contrast, describeMeasure(r.word)).toBeGreaterThanOrEqual(4.5);
    // Against the card's own background (#1f2a3a), not the page's.
    expect(distance(r.sentence.background, [0x1f, 0x2a, 0x3a])).toBeGreaterThan(40);
  });

  it('light page: the user colours as they are with the dark text (≥ 4.5:1)', async () => {
    const r = await readAndMeasure('highlight-light.html', 'tomatoes', 1);
    open = r.page;
    console.log(`[highlight-light] sentence ${describeMeasure(r.sentence)}; word ${describeMeasure(r.word)}`);
    expect(r.sentence.contrast, describeMeasure(r.sentence)).toBeGreaterThanOrEqual(4.5);
    expect(r.word.contrast, describeMeasure(r.word)).toBeGreaterThanOrEqual(4.5);
    // The settings' colours, painted as chosen: they already read on a light page.
    expect(distance(r.sentence.background, [0xff, 0xf3, 0xa3])).toBeLessThan(3);
    expect(distance(r.word.background, [0xff, 0xc9, 0x4d])).toBeLessThan(3);
  });

  it('light page, a dark call-out: readable there too', async () => {
    const r = await readAndMeasure('highlight-light.html', 'Frost', 2);
    open = r.page;
    console.log(`[highlight-light callout] sentence ${describeMeasure(r.sentence)}; word ${describeMeasure(r.word)}`);
    expect(r.sentence.contrast, describeMeasure(r.sentence)).toBeGreaterThanOrEqual(4.5);
    expect(r.word.contrast, describeMeasure(r.word)).toBeGreaterThanOrEqual(4.5);
    expect(distance(r.sentence.background, [0x26, 0x32, 0x38])).toBeGreaterThan(40);
  });

  it('text on a picture: an opaque highlight with its own text colour (≥ 4.5:1)', async () => {
    const r = await readAndMeasure('highlight-image.html', 'bends', 1);
    open = r.page;
    console.log(`[highlight-image] sentence ${describeMeasure(r.sentence)}; word ${describeMeasure(r.word)}`);
    expect(r.sentence.contrast, describeMeasure(r.sentence)).toBeGreaterThanOrEqual(4.5);
    expect(r.word.contrast, describeMeasure(r.word)).toBeGreaterThanOrEqual(4.5);
    expect(distance(r.word.background, r.sentence.background)).toBeGreaterThan(25);
  });

  it('a user colour that cannot read with the page text is moved, not kept (mid red on a dark page)', async () => {
    await ext.setSettings(session.browser.sw, { highlightSentenceColor: '#ff0000', highlightWordColor: '#00aa00' });
    const r = await readAndMeasure('highlight-dark.html', 'harbour', 1);
    open = r.page;
    console.log(`[highlight-dark red] sentence ${describeMeasure(r.sentence)}; word ${describeMeasure(r.word)}`);
    expect(r.sentence.contrast, describeMeasure(r.sentence)).toBeGreaterThanOrEqual(4.5);
    expect(r.word.contrast, describeMeasure(r.word)).toBeGreaterThanOrEqual(4.5);
    // Still red: the hue is the user's, only darker.
    const [red, green, blue] = r.sentence.background;
    expect(red).toBeGreaterThan(green + 40);
    expect(red).toBeGreaterThan(blue + 40);
  });
});

describe('axe on pages with the player and the highlight', () => {
  for (const [fixture, marker] of [
    ['highlight-light.html', 'tomatoes'],
    ['highlight-dark.html', 'harbour'],
  ] as const) {
    it(`${fixture}: no violations, also in forced colours, where the highlight still shows`, async () => {
      const r = await readAndMeasure(fixture, marker, 1);
      open = r.page;
      await playerControl(r.page, 'toggle').waitFor({ timeout: 10_000 });
      expect(await axeViolations(r.page)).toEqual([]);

      await r.page.emulateMedia({ forcedColors: 'active' });
      await sleep(300);
      // The player with every rule. The page's own text is left out of color-contrast here: under emulated forced
      // colours axe 4.13 still takes the author's text colour (#e0e0e0) against the forced white canvas, even on
      // the fixture alone without the extension, while Chromium paints (and getComputedStyle reports) black text.
      expect(await axeViolations(r.page, (b) => b.include('vocalid-mini-player'))).toEqual([]);
      expect(await axeViolations(r.page, (b) => b.disableRules(['color-contrast']))).toEqual([]);
      const boxes = await highlightBoxes(r.page);
      const png = await r.page.screenshot();
      const sentence = measure(await pixelCounts(png, boxes.sentence, boxes.word));
      const page = await pageBackground(png);
      console.log(`[${fixture} forced colours] sentence ${describeMeasure(sentence)}`);
      expect(distance(sentence.background, page)).toBeGreaterThan(40);
      expect(sentence.contrast, describeMeasure(sentence)).toBeGreaterThanOrEqual(4.5);
      await r.page.emulateMedia({ forcedColors: 'none' });
    });
  }
});
