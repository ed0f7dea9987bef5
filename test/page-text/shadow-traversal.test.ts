// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createShadowHost } from '../../utils/dom/shadow-host';
import { BlockOwners } from '../../utils/page-text/block-owner';
import { findReadableBlocks, mapOfBlock } from '../../utils/page-text/block-text-map';
import { articleBlocks, blockIndexFor, pageBlocks } from '../../utils/page-text/live-blocks';
import { containsFlat, flatParent, followsInFlatTree } from '../../utils/page-text/shadow-traversal';
import { selectionClip } from '../../utils/page-text/shadow-selection';

function setBody(html: string): void {
  // Static fixture markup written here; DOMParser keeps innerHTML out of the code.
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
}

/** Gives `host` an open shadow root holding `children` (built with DOM calls, as a custom element would). */
function attach(host: Element, ...children: Node[]): ShadowRoot {
  const root = host.attachShadow({ mode: 'open' });
  root.append(...children);
  return root;
}

function p(text: string, id?: string): HTMLParagraphElement {
  const el = document.createElement('p');
  el.textContent = text;
  if (id) el.id = id;
  return el;
}

afterEach(() => setBody(''));

describe('the flat tree', () => {
  it('reads a shadow root’s paragraphs where the host stands, between the light paragraphs around it', () => {
    setBody('<p>Before the widget.</p><x-card id="card"></x-card><p>After the widget.</p>');
    attach(document.getElementById('card')!, p('Inside the shadow root, first.'), p('Inside, second.'));
    expect(pageBlocks(document).map((b) => b.map.text)).toEqual([
      'Before the widget.',
      'Inside the shadow root, first.',
      'Inside, second.',
      'After the widget.',
    ]);
  });

  it('never reads the extension’s own on-page UI, even where its shadow root is open (test builds)', () => {
    setBody('<p>The article.</p>');
    const { host, root } = createShadowHost(document, 'vocalid-skip-link', {}, 'open');
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = 'Skip to reading controls';
    root.append(link);
    document.body.prepend(host);
    expect(pageBlocks(document).map((b) => b.map.text)).toEqual(['The article.']);
  });

  it('reads slotted light text inside the shadow paragraph that shows it, and never an unslotted child', () => {
    setBody('<x-quote id="q"><span>Ada</span><em slot="nowhere">never shown</em></x-quote>');
    const para = document.createElement('p');
    para.append('Written by ', document.createElement('slot'), '.');
    attach(document.getElementById('q')!, para);
    const blocks = findReadableBlocks(document.body);
    expect(blocks.map((b) => mapOfBlock(b).text)).toEqual(['Written by Ada.']);
    // The highlight of a sentence across the shadow text and the slotted text is split where the tree changes,
    // because one DOM Range cannot span two trees.
    const map = mapOfBlock(blocks[0]!);
    expect(map.rangesFor(0, map.text.length).map((r) => r.toString())).toEqual(['Written by ', 'Ada', '.']);
  });

  it('orders and contains across shadow boundaries', () => {
    setBody('<p id="a">A</p><x-card id="card"></x-card><p id="c">C</p>');
    const inner = p('B', 'b');
    attach(document.getElementById('card')!, inner);
    const a = document.getElementById('a')!;
    const c = document.getElementById('c')!;
    const card = document.getElementById('card')!;
    expect(followsInFlatTree(a, inner)).toBe(true);
    expect(followsInFlatTree(inner, a)).toBe(false);
    expect(followsInFlatTree(inner, c)).toBe(true);
    expect(followsInFlatTree(c, inner)).toBe(false);
    expect(containsFlat(card, inner.firstChild!)).toBe(true);
    expect(containsFlat(a, inner)).toBe(false);
    expect(flatParent(inner)).toBe(card);
  });

  it('finds the block owning a shadow text node (the article path) and starts reading from a shadow paragraph', () => {
    setBody('<article><p>Light paragraph.</p><x-card id="card"></x-card></article>');
    const inner = p('Shadow paragraph.');
    attach(document.getElementById('card')!, inner);
    expect(new BlockOwners(document.body).ownerOf(inner.firstChild!)).toBe(inner);
    const blocks = pageBlocks(document);
    expect(blockIndexFor(blocks, inner)).toBe(1);
  });

  it('puts a shadow host’s paragraphs into the article, in document order', () => {
    const para = (n: number) =>
      `Paragraph ${n} explains, in several plain sentences, how the reader keeps its place on the page. ` +
      `It has enough words to look like real prose to an article detector. It ends here for number ${n}.`;
    setBody(
      `<nav><a href="/">Home</a> <a href="/x">About us</a></nav><main><article><h1>Title</h1>` +
        `<p>${para(1)}</p><x-note id="note"></x-note><p>${para(3)}</p></article></main>` +
        '<footer><p>Copyright notice.</p></footer>',
    );
    attach(document.getElementById('note')!, p(para(2)));
    const texts = articleBlocks(document)!.blocks.map((b) => b.map.text);
    expect(texts).toEqual(['Title', para(1), para(2), para(3)]);
  });

  it('clips a selection whose ends lie in different trees to each block’s own tree', () => {
    setBody('<p id="a">Alpha beta.</p><x-card id="card"></x-card><p id="c">Gamma delta.</p>');
    const inner = p('Shadow text here.');
    attach(document.getElementById('card')!, inner);
    const a = document.getElementById('a')!.firstChild!;
    // What getComposedRanges gives (a StaticRange; happy-dom has none, so its plain shape).
    const selection: AbstractRange = {
      startContainer: a,
      startOffset: 6,
      endContainer: inner.firstChild!,
      endOffset: 6,
      collapsed: false,
    };
    expect(selectionClip(selection, document.getElementById('a')!)?.toString()).toBe('beta.');
    expect(selectionClip(selection, inner)?.toString()).toBe('Shadow');
    expect(selectionClip(selection, document.getElementById('c')!)).toBeNull();
  });
});
