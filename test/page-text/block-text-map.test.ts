// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mount } from './mount-fixture';
import { buildBlockTextMap, findReadableBlocks, mapOfBlock } from '../../utils/page-text/block-text-map';

/** Range text as rendering shows it: white-space runs are one space (the map collapses them the same way). */
const squash = (s: string): string => s.replace(/\s+/g, ' ');

/** What a range paints: its text without hidden elements (a DOM Range spans them, but they are not rendered). */
function paintedText(range: Range): string {
  const fragment = range.cloneContents();
  fragment.querySelectorAll('[hidden]').forEach((el) => el.remove());
  return fragment.textContent ?? '';
}

/** Deterministic pseudo-random slices (a seeded LCG, so a failure reproduces). */
function* slices(length: number, count: number, seed = 7): Generator<[number, number]> {
  let x = seed;
  const next = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  for (let i = 0; i < count; i++) {
    const a = Math.floor(next() * (length + 1));
    const b = Math.floor(next() * (length + 1));
    yield [Math.min(a, b), Math.max(a, b)];
  }
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('buildBlockTextMap', () => {
  it('reads nested inline markup as one line of text and maps ranges into the right text nodes', () => {
    const p = mount('<p>Hello <b>big</b> <a href="#">world</a>.</p>').querySelector('p')!;
    const map = buildBlockTextMap(p);
    expect(map.text).toBe('Hello big world.');

    const big = map.rangeFor(6, 9);
    expect(big.toString()).toBe('big');
    expect(big.startContainer).toBe(p.querySelector('b')!.firstChild);
    expect(big.startOffset).toBe(0);
    expect(big.endOffset).toBe(3);

    const across = map.rangeFor(6, 16);
    expect(across.toString()).toBe('big world.');
    expect(across.endContainer.textContent).toBe('.');
  });

  it('collapses white-space runs, across element boundaries, and trims the block edges', () => {
    const p = mount('<p>\n   Lots   of\t\tspace <em>  here </em>\n and  <span> there</span>  \n</p>').querySelector(
      'p',
    )!;
    const map = buildBlockTextMap(p);
    expect(map.text).toBe('Lots of space here and there');
    expect(map.rangeFor(0, 4).toString()).toBe('Lots');
    expect(map.rangeFor(14, 18).toString()).toBe('here');
    expect(squash(map.rangeFor(5, 13).toString())).toBe('of space');
  });

  it('preserves white space inside pre', () => {
    const pre = mount('<pre>line one\n  indented  line\n</pre>').querySelector('pre')!;
    const map = buildBlockTextMap(pre);
    expect(map.text).toBe('line one\n  indented  line');
    expect(map.rangeFor(11, 19).toString()).toBe('indented');
  });

  it('skips hidden content: hidden, aria-hidden, display:none, visibility:hidden, script/style/template', () => {
    const p = mount(
      '<p>One <span hidden>no1</span><span aria-hidden="true">no2</span><span style="display:none">no3</span>' +
        '<script>no4()</script><style>.no5{}</style><template>no6</template><noscript>no7</noscript>' +
        '<span style="visibility:hidden">no8</span>two <span aria-hidden="false">three</span></p>',
    ).querySelector('p')!;
    const map = buildBlockTextMap(p);
    expect(map.text).toBe('One two three');
    expect(map.rangeFor(4, 13).toString()).not.toMatch(/no\d/);
    expect(squash(map.rangeFor(4, 13).toString())).toBe('two three');
  });

  it('turns <br> into a line break that has no characters in the DOM', () => {
    const p = mount('<p>First line<br>second <br> <br>third</p>').querySelector('p')!;
    const map = buildBlockTextMap(p);
    expect(map.text).toBe('First line\nsecond\nthird');
    // A range over the break alone holds no text; one over words around it holds exactly those words.
    expect(map.rangeFor(10, 11).toString()).toBe('');
    expect(map.rangeFor(11, 17).toString()).toBe('second');
    expect(map.rangeFor(6, 17).toString()).toBe('linesecond');
  });

  it('separates inline-block elements from their neighbours', () => {
    const p = mount('<p>Press<button>OK</button>now</p>').querySelector('p')!;
    expect(buildBlockTextMap(p).text).toBe('Press OK now');
  });

  it('maps every slice exactly: rangeFor(s, e) shows text.slice(s, e)', () => {
    const p = mount(
      '<p>  The <i>quick</i>   brown <b>fox <u>jumps</u></b>\n over <span hidden>x</span>the ' +
        '<a href="#">lazy</a> dog<br>and <code>naps</code>; “done” — 😀 emoji.  </p>',
    ).querySelector('p')!;
    const map = buildBlockTextMap(p);
    expect(map.text).toBe('The quick brown fox jumps over the lazy dog\nand naps; “done” — 😀 emoji.');
    for (const [s, e] of slices(map.text.length, 300)) {
      const range = map.rangeFor(s, e);
      // The DOM has no character for the line break, and keeps the white space that rendering collapses.
      const expected = squash(map.text.slice(s, e).replace('\n', ''));
      expect(squash(paintedText(range)), `slice ${s}..${e}`).toBe(expected);
    }
  });

  it('clamps out-of-range offsets and gives a collapsed range for an empty slice', () => {
    const p = mount('<p>abc <b>def</b></p>').querySelector('p')!;
    const map = buildBlockTextMap(p);
    expect(map.rangeFor(-5, 99).toString()).toBe('abc def');
    const empty = map.rangeFor(4, 4);
    expect(empty.collapsed).toBe(true);
    expect(empty.startContainer).toBe(p.querySelector('b')!.firstChild);
  });

  it('maps a DOM point back to a text offset (read from here)', () => {
    const p = mount('<p>Hello   <b>big</b> world</p>').querySelector('p')!;
    const map = buildBlockTextMap(p);
    expect(map.offsetAt(p.querySelector('b')!.firstChild!, 1)).toBe(7);
    expect(map.offsetAt(p.lastChild!, 1)).toBe(10);
    expect(map.offsetAt(p, 0)).toBe(0);
  });

  it('reads only the selected part when clipped to a range', () => {
    const p = mount('<p>Alpha <b>beta gamma</b> delta</p>').querySelector('p')!;
    const sel = document.createRange();
    sel.setStart(p.querySelector('b')!.firstChild!, 5);
    sel.setEnd(p.lastChild!, 3);
    const map = buildBlockTextMap(p, { clip: sel });
    expect(map.text).toBe('gamma de');
    expect(map.rangeFor(0, 5).toString()).toBe('gamma');
  });
});

describe('findReadableBlocks', () => {
  it('yields each readable block once, in document order, across nested lists and blockquotes', () => {
    const root = mount(`
      <article>
        <h1>Title</h1>
        <p>Intro <em>para</em>.</p>
        <ul>
          <li>Item one
            <ul><li>Nested a</li><li><p>Nested b</p></li></ul>
          </li>
          <li>Item two</li>
        </ul>
        <blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote>
        <div>Loose div text <span>inline</span></div>
        <div hidden><p>Hidden para</p></div>
        <script>var x = 1;</script>
        <table><tr><td>Cell A</td><td>Cell B</td></tr></table>
        <figure><img alt="x"><figcaption>Caption</figcaption></figure>
        <dl><dt>Term</dt><dd>Definition</dd></dl>
        <pre>code  block</pre>
      </article>`);
    const blocks = findReadableBlocks(root);
    const texts = blocks.map((b) => mapOfBlock(b).text);
    expect(texts).toEqual([
      'Title',
      'Intro para.',
      'Item one',
      'Nested a',
      'Nested b',
      'Item two',
      'Quoted one.',
      'Quoted two.',
      'Loose div text inline',
      'Cell A',
      'Cell B',
      'Caption',
      'Term',
      'Definition',
      'code  block',
    ]);
    expect(new Set(blocks).size).toBe(blocks.length);
  });

  it('reads text that continues after a nested block as anonymous blocks, one per run, in reading order', () => {
    const root = mount('<blockquote>Before <b>bold</b> <p>inside</p> after <a href="#">link</a></blockquote>');
    const blocks = findReadableBlocks(root);
    expect(blocks.map((b) => mapOfBlock(b).text)).toEqual(['Before bold', 'inside', 'after link']);
    expect(blocks.map((b) => b.element.localName)).toEqual(['blockquote', 'p', 'blockquote']);
    expect(blocks[0]!.run && blocks[2]!.run).toBeTruthy();
  });

  it('never makes a container one block because of a loose text node (a hidden link after the article)', () => {
    const root = mount(
      "<div><p>First paragraph.</p><footer><p>Advertisement</p><p>Order Reprints | Today's Paper</p></footer>Continue reading the main story</div>",
    );
    const texts = findReadableBlocks(root).map((b) => mapOfBlock(b).text);
    expect(texts).toEqual([
      'First paragraph.',
      'Advertisement',
      "Order Reprints | Today's Paper",
      'Continue reading the main story',
    ]);
  });

  it('highlights a sentence piece by piece around a reference marker that is not read', () => {
    const root = mount(
      '<p>Repairs took three months<sup><a href="#n1">[1]</a></sup>. The crew <span hidden>x</span>painted it.</p>',
    );
    const map = mapOfBlock(findReadableBlocks(root)[0]!);
    expect(map.text).toBe('Repairs took three months. The crew painted it.');
    const first = map.rangesFor(0, 'Repairs took three months.'.length);
    expect(first.map((r) => r.toString())).toEqual(['Repairs took three months', '.']);
    expect(map.rangeFor(0, 'Repairs took three months.'.length).toString()).toBe('Repairs took three months[1].');
    const second = map.rangesFor(map.text.indexOf('The crew'), map.text.length);
    expect(second.map((r) => r.toString()).join('')).toBe('The crew painted it.');
    expect(map.rangesFor(0, 7).map((r) => r.toString())).toEqual(['Repairs']);
  });

  it('highlights exactly the run of an anonymous block', () => {
    const root = mount('<div>Lead text <i>here</i><p>Para.</p>Tail words</div>');
    const blocks = findReadableBlocks(root);
    const tail = mapOfBlock(blocks[2]!);
    expect(tail.text).toBe('Tail words');
    expect(tail.rangeFor(0, tail.text.length).toString()).toBe('Tail words');
    const lead = mapOfBlock(blocks[0]!);
    expect(lead.rangeFor(0, lead.text.length).toString()).toBe('Lead text here');
  });

  it('reads inline MathML as text of its sentence, not one block per symbol (Chromium computes its tokens as block math)', () => {
    const root = mount(
      '<p>When <math style="display: math"><mi style="display: block math">a</mi><mo style="display: block math">≠</mo><mn style="display: block math">0</mn></math> there are two solutions.</p>',
    );
    const blocks = findReadableBlocks(root);
    expect(blocks).toHaveLength(1);
    expect(mapOfBlock(blocks[0]!).text).toBe('When a≠0 there are two solutions.');
  });

  it('covers every visible word of the article exactly once', () => {
    const root = mount(
      '<section><h2>Head</h2><ol><li>a1 <ol><li>b1</li></ol></li></ol><p>p1 <b>p2</b></p><div>d1<p>d2</p>d3</div></section>',
    );
    const words = findReadableBlocks(root).flatMap((b) => mapOfBlock(b).text.split(/\s+/));
    expect(words.sort()).toEqual(['Head', 'a1', 'b1', 'd1', 'd2', 'd3', 'p1', 'p2']);
  });
});
