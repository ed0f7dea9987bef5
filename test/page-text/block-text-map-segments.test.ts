// @vitest-environment happy-dom
// The text map stores runs of text (segments) rather than one DOM point per character; it must answer exactly
// what the per-character map did, for every slice and every DOM point, on the markup where runs split or merge.
import { afterEach, describe, expect, it } from 'vitest';
import { mount } from './mount-fixture';
import {
  buildBlockTextMap,
  describeBlockContent,
  findReadableBlocks,
  type BlockTextMap,
  type BlockTextOptions,
} from '../../utils/page-text/block-text-map';
import { buildPerCharacterTextMap } from './per-character-text-map';

const describeRange = (r: Range): [Node, number, Node, number, boolean] => [
  r.startContainer,
  r.startOffset,
  r.endContainer,
  r.endOffset,
  r.collapsed,
];

/** Every DOM point inside `root` (each offset of each node), plus points just outside it. */
function allPoints(root: Element): [Node, number][] {
  const points: [Node, number][] = [];
  const visit = (node: Node): void => {
    const size = node.nodeType === 3 ? (node as Text).data.length : node.childNodes.length;
    for (let o = 0; o <= size; o++) points.push([node, o]);
    node.childNodes.forEach(visit);
  };
  visit(root);
  const parent = root.parentNode!;
  const index = Array.from(parent.childNodes).indexOf(root as ChildNode);
  points.push([parent, index], [parent, index + 1]);
  return points;
}

