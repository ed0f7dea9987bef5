// Page structure a listener should hear as it is shown, in real Chromium with the page's own scripts running
// (issue 11, items 6 and 7): a paragraph in a custom element's open shadow root and one in a same-origin frame are
// read in document order (the shadow one highlighted, chosen with Alt+click, one block for next paragraph); a data
// table is read row by row with its headers, or announced and skipped with the setting; a layout table is plain
// text; image descriptions are silent by default and read as their own block with the setting; a figure caption is
// a block of its own.
import { describe, expect, it } from 'vitest';
import {
  clearServerRequests,
  describeState,
  ext,
  firstUnitStartedAfter,
  openOptions,
  openTab,
  pageFollowState,
  playerControl,
  playingUnit,
  squash,
  useExtensionSession,
  waitForState,
  type ReadingState,
} from './helpers';

const session = useExtensionSession({
  settings: { highlightGranularity: 'sentence', showMiniPlayer: true, sentencePauseMs: 100, paragraphPauseMs: 300 },
});

const unitTexts = (s: ReadingState): string[] => s.units.map((u) => squash(u.text));

/** Each block's text as heard: its units joined, in reading order. */
function blockTexts(s: ReadingState): string[] {
  const out: string[] = [];
  let last = -1;
  for (const u of s.units) {
    if (u.block !== last) out.push(squash(u.text));
    else out[out.length - 1] += ` ${squash(u.text)}`;
    last = u.block;
  }
  return out;
}

const SHADOW_FIRST = 'Her logbook survives in the town museum.';

describe('open shadow roots', () => {
  it('reads the shadow paragraph in document order, highlights it, and next paragraph moves one block into it', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('quality-shadow-dom.html'));
    expect(await page.getAttribute('html', 'data-page-script-ran')).toBe('yes');
    const sw = session.browser.sw;
    const started = await ext.read(sw, tabId, { source: 'auto' });
    expect(started.source, describeState(started)).toBe('article');
    expect(unitTexts(started)).toEqual([
      'Lighthouse keepers',
      'The last keeper left the lighthouse in 1989, when the lamp was automated.',
      SHADOW_FIRST,
      'It records every ship that passed.',
      'Visitors can climb the tower on summer weekends.',
    ]);
    expect(started.units.map((u) => u.block)).toEqual([0, 1, 2, 2, 3]);
    // Next paragraph from the first paragraph lands on the shadow paragraph's first sentence.
    await waitForState(sw, (s) => playingUnit(s)?.index === 1, 30_000, 'the first paragraph to play');
    const pressedAt = Date.now();
    await playerControl(page, 'next-paragraph').click();
    const { unit: next, state: moved } = await firstUnitStartedAfter(sw, pressedAt, 'a unit after next paragraph');
    expect(next.block, describeState(moved)).toBe(2);
    // The highlight range is the unit heard, inside the shadow root, whose tree got the highlight's style rules
    // (document style sheets do not reach into a shadow tree).
    await expect
      .poll(async () => squash((await pageFollowState(page)).cssSentence ?? ''), { timeout: 10_000 })
      .toBe(SHADOW_FIRST);
    const styled = await page.evaluate(() => {
      const root = document.querySelector('story-note')!.shadowRoot!;
      const style = root.querySelector('style[data-vocalid="highlight"]');
      return style?.textContent?.includes('::highlight(vocalid-sentence)') ?? false;
    });
    expect(styled).toBe(true);
    await ext.stop(sw);
    await page.close();
  });

  it('Alt+click inside the shadow root reads from that paragraph', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('quality-shadow-dom.html'));
    const sw = session.browser.sw;
    // Alt+click works once the page script is on the page (injected by a first read).
    await ext.read(sw, tabId, { source: 'article' });
    await ext.stop(sw);
    await clearServerRequests(session.server);
    const t = Date.now();
    await page.click('#shadow-paragraph', { modifiers: ['Alt'] });
    const { unit: first, state } = await firstUnitStartedAfter(sw, t, 'the reading from the shadow paragraph');
    expect(squash(first.text), describeState(state)).toBe(SHADOW_FIRST);
    await ext.stop(sw);
    await page.close();
  });

  it('reads a selection made inside the shadow root', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('quality-shadow-dom.html'));
    const selected = await page.evaluate(() => {
      const text = document.querySelector('story-note')!.shadowRoot!.querySelector('p')!.firstChild!;
      const selection = document.getSelection()!;
      selection.setBaseAndExtent(text, 0, text, 'Her logbook survives in the town museum.'.length);
      return selection.isCollapsed ? '' : 'yes';
    });
    expect(selected).toBe('yes');
    const state = await ext.read(session.browser.sw, tabId, { source: 'auto' });
    await ext.stop(session.browser.sw);
    expect(state.source, describeState(state)).toBe('selection');
    expect(unitTexts(state)).toEqual([SHADOW_FIRST]);
    await page.close();
  });
});

