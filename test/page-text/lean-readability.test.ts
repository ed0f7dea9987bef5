// @vitest-environment happy-dom
import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { LeanReadability } from '../../utils/page-text/lean-readability';

type BylineCheck = (this: unknown, node: Element, matchString: string) => boolean;
type EmptinessCheck = (this: unknown, node: Node) => boolean;
const original = (Readability.prototype as unknown as { _isValidByline?: BylineCheck })._isValidByline;
const originalEmptiness = (Readability.prototype as unknown as { _isElementWithoutContent?: EmptinessCheck })
  ._isElementWithoutContent;
const originalInnerText = (Readability.prototype as unknown as { _getInnerText?: unknown })._getInnerText;

const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

const PAGE = `<html lang="en"><head><title>A walk by the harbour</title></head><body>
  <header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
  <article><h1>A walk by the harbour</h1>
    <p class="byline">By <a rel="author" href="/ann">Ann Writer</a></p>
    <div itemprop="author"><span itemprop="name">Ann Writer</span></div>
    ${Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i} of the story tells, in plain sentences, how the boats came in one by one while the lanterns along the pier were lit and the gulls went quiet.</p>`).join('\n')}
  </article>
  <aside class="sidebar"><a href="/r1">Related one</a> <a href="/r2">Related two</a></aside>
  <footer>Footer</footer></body></html>`;

describe('LeanReadability', () => {
  it('overrides a method Readability really has (a dependency upgrade that renames it fails here)', () => {
    expect(typeof original).toBe('function');
    expect(LeanReadability.prototype._isValidByline).not.toBe(original);
  });

  it('answers the byline check exactly like Readability for every element', () => {
    const doc = parse(
      PAGE +
        `<div id="author-box">${'x'.repeat(120)}</div><span class="dateline">  </span><span class="writtenby">Someone</span>` +
        '<p rel="author">Rel author</p><p itemprop="creator author">Itemprop</p><p class="p-author"></p>',
    );
    const lean = new LeanReadability(doc);
    const elements = Array.from(doc.querySelectorAll('*'));
    let bylines = 0;
    for (const el of elements) {
      const matchString = `${el.className} ${el.id}`;
      const expected = original!.call(lean, el, matchString);
      expect(lean._isValidByline(el, matchString), el.outerHTML.slice(0, 80)).toBe(expected);
      if (expected) bylines++;
    }
    expect(bylines).toBeGreaterThan(2);
  });

  it('overrides the text methods Readability really has', () => {
    expect(typeof originalEmptiness).toBe('function');
    expect(typeof originalInnerText).toBe('function');
    expect(LeanReadability.prototype._isElementWithoutContent).not.toBe(originalEmptiness);
    expect(LeanReadability.prototype._getInnerText).not.toBe(originalInnerText);
  });

  it('answers the emptiness check exactly like Readability for every element', () => {
    const doc = parse(
      '<body><div> \n\u00a0 </div><div><br><hr></div><div> <span> </span> </div><div><img src="x.png"></div>' +
        '<section>\u2003<b>x</b></section><h2> </h2><h3><br>Text</h3><div><!-- only a comment --></div></body>',
    );
    const lean = new LeanReadability(doc);
    let empty = 0;
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      const expected = originalEmptiness!.call(lean, el);
      expect(lean._isElementWithoutContent(el), el.outerHTML).toBe(expected);
      if (expected) empty++;
    }
    expect(empty).toBeGreaterThan(2);
  });

  it('answers the visibility check exactly like Readability for every element', () => {
    const ownVisible = (Readability.prototype as unknown as { _isProbablyVisible?: (n: Element) => boolean })
      ._isProbablyVisible;
    expect(typeof ownVisible).toBe('function');
    const doc = parse(
      '<body><p>Shown</p><p style="display: none">None</p><p style="visibility:hidden">Hidden</p>' +
        '<p style="color: red">Red</p><p hidden>Attr</p><p aria-hidden="true">Aria</p><p aria-hidden="false">No</p>' +
        '<img aria-hidden="true" class="mwe-math-fallback-image-inline"><span aria-hidden="true" class="x">x</span>' +
        '<svg aria-hidden="true" class="fallback-image"><g></g></svg><div style="display:block" hidden>Both</div></body>',
    );
    const lean = new LeanReadability(doc);
    let hidden = 0;
    for (const el of Array.from(doc.body.querySelectorAll('*'))) {
      // Readability's own answers '' for some hidden elements; it is only ever tested for truth.
      const expected = Boolean(ownVisible!.call(lean, el));
      expect(lean._isProbablyVisible(el), el.outerHTML).toBe(expected);
      if (!expected) hidden++;
    }
    expect(hidden).toBeGreaterThan(4);
  });

  it('parses to the same article as Readability', () => {
    const plain = new Readability<Node>(parse(PAGE), { serializer: (n) => n, keepClasses: true }).parse();
    const lean = new LeanReadability<Node>(parse(PAGE), { serializer: (n) => n, keepClasses: true }).parse();
    expect(lean?.textContent).toBe(plain?.textContent);
    expect(lean?.byline).toBe(plain?.byline);
    expect(lean?.title).toBe(plain?.title);
    expect(plain?.byline).toBeTruthy();
  });

  // Readability edits its clone while it reads subtrees' texts (divs become paragraphs, nodes are cleaned away,
  // the article is built in a div of its own): with texts kept past those edits the choices would differ (the
  // "box" keeps its links' old text after its link list is cleaned away, and would no longer look linky).
  const BUSY_PAGE = `<html lang="en"><head><title>Tides and lanterns</title></head><body>
    <div class="site"><div class="nav"><ul>${Array.from({ length: 12 }, (_, i) => `<li><a href="/s${i}">Section ${i}</a></li>`).join('')}</ul></div>
    <div class="main"><div class="story">
      ${Array.from({ length: 8 }, (_, i) => `<div>Loose text ${i}, a sentence, with commas, that reads like prose, in a div without a paragraph, long enough to be scored by Readability.<div class="share"><a href="#s">Share</a> <a href="#t">Tweet</a></div></div>`).join('\n')}
      <div class="related"><h3>Related</h3><ul>${Array.from({ length: 6 }, (_, i) => `<li><a href="/r${i}">Related story ${i}</a></li>`).join('')}</ul></div>
      ${Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i}, with a <a href="/l${i}">link</a>, and more words, so that commas count, and the text is long enough to matter.</p>`).join('\n')}
      <div class="box"><p>Short words that are scored ok.</p><div class="links">${Array.from({ length: 10 }, (_, i) => `<a href="/m${i}">More link number ${i}</a><br>`).join('')}</div><a href="/one">One remaining link x</a></div>
      <div class="ad"><span>Advertisement</span></div><div> </div><div><br></div>
    </div></div>
    <div class="comments">${Array.from({ length: 5 }, (_, i) => `<div class="comment"><p>Comment ${i}: I liked it, a lot, really.</p></div>`).join('')}</div>
    </div></body></html>`;

  it.each([
    ['the whole sieve', 0x7],
    ['without stripping unlikely candidates', 0x6],
    ['without class weights', 0x4],
    ['without conditional cleaning', 0],
  ])('parses an article it edits heavily to the same result as Readability: %s', (_, flags) => {
    const plainReader = new Readability<Node>(parse(BUSY_PAGE), { serializer: (n) => n, keepClasses: true });
    (plainReader as unknown as { _flags: number })._flags = flags;
    const plain = plainReader.parse();
    const lean = new LeanReadability<Node>(parse(BUSY_PAGE), {
      serializer: (n) => n,
      keepClasses: true,
      flags,
    }).parse();
    expect(plain?.textContent).toBeTruthy();
    expect(lean?.textContent).toBe(plain?.textContent);
    // The same text nodes, in the same order (only they are used: an element kept or cleaned away differently
    // shows here; how the article's HTML is presented is not compared).
    const texts = (n: unknown): string[] => {
      const out: string[] = [];
      const walk = document.createTreeWalker(n as Node, 4);
      for (let t = walk.nextNode(); t; t = walk.nextNode()) if ((t as Text).data.trim()) out.push((t as Text).data);
      return out;
    };
    expect(texts(lean?.content)).toEqual(texts(plain?.content));
  });
});
