// Preformatted text and math as a listener hears them (issue 11, items 4 and 5), in real Chromium with the page's
// own scripts running: prose in a <pre> re-flowed into paragraphs whose sentences do not end at line breaks, and
// highlighted on the live text; code announced and skipped, or read line by line with the setting; formulas read
// as words (speech-rule-engine, in the offscreen document) inside their sentences, the highlight on the formula.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  describeState,
  ext,
  openPopup,
  openTab,
  pageFollowState,
  playingUnit,
  squash,
  useExtensionSession,
  waitForState,
  type ReadingState,
} from './helpers';

const session = useExtensionSession({
  settings: { highlightGranularity: 'sentence', showMiniPlayer: false, sentencePauseMs: 100, paragraphPauseMs: 300 },
});

const unitsOf = (s: ReadingState) => s.units.map((u) => ({ text: squash(u.text), block: u.block }));

/** Waits until unit `index` plays and the page highlights it; returns the highlighted live text as it is. */
async function highlightedWhilePlaying(page: Page, index: number): Promise<string> {
  await waitForState(session.browser.sw, (s) => playingUnit(s)?.index === index, 60_000, `unit ${index} to play`);
  let text = '';
  await expect
    .poll(
      async () => {
        const state = await pageFollowState(page);
        text = state.cssSentence ?? '';
        return state.unit;
      },
      { timeout: 10_000 },
    )
    .toBe(index);
  await expect
    .poll(async () => (text = (await pageFollowState(page)).cssSentence ?? ''), { timeout: 10_000 })
    .not.toBe('');
  return text;
}

describe('prose in <pre>', () => {
  it('is read as paragraphs whose sentences run across line breaks, highlighted on the live text', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('pre-prose-memo.html'));
    expect(await page.getAttribute('html', 'data-page-script-ran')).toBe('yes');
    const started = await ext.read(session.browser.sw, tabId, { source: 'auto' });
    const units = unitsOf(started);
    expect(
      units.map((u) => u.text),
      describeState(started),
    ).toEqual([
      'Ferry Timetable Format',
      'This memo is kept as plain text, the way it was first written.',
      'Status of This Memo',
      'This memo describes how a harbour writes down its ferry timetable so that every other harbour can read it without asking.',
      'It is meant for the clerks who keep the timetables, and for anyone who prints them.',
      'A timetable lists each crossing on a line of its own, with the pier it leaves from, the time it leaves and the landing it makes for.',
      'Crossings that run only in summer are marked as such.',
      'Nothing in this memo changes how the ferries themselves are run.',
    ]);
    // Each paragraph of the memo is a block (paragraph pauses, next paragraph), its sentences in it.
    expect(units.map((u) => u.block)).toEqual([0, 1, 2, 3, 3, 4, 4, 5]);
    // The unit spans a line break of the <pre>: the highlight covers that live text, line break and indent.
    const highlighted = await highlightedWhilePlaying(page, 4);
    expect(highlighted).toMatch(/for\n\s+the clerks/u);
    expect(squash(highlighted)).toBe(units[4]!.text);
    await ext.stop(session.browser.sw);
    await page.close();
  });
});

describe('code in <pre><code>', () => {
  const PROSE_BEFORE = 'The harbour office counts the crossings of each day with a short program that anyone can run.';
  const PROSE_AFTER = 'The program prints one number, the crossings that ran, at the end of every day.';

  it('is announced with its line count and skipped by default; the announcement highlights the code', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('code-block-article.html'));
    const started = await ext.read(session.browser.sw, tabId, { source: 'auto' });
    const units = unitsOf(started);
    expect(
      units.map((u) => u.text),
      describeState(started),
    ).toEqual(['Counting ferries', PROSE_BEFORE, 'Code, 11 lines', PROSE_AFTER]);
    expect(units.map((u) => u.block)).toEqual([0, 1, 2, 3]);
    const highlighted = await highlightedWhilePlaying(page, 2);
    expect(highlighted).toContain('function countCrossings(day) {');
    expect(highlighted).toContain('console.log(countCrossings(today));');
    await ext.stop(session.browser.sw);
    await page.close();
  });

  it('is read line by line, one block a line, with the code blocks setting', async () => {
    await ext.setSettings(session.browser.sw, { codeBlocks: 'lines' });
    try {
      const { page, tabId } = await openTab(session.browser, session.fixtures.url('code-block-article.html'));
      const started = await ext.read(session.browser.sw, tabId, { source: 'auto' });
      await ext.stop(session.browser.sw);
      const units = unitsOf(started);
      expect(
        units.map((u) => u.text),
        describeState(started),
      ).toEqual([
        'Counting ferries',
        PROSE_BEFORE,
        'function countCrossings(day) {',
        'let total = 0;',
        'for (const crossing of day.crossings) {',
        'if (crossing.ran) {',
        'total += 1;',
        '}',
        '}',
        'return total;',
        '}',
        "const today = loadDay('2026-11-29');",
        'console.log(countCrossings(today));',
        PROSE_AFTER,
      ]);
      expect(units.map((u) => u.block)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
      await page.close();
    } finally {
      await ext.setSettings(session.browser.sw, { codeBlocks: 'announce' });
    }
  });
});