function expectSameAsPerCharacter(block: Element, options: BlockTextOptions = {}): BlockTextMap {
  const map = buildBlockTextMap(block, options);
  const oracle = buildPerCharacterTextMap(block, options);
  expect(map.text).toBe(oracle.text);
  const n = map.text.length;
  for (let s = -1; s <= n + 1; s++) {
    for (let e = s - 1; e <= n + 2; e++) {
      expect(describeRange(map.rangeFor(s, e)), `rangeFor(${s}, ${e})`).toEqual(describeRange(oracle.rangeFor(s, e)));
    }
  }
  for (const [node, offset] of allPoints(block)) {
    expect(map.offsetAt(node, offset), `offsetAt(${node.nodeName} "${node.textContent}", ${offset})`).toBe(
      oracle.offsetAt(node, offset),
    );
  }
  return map;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('buildBlockTextMap segments match the per-character map', () => {
  it('collapsed white space inside and across text nodes, trimmed edges', () => {
    const p = mount('<p>\n   Lots   of\t\tspace <em>  here </em>\n and  <span> there</span>  \n</p>').querySelector(
      'p',
    )!;
    expect(expectSameAsPerCharacter(p).text).toBe('Lots of space here and there');
  });

  it('<br> line breaks, repeated and trailing', () => {
    const p = mount('<p>one<br>two <br><br> three<br> </p>').querySelector('p')!;
    expect(expectSameAsPerCharacter(p).text).toBe('one\ntwo\nthree');
  });

  it('nested blocks: left out (each is a block of its own), or read inside the block when asked', () => {
    const root = mount(
      '<div>Intro <ul><li>a</li><li>b <b>c</b></li></ul> after <p>para</p>tail</div><div>Lead <p>inner</p></div>',
    );
    const [withNested, withoutNested] = Array.from(root.querySelectorAll(':scope > div'));
    expect(expectSameAsPerCharacter(withNested!).text).toBe('Intro after tail');
    expect(expectSameAsPerCharacter(withNested!, { includeNestedBlocks: true }).text).toBe(
      'Intro\na\nb c\nafter\npara\ntail',
    );
    expect(expectSameAsPerCharacter(withoutNested!).text).toBe('Lead');
    expectSameAsPerCharacter(withoutNested!, { includeNestedBlocks: true });
  });

  it('hidden content between visible runs of the same paragraph', () => {
    const p = mount(
      '<p>One <span hidden>no1</span><span aria-hidden="true">no2</span><span style="display:none">no3</span>' +
        '<script>no4()</script>two<span style="visibility:hidden"> no8 </span> three</p>',
    ).querySelector('p')!;
    expect(expectSameAsPerCharacter(p).text).toBe('One two three');
  });

  it('clipped to a selection that starts and ends inside text nodes', () => {
    const p = mount('<p>Alpha beta <b>gamma  delta</b> epsilon zeta</p>').querySelector('p')!;
    const clip = document.createRange();
    clip.setStart(p.firstChild!, 3);
    clip.setEnd(p.lastChild!, 6);
    expect(expectSameAsPerCharacter(p, { clip }).text).toBe('ha beta gamma delta epsil');
  });

  it('clipped inside white-space runs, with runs of one and of several characters', () => {
    const p = mount('<p>one \t two\nthree   <b>  four five</b>  six</p>').querySelector('p')!;
    const clip = document.createRange();
    clip.setStart(p.firstChild!, 4);
    clip.setEnd(p.querySelector('b')!.firstChild!, 7);
    expect(expectSameAsPerCharacter(p, { clip }).text).toBe('two three four');
  });

  it('surrogate pairs (UTF-16 offsets, a range may end inside a pair like before)', () => {
    const p = mount('<p>a \u{1F600} b <i>\u{1D4B3}\u{1D4B4}</i>  \u{1F600}</p>').querySelector('p')!;
    expectSameAsPerCharacter(p);
  });

  it('preserved white space, carriage returns and trailing white space in pre', () => {
    const pre = mount('<pre></pre>').querySelector('pre')!;
    pre.append('\n  x\r\n y  ', document.createElement('br'), ' z \n\n  ');
    expect(expectSameAsPerCharacter(pre).text).toBe('x\n\n y  \n z');
  });

  it('pre-line: line feeds are breaks mapped to the page text, other white space collapses', () => {
    const p = mount('<p style="white-space: pre-line">one  \n two\n\n  three \n</p>').querySelector('p')!;
    expect(expectSameAsPerCharacter(p).text).toBe('one\ntwo\nthree');
  });

  it('non-breaking spaces are kept inside and trimmed at the end', () => {
    const p = mount('<p>&nbsp; x &nbsp;<b>y</b>&nbsp;</p>').querySelector('p')!;
    expectSameAsPerCharacter(p);
  });

  it('inline-block edges and single-space text nodes between elements', () => {
    const p = mount('<p>a<button>b</button>c <img alt="x"> d <b>e</b> <i>f</i></p>').querySelector('p')!;
    expectSameAsPerCharacter(p);
  });

  it('an empty or all-hidden block', () => {
    const root = mount('<p>   </p><p><span hidden>gone</span></p>');
    root.querySelectorAll('p').forEach((p) => expect(expectSameAsPerCharacter(p).text).toBe(''));
  });
});

describe('describeBlockContent().ownLengthBound', () => {
  it('is at least the length of every block read without its nested blocks', () => {
    const root = mount(
      '<div>Lead <b>bold</b><br><br><button>b</button><img alt="x"><p>inner <i>i</i></p></div>' +
        '<p>\u{1F600}&nbsp;<span hidden>gone</span><span style="visibility:hidden">vh</span><a>x</a><br></p>' +
        '<pre>  a\n\n b  </pre><ul><li>one</li><li>two<ul><li>three</li></ul></li></ul><p><br><br><br>a<br><br></p>',
    );
    const blocks = findReadableBlocks(root);
    expect(blocks.length).toBeGreaterThan(5);
    for (const block of blocks) {
      const content = describeBlockContent(block.element);
      if (content.textAfterNestedBlock) continue;
      expect(content.ownLengthBound, block.element.outerHTML).toBeGreaterThanOrEqual(
        buildBlockTextMap(block.element).text.length,
      );
    }
  });
});
