// A long page is read from its first blocks while the page script makes the rest (utils/page-text/extract-page-text.ts
// `progressive`, handed over with `moreBlocks`), in real Chromium against the real server: the reading starts
// knowing more follows, the later blocks arrive as units in page order, a later paragraph is highlighted exactly
// where it is heard, and the reading ends after the last one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeState,
  ext,
  openTab,
  pageFollowState,
  playingUnit,
  sleep,
  squash,
  startPageServer,
  useExtensionSession,
  waitForState,
  type PageServer,
} from './helpers';
import { longReport, paragraph } from './long-report';

const session = useExtensionSession({ fixtures: false, settings: { rate: 2, showMiniPlayer: true } });

const PARAGRAPHS = 200;

let pages: PageServer;
beforeAll(async () => {
  pages = await startPageServer();
  pages.set('/long-report.html', longReport(PARAGRAPHS));
  pages.set('/longer-report.html', longReport(2 * PARAGRAPHS));
});
afterAll(() => pages.close());

describe('a long page read while its later blocks are made', () => {
  it('starts on the first blocks, takes the rest in page order, highlights a later one heard, ends after the last', async () => {
    const sw = session.browser.sw;
    await ext.clearCache(sw);
    const { page, tabId } = await openTab(session.browser, pages.url('/long-report.html'));
    const started = await ext.read(sw, tabId, { source: 'auto' });
    expect(started.moreToCome, describeState(started)).toBe(true);
    expect(started.units[0]!.text).toBe('The long report');
    const firstBlocks = new Set(started.units.map((u) => u.block)).size;
    expect(firstBlocks).toBeLessThan(PARAGRAPHS / 2);

    // The rest arrives while the first blocks are heard.
    const whole = await waitForState(sw, (s) => !s.moreToCome, 15_000, 'the later blocks');
    const blocks = [...new Set(whole.units.map((u) => u.block))];
    expect(blocks, describeState(whole)).toEqual([...Array(PARAGRAPHS + 1).keys()]);
    const textOfBlock = (b: number) =>
      squash(
        whole.units
          .filter((u) => u.block === b)
          .map((u) => u.text)
          .join(' '),
      );
    for (let i = 1; i <= PARAGRAPHS; i++) expect(textOfBlock(i)).toBe(paragraph(i));
    expect(whole.units.map((u) => u.index)).toEqual([...whole.units.keys()]);

    // To the last sentence (the on-page player's End key): it is highlighted where it is on the page.
    await waitForState(sw, (s) => !!playingUnit(s), 30_000, 'the first sentence heard');
    await page.locator('vocalid-mini-player input.position').focus();
    await page.keyboard.press('End');
    const lastBlock = whole.units.at(-1)!.block;
    await waitForState(sw, (s) => playingUnit(s)?.block === lastBlock, 30_000, 'the last paragraph heard');
    const follow = await pageFollowState(page);
    // The sentence sought to may be heard in two parts (its first clause first): the page shows the one heard.
    const shown = (await ext.state(sw)).units.find((u) => u.index === follow.unit);
    expect(shown?.block, JSON.stringify(follow)).toBe(lastBlock);
    expect(follow.sentence).toBe(shown!.text);
    expect(squash(follow.cssSentence ?? '')).toBe(squash(shown!.text));
    const end = await waitForState(sw, (s) => s.status !== 'playing' && s.status !== 'loading', 30_000, 'the end');
    expect(end.status, describeState(end)).toBe('done');
    await page.close();
  });

  it('continues deep in a long page at once: the first part reaches past the stored position, the rest follows', async () => {
    const sw = session.browser.sw;
    const { page, tabId } = await openTab(session.browser, pages.url('/longer-report.html'));
    // Paragraph 200 is far past a first part of 40 blocks: the answer must reach it, and 160 more follow later.
    const from = await ext.read(sw, tabId, { source: 'auto', fromBlock: 200 });
    expect(from.units[0]?.block, describeState(from)).toBe(200);
    expect(from.moreToCome, describeState(from)).toBe(true);
    await waitForState(sw, (s) => !!playingUnit(s), 30_000, 'paragraph 200 heard');
    await ext.stop(sw);
    await sleep(500); // the position is saved as the reading's state is (utils/reading/reading-positions.ts)

    // Continue from the stored position (the error card's "Try again" reads so): a sentence of paragraph 200 or
    // one just after, wherever the stop came.
    const resumed = await ext.read(sw, tabId, { source: 'auto', resume: true });
    const at = resumed.units[0]!;
    expect(at.block, describeState(resumed)).toBeGreaterThanOrEqual(200);
    expect(at.block).toBeLessThanOrEqual(202);
    expect(paragraph(at.block)).toContain(squash(at.text));
    expect(resumed.moreToCome, describeState(resumed)).toBe(true);
    const whole = await waitForState(sw, (s) => !s.moreToCome, 15_000, 'the later blocks');
    const blocks = [...new Set(whole.units.map((u) => u.block))];
    expect(blocks).toEqual([...Array(2 * PARAGRAPHS + 1 - at.block).keys()].map((i) => at.block + i));
    expect(
      squash(
        whole.units
          .filter((u) => u.block === 2 * PARAGRAPHS)
          .map((u) => u.text)
          .join(' '),
      ),
    ).toBe(paragraph(2 * PARAGRAPHS));
    await ext.stop(sw);
    await page.close();
  });
});
