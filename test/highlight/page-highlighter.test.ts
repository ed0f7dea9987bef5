// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SENTENCE_HIGHLIGHT,
  WORD_HIGHLIGHT,
  createPageHighlighter,
  mergeLineRects,
} from '../../utils/highlight/page-highlighter';
import { simulateTrustedInput } from '../dom/trusted-input';
import { wcagContrast } from './wcag';

simulateTrustedInput(); // the events these tests dispatch stand for the user's input

const colors = { sentence: 'rgb(255, 240, 150)', word: '#ffaa00' };

/** Every node in the document (elements, text, comments), to prove nothing is left behind. */
function nodeCount(): number {
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  let n = 0;
  while (walker.nextNode()) n++;
  return n;
}

function paragraph(): { p: HTMLParagraphElement; range: (a: number, b: number) => Range } {
  const p = document.createElement('p');
  p.textContent = 'The quick brown fox jumps over the lazy dog.';
  document.body.append(p);
  return {
    p,
    range: (a, b) => {
      const r = document.createRange();
      r.setStart(p.firstChild!, a);
      r.setEnd(p.firstChild!, b);
      return r;
    },
  };
}

afterEach(() => {
  document.body.replaceChildren();
  document.body.removeAttribute('style');
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('overlay fallback (no Highlight API)', () => {
  beforeEach(() => {
    // Layout is not computed by happy-dom: give ranges two line fragments plus one adjoining fragment.
    vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
      const w = this.toString().length * 8;
      return [
        new DOMRect(10, 100, w / 2, 20),
        new DOMRect(10 + w / 2, 100, w / 2, 20), // same line, touching: merged
        new DOMRect(10, 124, 40, 20),
      ] as unknown as DOMRectList;
    });
  });

  it('draws boxes for the sentence and the word, and clear() restores the document exactly', () => {
    const { range } = paragraph();
    const before = nodeCount();
    const htmlBefore = document.documentElement.outerHTML;
    const attach = Element.prototype.attachShadow;
    const roots: ShadowRoot[] = [];
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    });
    const h = createPageHighlighter({ colors, granularity: 'word', forceOverlay: true });
    h.showSentence(range(0, 20));
    h.showWord(range(4, 9));

    // Two lines each (the touching fragments merged) for the sentence and for the word.
    const boxes = Array.from(roots[0]!.querySelectorAll('div > div')) as HTMLElement[];
    expect(boxes).toHaveLength(4);
    expect(boxes.map((b) => b.style.getPropertyValue('top'))).toEqual(['100px', '124px', '100px', '124px']);
    expect(boxes[0]!.style.getPropertyValue('width')).toBe(`${20 * 8}px`);
    expect(boxes[2]!.style.getPropertyValue('background-color')).toBe('#ffaa00');

    const host = document.querySelector('vocalid-highlight-overlay') as HTMLElement;
    expect(host).not.toBeNull();
    expect(host.style.getPropertyValue('pointer-events')).toBe('none');
    expect(host.style.getPropertyValue('position')).toBe('fixed');
    expect(host.getAttribute('aria-hidden')).toBe('true');
    // The page's own tree only gained the host; the boxes live in its (closed) shadow root.
    expect(nodeCount()).toBe(before + 1);

    h.clear();
    expect(document.querySelector('vocalid-highlight-overlay')).toBeNull();
    expect(nodeCount()).toBe(before);
    expect(document.documentElement.outerHTML).toBe(htmlBefore);
  });

  it('redraws on scroll and stops listening once cleared', async () => {
    const { range } = paragraph();
    const h = createPageHighlighter({ colors, granularity: 'sentence', forceOverlay: true });
    h.showSentence(range(0, 10));
    const calls = vi.mocked(Range.prototype.getClientRects).mock.calls.length;
    window.dispatchEvent(new Event('scroll'));
    await new Promise((r) => setTimeout(r, 40));
    expect(vi.mocked(Range.prototype.getClientRects).mock.calls.length).toBeGreaterThan(calls);

    h.clear();
    const afterClear = vi.mocked(Range.prototype.getClientRects).mock.calls.length;
    window.dispatchEvent(new Event('scroll'));
    await new Promise((r) => setTimeout(r, 40));
    expect(vi.mocked(Range.prototype.getClientRects).mock.calls.length).toBe(afterClear);
  });

  it("shows nothing for granularity 'off' and ignores words for 'sentence'", () => {
    const { range } = paragraph();
    const before = nodeCount();
    const h = createPageHighlighter({ colors, granularity: 'off', forceOverlay: true });
    h.showSentence(range(0, 10));
    expect(nodeCount()).toBe(before);
    h.setGranularity('sentence');
    expect(document.querySelector('vocalid-highlight-overlay')).not.toBeNull();
    h.destroy();
    expect(nodeCount()).toBe(before);
    h.showSentence(range(0, 10)); // after destroy: no-op
    expect(nodeCount()).toBe(before);
  });
});