describe('math', () => {
  it('reads formulas as words inside their sentences (MathML, MathJax output, a label); the highlight covers the formula', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('math-in-sentences.html'));
    expect(await page.getAttribute('html', 'data-page-script-ran')).toBe('yes');
    const started = await ext.read(session.browser.sw, tabId, { source: 'auto' });
    const units = unitsOf(started);
    const texts = units.map((u) => u.text);
    const heard = texts.join(' | ');
    // Inline MathML: one unit, the formula's words in the middle of its sentence.
    const curve = units.find((u) => u.text.startsWith('The curve'));
    expect(curve?.text, heard).toMatch(/^The curve y equals x squared plus 1 never meets the axis\.$/u);
    expect(units.find((u) => u.text.startsWith('It stays above'))?.block).toBe(curve!.block);
    // Display math: a block of its own between the paragraphs around it.
    const intro = texts.indexOf('Its slope at each point is given by a fraction:');
    expect(intro, heard).toBeGreaterThan(0);
    const display = units[intro + 1]!;
    expect(display.block).toBe(units[intro]!.block + 1);
    expect(display.text).toMatch(/\b(?:over|fraction)\b/u);
    expect(display.text).toMatch(/equals 2 x$/u);
    expect(units[intro + 2]!.block).toBe(display.block + 1);
    // MathJax v3 output drawn by the page's script: read once, from its assistive MathML.
    expect(heard).toContain('A renderer drew this one: 2 n plus 1 is odd for every whole number n.');
    // A formula known only by its label.
    expect(heard).toContain('A picture of a formula, n factorial, grows fast.');
    // No symbol is read as such.
    expect(heard).not.toMatch(/[=+!]|x2|dydx/u);

    // The highlight of the sentence covers the formula element.
    const index = started.units.findIndex((u) => squash(u.text) === curve!.text);
    await highlightedWhilePlaying(page, index);
    const covers = await page.evaluate(() => {
      const h = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights.get(
        'vocalid-sentence',
      );
      const math = document.getElementById('parabola')!;
      return [...(h ?? [])].some((r) => r.intersectsNode(math) && r.toString().includes('x2+1'));
    });
    expect(covers).toBe(true);
    await ext.stop(session.browser.sw);
    await page.close();
  });
});

describe('math speech requests', () => {
  it('are answered for the page script only: an extension page asking gets "unexpected sender" and no speech', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('math-in-sentences.html'));
    const popup = await openPopup(session.browser, tabId);
    const answer = await popup.evaluate(async () => {
      const g = globalThis as unknown as { chrome: { runtime: { sendMessage(msg: unknown): Promise<unknown> } } };
      // The shape @webext-core/messaging uses.
      const message = {
        id: 1,
        type: 'mathSpeech',
        data: { mathml: ['<math><msup><mi>x</mi><mn>2</mn></msup></math>'], lang: 'en' },
        timestamp: Date.now(),
      };
      return (await g.chrome.runtime.sendMessage(message)) as { res?: unknown; err?: { message?: string } };
    });
    expect(answer.res).toBeUndefined();
    expect(answer.err?.message).toBe('unexpected sender');
    await popup.close();
    await page.close();
  });
});
