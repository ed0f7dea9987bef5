// @vitest-environment happy-dom
import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { LeanReadability } from '../../utils/page-text/lean-readability';

type BylineCheck = (this: unknown, node: Element, matchString: string) => boolean;
const original = (Readability.prototype as unknown as { _isValidByline?: BylineCheck })._isValidByline;

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

  it('parses to the same article as Readability', () => {
    const plain = new Readability<Node>(parse(PAGE), { serializer: (n) => n, keepClasses: true }).parse();
    const lean = new LeanReadability<Node>(parse(PAGE), { serializer: (n) => n, keepClasses: true }).parse();
    expect(lean?.textContent).toBe(plain?.textContent);
    expect(lean?.byline).toBe(plain?.byline);
    expect(lean?.title).toBe(plain?.title);
    expect(plain?.byline).toBeTruthy();
  });
});
