// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mount } from './mount-fixture';
import { BlockOwners } from '../../utils/page-text/block-owner';
import { findReadableBlocks } from '../../utils/page-text/block-text-map';
import { withStyleCache } from '../../utils/page-text/element-style';

/** What extraction did before: the nearest ancestor among all the blocks findReadableBlocks lists. */
function listedOwner(blocks: Set<Element>, node: Node): Element | null {
  for (let el = node.parentElement; el; el = el.parentElement) if (blocks.has(el)) return el;
  return null;
}

afterEach(() => {
  document.body.replaceChildren();
});

/** Separate pages: text of the root's own after a nested block makes the root read everything (one of them). */
const TRICKY = [
  'Root text <span>inline <div id="in-span">block in a span</div> more</span>',
  '<span>inline <div id="in-span">block in a span</div></span><div id="outer">Intro <ul><li>a</li><li>b <p>deep</p> c</li></ul> after <p>para</p>tail</div>',
  '<div id="no-own"><p>first</p><div><p>second <b>bold</b></p>loose text</div></div>',
  '<section><script>var x = 1;</script><p hidden>hidden <b>p</b></p><div aria-hidden="true"><p>aria</p></div>' +
    '<div style="display:none"><p>none</p></div><details><summary>Sum</summary><p>closed</p></details>' +
    '<details open><summary>Open</summary><p>shown</p></details><p>visible</p></section>',
  '<p>inline-block <button>press <div>inside button</div></button> and <span style="visibility:hidden">invisible</span></p>',
  '<p>lead <button>press <div>inside button</div></button></p><p>next <img alt="i"> <span style="display:inline-block">ib <p>in ib</p></span></p>',
  '<article><h2>Title</h2><blockquote>quote <p>nested quote para</p></blockquote><table><tr><td>cell <i>x</i></td></tr></table></article>',
  '<div>   </div><div><span>   </span><p>only nested</p></div><p>last</p>',
];

describe('BlockOwners', () => {
  it.each(TRICKY)('gives every text node the block findReadableBlocks would read it in: %s', (html) => {
    const root = mount(html);
    withStyleCache(() => {
      const blocks = new Set(findReadableBlocks(root).map((b) => b.element));
      const owners = new BlockOwners(root);
      const walker = document.createTreeWalker(root, 4 /* SHOW_TEXT */);
      let owned = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const expected = listedOwner(blocks, n);
        expect(owners.ownerOf(n), `"${n.textContent}"`).toBe(expected);
        if (expected) owned++;
      }
      expect(owned).toBeGreaterThan(0);
    });
  });

  it('gives the same answers outside an extraction (no style cache) and for nodes outside the root', () => {
    const root = mount(TRICKY.join(''));
    const outside = document.createElement('p');
    outside.append('outside');
    document.body.append(outside);
    const blocks = new Set(findReadableBlocks(root).map((b) => b.element));
    const owners = new BlockOwners(root);
    expect(owners.ownerOf(outside.firstChild!)).toBeNull();
    const walker = document.createTreeWalker(root, 4 /* SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) expect(owners.ownerOf(n)).toBe(listedOwner(blocks, n));
  });

  it('has no owners under a root that is not rendered', () => {
    const root = mount('<p>text</p>');
    root.hidden = true;
    expect(new BlockOwners(root).ownerOf(root.querySelector('p')!.firstChild!)).toBeNull();
  });
});