describe('same-origin frames', () => {
  it('reads the frame’s paragraph where the frame stands, and highlights it in the frame', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('quality-same-origin-frame.html'));
    await expect.poll(() => page.getAttribute('html', 'data-frame-loaded'), { timeout: 10_000 }).toBe('yes');
    const sw = session.browser.sw;
    const started = await ext.read(sw, tabId, { source: 'auto' });
    expect(unitTexts(started), describeState(started)).toEqual([
      'Tide tables',
      'High water comes about fifty minutes later each day.',
      'Spring tides follow the full and the new moon.',
      'Check the local almanac before a crossing.',
    ]);
    await waitForState(sw, (s) => playingUnit(s)?.index === 2, 30_000, 'the frame paragraph to play');
    // Paused on it, so a loaded machine cannot move on before the frame's registry is read.
    await ext.pause(sw);
    const frame = (await (await page.$('#frame'))!.contentFrame())!;
    await expect
      .poll(
        () =>
          frame.evaluate(() => {
            const h = (globalThis as unknown as { CSS: { highlights?: Map<string, Set<Range>> } }).CSS.highlights;
            return [...(h?.get('vocalid-sentence') ?? [])].map((r) => r.toString()).join('');
          }),
        { timeout: 10_000 },
      )
      .toBe('Spring tides follow the full and the new moon.');
    await ext.stop(sw);
    await page.close();
  });
});

describe('tables', () => {
  it('reads a data table row by row with its headers and a layout table as text; skips the data table when asked', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('quality-tables.html'));
    const sw = session.browser.sw;
    const rows = await ext.read(sw, tabId, { source: 'auto' });
    await ext.stop(sw);
    expect(blockTexts(rows), describeState(rows)).toEqual([
      'Early computing',
      'Two people wrote about machines long before they were built.',
      'Computing pioneers',
      'Columns: Name, Year',
      'Row 2: Name, Ada; Year, 1843',
      'Row 3: Name, Alan; Year, 1936',
      'The notes were published in a journal.',
      'The paper appeared in a proceedings volume.',
      'Both texts are still read today.',
    ]);
    await ext.setSettings(sw, { readTables: false });
    try {
      const skipped = await ext.read(sw, tabId, { source: 'auto' });
      await ext.stop(sw);
      expect(blockTexts(skipped), describeState(skipped)).toEqual([
        'Early computing',
        'Two people wrote about machines long before they were built.',
        'Computing pioneers',
        'Table, 3 rows, skipped',
        'The notes were published in a journal.',
        'The paper appeared in a proceedings volume.',
        'Both texts are still read today.',
      ]);
    } finally {
      await ext.setSettings(sw, { readTables: true });
    }
    await page.close();
  });
});

describe('images and figures', () => {
  it('is silent about images by default, reads a described image as its own block with the setting, and always the caption', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('quality-images.html'));
    const sw = session.browser.sw;
    const plain = await ext.read(sw, tabId, { source: 'auto' });
    await ext.stop(sw);
    expect(blockTexts(plain), describeState(plain)).toEqual([
      'The old harbour',
      'The harbour wall was built from stone quarried on the headland.',
      'Boats along the wall in the spring.',
      'Repairs are planned for next year.',
      'The council will vote in March.',
    ]);
    await ext.setSettings(sw, { readImageAlt: true });
    try {
      const described = await ext.read(sw, tabId, { source: 'auto' });
      await ext.stop(sw);
      // The logo outside the article and the decorative image (empty alt) stay silent.
      expect(blockTexts(described), describeState(described)).toEqual([
        'The old harbour',
        'The harbour wall was built from stone quarried on the headland.',
        'Image: Fishing boats moored along the harbour wall',
        'Boats along the wall in the spring.',
        'Repairs are planned for next year.',
        'The council will vote in March.',
      ]);
    } finally {
      await ext.setSettings(sw, { readImageAlt: false });
    }
    await page.close();
  });
});

describe('the reading settings in Options', () => {
  it('offers tables (on) and image descriptions (off) in the reading section, stored when switched', async () => {
    const page = await openOptions(session.browser);
    const sw = session.browser.sw;
    const tables = page.getByLabel('Read tables row by row');
    const images = page.getByLabel('Read image descriptions');
    await expect.poll(() => tables.isChecked(), { timeout: 10_000 }).toBe(true);
    expect(await images.isChecked()).toBe(false);
    try {
      await tables.uncheck();
      await images.check();
      await expect
        .poll(async () => {
          const s = (await ext.getSettings(sw)) as { readTables?: boolean; readImageAlt?: boolean };
          return [s.readTables, s.readImageAlt];
        })
        .toEqual([false, true]);
    } finally {
      await ext.setSettings(sw, { readTables: true, readImageAlt: false });
    }
    await page.close();
  });
});
