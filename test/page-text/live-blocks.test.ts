// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { articleBlocks, blockIndexFor, pageBlocks, selectionBlocks } from '../../utils/page-text/live-blocks';

function setBody(html: string): void {
  // Static fixture markup written here; DOMParser keeps innerHTML out of the code.
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
  document.getSelection()?.removeAllRanges();
}

const para = (n: number) =>
  `Paragraph ${n} explains, in several plain sentences, how the reader keeps its place on the page. ` +
  `It has enough words to look like real prose to an article detector. It ends here for number ${n}.`;

const ARTICLE =
  '<nav><a href="/">Home</a> <a href="/about">About us and our long navigation label</a></nav>' +
  `<main><article><h1>Title</h1><p id="p1">${para(1)}</p><p id="p2">${para(2)} <em>With emphasis.</em></p>` +
  `<p id="p3">${para(3)}</p><p id="p4">${para(4)}</p></article></main>` +
  '<footer><p id="foot">Copyright notice for the site, all rights reserved.</p></footer>';

afterEach(() => setBody(''));

describe('live blocks', () => {
  it('finds the article on the live page: the blocks are the live paragraphs, and no navigation or footer', () => {
    setBody(ARTICLE);
    const article = articleBlocks(document);
    expect(article).not.toBeNull();
    const ids = article!.blocks.map((b) => b.element.id);
    expect(ids).toEqual(expect.arrayContaining(['p1', 'p2', 'p3', 'p4']));
    expect(ids).not.toContain('foot');
    for (const b of article!.blocks) expect(b.element.isConnected).toBe(true);
    // The text is the block's readable text, so unit offsets map back with rangeFor.
    const p2 = article!.blocks.find((b) => b.element.id === 'p2')!;
    expect(p2.map.text).toBe(`${para(2)} With emphasis.`);
    const at = p2.map.text.indexOf('With emphasis.');
    expect(p2.map.rangeFor(at, at + 'With emphasis.'.length).toString()).toBe('With emphasis.');
  });

  it('a short article is still the article, however long the rest of the page', () => {
    setBody('<p>Short note.</p><p>Another line.</p>');
    expect(articleBlocks(document)?.blocks.map((b) => b.map.text)).toEqual(['Short note.', 'Another line.']);
    const sidebar = `<div class="sidebar">${Array.from({ length: 300 }, (_, i) => `<span>Link ${i}</span> `).join('')}</div>`;
    // Far less than a quarter of the page's text (the old rule read the whole page then).
    setBody(
      `<main><article>${[1, 2, 3, 4].map((n) => `<p class="a">${para(n)}</p>`).join('')}</article></main>${sidebar}`,
    );
    expect(articleBlocks(document)?.blocks.map((b) => b.element.className)).toEqual(['a', 'a', 'a', 'a']);
  });

  it('maps an article found only on a retry of the sieve back to the live page', () => {
    // Every paragraph is in an element named like a sidebar ("unlikely candidate"): Readability's first attempt
    // strips them all and finds too little, the retry without that step finds the article.
    setBody(
      `<div class="sidebar comment"><p>${para(1)} ${para(2)}</p><p>${para(3)} ${para(4)}</p><p>${para(5)} ${para(6)}</p></div>`,
    );
    const article = articleBlocks(document);
    expect(article?.blocks.map((b) => b.element.isConnected)).toEqual([true, true, true]);
    expect(article?.blocks.map((b) => b.map.text)).toEqual([
      `${para(1)} ${para(2)}`,
      `${para(3)} ${para(4)}`,
      `${para(5)} ${para(6)}`,
    ]);
  });

  it('reads the runs of a container between its blocks as blocks of their own, each run only where it holds article text', () => {
    setBody(
      `<article><div>${[1, 2, 3].map((n) => `<p>${para(n)}</p>`).join('')}Continue reading the main story</div></article>`,
    );
    const article = articleBlocks(document)!;
    expect(article.blocks.map((b) => b.map.text)).toEqual([
      para(1),
      para(2),
      para(3),
      'Continue reading the main story',
    ]);
    expect(article.blocks[3]!.run).toBeDefined();
  });

  it('clips the blocks of a selection to the selected text', () => {
    setBody('<p id="a">First <b>bold</b> paragraph.</p><p id="b">Second paragraph here.</p><p>Not selected.</p>');
    const range = document.createRange();
    range.setStart(document.getElementById('a')!.firstChild!, 'First '.length);
    range.setEnd(document.getElementById('b')!.firstChild!, 'Second paragraph'.length);
    document.getSelection()!.addRange(range);
    const blocks = selectionBlocks(document);
    expect(blocks.map((b) => b.map.text)).toEqual(['bold paragraph.', 'Second paragraph']);
    expect(blocks[1]!.map.rangeFor(0, 6).toString()).toBe('Second');
  });

  it('finds the block to start from for a chosen element: holding it, inside it, or after it', () => {
    setBody(
      '<div id="intro"><span id="lead">Lead text.</span></div><section id="s"><p id="x">X text.</p><p id="y">Y text.</p></section><hr id="rule"><p id="z">Z text.</p>',
    );
    const blocks = pageBlocks(document);
    const indexOf = (id: string) => blocks.findIndex((b) => b.element.id === id);
    expect(blockIndexFor(blocks, document.getElementById('lead')!)).toBe(indexOf('intro'));
    expect(blockIndexFor(blocks, document.getElementById('y')!.firstChild!)).toBe(indexOf('y'));
    expect(blockIndexFor(blocks, document.getElementById('s')!)).toBe(indexOf('x'));
    expect(blockIndexFor(blocks, document.getElementById('rule')!)).toBe(indexOf('z'));
  });
});