describe('mergeLineRects', () => {
  it('merges touching fragments on one line and keeps separate lines apart', () => {
    const merged = mergeLineRects([
      { left: 50, top: 0, right: 90, bottom: 20 },
      { left: 10, top: 0, right: 50, bottom: 20 },
      { left: 10, top: 24, right: 30, bottom: 44 },
      { left: 5, top: 5, right: 5, bottom: 10 }, // empty: dropped
    ]);
    expect(merged).toEqual([
      { left: 10, top: 0, right: 90, bottom: 20 },
      { left: 10, top: 24, right: 30, bottom: 44 },
    ]);
  });
});

describe('CSS Custom Highlight API path', () => {
  class FakeHighlight {
    priority = 0;
    readonly ranges: Range[];
    constructor(...ranges: Range[]) {
      this.ranges = ranges;
    }
  }

  function stubApi(): Map<string, FakeHighlight> {
    const registry = new Map<string, FakeHighlight>();
    vi.stubGlobal('CSS', { highlights: registry });
    vi.stubGlobal('Highlight', FakeHighlight);
    return registry;
  }

  it('registers the sentence and word highlights, styles them, and deletes everything on clear', () => {
    const registry = stubApi();
    const { p, range } = paragraph();
    p.style.color = 'rgb(34, 34, 34)';
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    const before = nodeCount();
    const h = createPageHighlighter({ colors, granularity: 'word' });
    const sentence = range(0, 20);
    const word = range(4, 9);
    h.showSentence(sentence);
    h.showWord(word);

    expect(registry.get(SENTENCE_HIGHLIGHT)?.ranges).toEqual([sentence]);
    expect(registry.get(WORD_HIGHLIGHT)?.ranges).toEqual([word]);
    expect(registry.get(WORD_HIGHLIGHT)!.priority).toBeGreaterThan(registry.get(SENTENCE_HIGHLIGHT)!.priority);
    const style = document.querySelector('style[data-vocalid]')!;
    // Dark text on a white page reads on both colours: kept as they are, with the page's text colour.
    expect(style.textContent).toContain(
      `::highlight(${SENTENCE_HIGHLIGHT}){background-color:rgb(255 240 150);color:rgb(34 34 34);text-shadow:none}`,
    );
    expect(style.textContent).toContain(
      `::highlight(${WORD_HIGHLIGHT}){background-color:rgb(255 170 0);color:rgb(34 34 34);text-shadow:none;text-decoration:underline}`,
    );
    expect(style.textContent).toContain('@media (forced-colors:active)');
    // No overlay in this path: the text is painted in place.
    expect(document.querySelector('vocalid-highlight-overlay')).toBeNull();

    h.showWord(null);
    expect(registry.has(WORD_HIGHLIGHT)).toBe(false);
    expect(registry.has(SENTENCE_HIGHLIGHT)).toBe(true);

    h.clear();
    expect(registry.size).toBe(0);
    expect(nodeCount()).toBe(before);
  });

  it('puts the highlight rules into a shadow root holding the sentence (document rules do not reach it), and takes them out on clear', () => {
    const registry = stubApi();
    const host = document.createElement('x-card');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const p = document.createElement('p');
    p.textContent = 'Inside the shadow root.';
    root.append(p);
    const before = nodeCount();
    const h = createPageHighlighter({ colors, granularity: 'sentence' });
    const range = document.createRange();
    range.setStart(p.firstChild!, 0);
    range.setEnd(p.firstChild!, 6);
    h.showSentence(range);
    expect(registry.get(SENTENCE_HIGHLIGHT)?.ranges).toEqual([range]);
    expect(root.querySelector('style[data-vocalid]')?.textContent).toContain(`::highlight(${SENTENCE_HIGHLIGHT})`);
    h.clear();
    expect(root.querySelector('style[data-vocalid]')).toBeNull();
    expect(registry.size).toBe(0);
    expect(nodeCount()).toBe(before);
  });

  /** The sentence or word rule's background and text colours as written into the page. */
  function ruleColors(name: string): { background: string; text: string } {
    const css = document.querySelector('style[data-vocalid]')!.textContent!;
    const rule = new RegExp(`::highlight\\(${name}\\)\\{background-color:(rgb\\([^)]*\\));color:(rgb\\([^)]*\\))`).exec(
      css,
    );
    expect(rule, css).not.toBeNull();
    return { background: rule![1]!, text: rule![2]! };
  }

  it('on a dark page the highlighted text keeps reading at 4.5:1 or more (the colours are chosen for the block)', () => {
    stubApi();
    const { p, range } = paragraph();
    document.body.style.backgroundColor = 'rgb(18, 18, 18)';
    p.style.color = 'rgb(224, 224, 224)';
    const h = createPageHighlighter({ colors: { sentence: '#fff3a3', word: '#ffc94d' }, granularity: 'word' });
    h.showSentence(range(0, 20));
    h.showWord(range(4, 9));
    for (const name of [SENTENCE_HIGHLIGHT, WORD_HIGHLIGHT]) {
      const { background, text } = ruleColors(name);
      expect(text).toBe('rgb(224 224 224)');
      expect(wcagContrast(background, text)).toBeGreaterThanOrEqual(4.5);
    }
    expect(ruleColors(SENTENCE_HIGHLIGHT).background).not.toBe(ruleColors(WORD_HIGHLIGHT).background);

    // The next sentence, in a light box on the same page, gets colours for that box.
    const box = document.createElement('div');
    box.style.backgroundColor = 'rgb(255, 255, 255)';
    box.style.color = 'rgb(20, 20, 20)';
    box.textContent = 'A light box on a dark page.';
    document.body.append(box);
    const r = document.createRange();
    r.setStart(box.firstChild!, 0);
    r.setEnd(box.firstChild!, 5);
    h.showSentence(r);
    expect(ruleColors(SENTENCE_HIGHLIGHT)).toEqual({ background: 'rgb(255 243 163)', text: 'rgb(20 20 20)' });
    h.destroy();
  });

  it('over a background image the highlight is opaque and brings its own text colour', () => {
    stubApi();
    const { p, range } = paragraph();
    document.body.style.backgroundImage = 'linear-gradient(#000, #fff)';
    p.style.color = 'rgb(255, 255, 255)';
    const h = createPageHighlighter({ colors: { sentence: '#fff3a3', word: '#1a237e' }, granularity: 'word' });
    h.showSentence(range(0, 20));
    h.showWord(range(4, 9));
    expect(ruleColors(SENTENCE_HIGHLIGHT)).toEqual({ background: 'rgb(255 243 163)', text: 'rgb(0 0 0)' });
    const word = ruleColors(WORD_HIGHLIGHT);
    expect(word.text).toBe('rgb(255 255 255)');
    expect(wcagContrast(word.background, word.text)).toBeGreaterThanOrEqual(4.5);
    h.destroy();
  });

  it('a new sentence drops the previous word', () => {
    const registry = stubApi();
    const { range } = paragraph();
    const h = createPageHighlighter({ colors, granularity: 'word' });
    h.showSentence(range(0, 20));
    h.showWord(range(4, 9));
    h.showSentence(range(20, 44));
    expect(registry.has(WORD_HIGHLIGHT)).toBe(false);
    expect(registry.get(SENTENCE_HIGHLIGHT)?.ranges[0]?.toString()).toBe('jumps over the lazy dog.');
    h.destroy();
  });

  it('never writes a colour that could inject CSS; falls back to the default', () => {
    stubApi();
    const { range } = paragraph();
    const h = createPageHighlighter({
      colors: { sentence: 'red}body{display:none', word: 'url(https://evil.example/x)' },
      granularity: 'word',
    });
    h.showSentence(range(0, 5));
    h.showWord(range(0, 3));
    const css = document.querySelector('style[data-vocalid]')!.textContent!;
    expect(css).not.toContain('display:none');
    expect(css).not.toContain('evil');
    // The two rules, the forced-colours block and its two rules: nothing else.
    expect(css.match(/\{/g)).toHaveLength(5);
    expect(css).toContain('background-color:rgb(255 243 163');
    h.destroy();
  });
});
