// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { extractLiveText, extractPageText } from '../../utils/page-text/extract-page-text';

const para = (n: number) =>
  `Paragraph ${n} explains, in several plain sentences, how the reader keeps its place on the page. ` +
  `It has enough words to look like real prose to an article detector. It ends here for number ${n}.`;

function setBody(html: string, lang = 'en-GB') {
  document.documentElement.setAttribute('lang', lang);
  // Test fixtures are static strings written here; building them with DOMParser keeps innerHTML out of the code.
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
  document.getSelection()?.removeAllRanges();
}

describe('extractPageText', () => {
  beforeEach(() => {
    document.title = 'Test page';
  });

  it('reads the selection only, split at block elements', () => {
    setBody('<p id="a">First <b>bold</b> paragraph.</p><p id="b">Second paragraph here.</p><p>Not selected.</p>');
    const range = document.createRange();
    const first = document.getElementById('a')!.firstChild!; // "First "
    const second = document.getElementById('b')!.firstChild!; // "Second paragraph here."
    range.setStart(first, 0);
    range.setEnd(second, 'Second paragraph'.length);
    document.getSelection()!.addRange(range);

    const { extracted: result, maps } = extractLiveText(document, 'auto');
    expect(result.source).toBe('selection');
    expect(result.blocks.map((b) => b.text)).toEqual(['First bold paragraph.', 'Second paragraph']);
    expect(result.lang).toBe('en-GB');
    // Each block's text map points back into the live paragraph, clipped to the selection.
    const mapped = maps[1]!.rangeFor(0, 'Second paragraph'.length);
    expect(mapped.startContainer.parentElement?.id).toBe('b');
    expect(mapped.toString()).toBe('Second paragraph');
  });

  it("source 'selection' with nothing (or only white space) selected yields no blocks instead of the page", () => {
    setBody(`<p>${para(1)}</p><p id="blank">   </p><p>${para(2)}</p>`);
    expect(extractLiveText(document, 'selection').extracted).toMatchObject({ source: 'selection', blocks: [] });
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('blank')!);
    document.getSelection()!.addRange(range);
    expect(extractLiveText(document, 'selection').extracted.blocks).toEqual([]);
    // 'auto' with the same white-space selection reads the page.
    expect(extractLiveText(document, 'auto').extracted.blocks.length).toBeGreaterThan(0);
  });

  it('uses the Readability article and leaves out navigation and footers', () => {
    const paras = [1, 2, 3, 4, 5].map((n) => `<p>${para(n)}</p>`).join('');
    setBody(
      `<nav><ul><li><a href="/">Home</a></li><li><a href="/x">Menu item</a></li></ul></nav>` +
        `<article><h1>The article title</h1>${paras}</article>` +
        `<footer><p>Copyright footer text</p></footer>`,
    );
    const { extracted: result, maps } = extractLiveText(document, 'auto');
    expect(result.source).toBe('article');
    const texts = result.blocks.map((b) => b.text);
    expect(texts).toContain(para(1));
    expect(texts).toContain(para(5));
    expect(texts.join(' ')).not.toContain('Menu item');
    expect(texts.join(' ')).not.toContain('Copyright footer');
    // Block i's map covers the live paragraph with exactly that text.
    const i = result.blocks.findIndex((b) => b.text === para(3));
    const range = maps[i]!.rangeFor(0, para(3).length);
    expect(range.startContainer.parentElement?.localName).toBe('p');
    expect(range.toString()).toBe(para(3));
  });

  it('falls back to the visible text by blocks on a short page, skipping hidden and script text', () => {
    setBody(
      '<h1>Short note</h1><div>Line one.<p>Inner para.</p>Tail text.</div>' +
        '<p hidden>Hidden text</p><p style="display:none">Styled away</p><script>var x = 1;</script>',
      'fr',
    );
    const result = extractPageText(document, 'page');
    expect(result.source).toBe('page');
    expect(result.lang).toBe('fr');
    // Text continues after the inner paragraph: the runs around it are blocks of their own, in reading order.
    expect(result.blocks.map((b) => b.text)).toEqual(['Short note', 'Line one.', 'Inner para.', 'Tail text.']);
    expect(result.blocks.map((b) => b.index)).toEqual([0, 1, 2, 3]);
  });

  it('reads the headline once where the article repeats it', () => {
    const paras = [1, 2, 3, 4].map((n) => `<p>${para(n)}</p>`).join('');
    setBody(
      `<header><h1>Harbour ferry returns after winter repairs</h1></header>` +
        `<article><p>${para(0)}</p><h2>Harbour ferry returns after winter repairs</h2>${paras}</article>`,
    );
    const { extracted } = extractLiveText(document, 'auto', { explain: true });
    const texts = extracted.blocks.map((b) => b.text);
    expect(extracted.headline).toBe(true);
    expect(texts[0]).toBe('Harbour ferry returns after winter repairs');
    expect(texts.filter((t) => t === 'Harbour ferry returns after winter repairs')).toHaveLength(1);
    expect(texts).toContain(para(0));
    expect(extracted.dropped).toContainEqual({
      rule: 'repeated-headline',
      text: 'Harbour ferry returns after winter repairs',
    });
  });

  it("source 'article' ignores the selection", () => {
    setBody('<p id="a">Only this is selected.</p><p>Other text.</p>');
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('a')!);
    document.getSelection()!.addRange(range);
    const result = extractPageText(document, 'article');
    expect(result.source).not.toBe('selection');
    // The page has no <h1>: its title is the headline, read first.
    expect(result.blocks.map((b) => b.text)).toEqual([document.title, 'Only this is selected.', 'Other text.']);
  });

  it('read from here starts at the block holding the chosen element, ignoring the selection', () => {
    const paras = [1, 2, 3, 4, 5].map((n) => `<p id="p${n}">${para(n)}</p>`).join('');
    setBody(`<article><h1>Title</h1>${paras}</article>`);
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('p1')!);
    document.getSelection()!.addRange(range);
    const { extracted } = extractLiveText(document, 'auto', { target: document.getElementById('p3')!.firstChild });
    expect(extracted.source).toBe('article');
    expect(extracted.blocks[extracted.startBlock!]!.text).toBe(para(3));
  });

  it("reads each element's computed style once per extraction, and not across extractions", () => {
    setBody(
      `<nav><a href="/">Home</a></nav><article><h1>Title</h1>${[1, 2, 3, 4, 5].map((n) => `<p>${para(n)} <em>stress</em></p>`).join('')}</article>`,
    );
    const spy = vi.spyOn(window, 'getComputedStyle');
    try {
      const first = extractLiveText(document, 'auto');
      const styled = spy.mock.calls.map(([el]) => el);
      // Finding blocks, describing them and building their text maps all visit the same elements.
      expect(styled.length).toBe(new Set(styled).size);
      expect(first.extracted.source).toBe('article');
      // A later extraction reads styles afresh: the page may have changed in between.
      spy.mockClear();
      extractLiveText(document, 'auto');
      expect(spy.mock.calls.length).toBe(styled.length);
    } finally {
      spy.mockRestore();
    }
  });
});
