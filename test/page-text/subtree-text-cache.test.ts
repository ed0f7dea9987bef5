// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { SubtreeTextCache } from '../../utils/page-text/subtree-text-cache';

const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

let cache: SubtreeTextCache | null = null;
const newCache = (): SubtreeTextCache => (cache = new SubtreeTextCache(window));
afterEach(() => cache?.dispose());

describe('SubtreeTextCache', () => {
  it('answers textContent and computes a subtree once while it is unchanged', () => {
    const doc = parse('<body><div id="a"><p>One</p><p>Two</p></div></body>');
    const div = doc.getElementById('a')!;
    const texts = newCache();
    let reads = 0;
    const counted = (t: string): string => {
      reads++;
      return t.toUpperCase();
    };
    expect(texts.text(div)).toBe('OneTwo');
    expect(texts.text(div, counted)).toBe('ONETWO');
    expect(texts.text(div, counted)).toBe('ONETWO');
    expect(reads).toBe(1);
  });

  it.each([
    ['a child removed', (d: Document) => d.querySelector('p')!.remove(), 'Two'],
    ['a child added', (d: Document) => d.getElementById('a')!.append(d.createTextNode('Three')), 'OneTwoThree'],
    [
      'a text edited deep inside',
      (d: Document) => (d.querySelector('b')!.firstChild as Text).replaceData(0, 3, 'Six'),
      'OneSix',
    ],
    [
      'a node renamed by moving its children',
      (d: Document) => {
        const p = d.querySelectorAll('p')[1]!;
        const span = d.createElement('span');
        while (p.firstChild) span.append(p.firstChild);
        span.append('!');
        p.replaceWith(span);
      },
      'OneTwo!',
    ],
  ])('forgets an ancestor whose subtree changed: %s', (_, change, expected) => {
    const doc = parse('<body><div id="a"><p>One</p><p><b>Two</b></p></div></body>');
    const div = doc.getElementById('a')!;
    const texts = newCache();
    expect(texts.text(div)).toBe('OneTwo');
    expect(texts.text(doc.body)).toBe('OneTwo');
    change(doc);
    expect(texts.text(div)).toBe(expected);
    expect(texts.text(doc.body)).toBe(expected);
  });

  it("joins an element's text from its children's, as textContent (comments left out, empty elements too)", () => {
    const doc = parse(
      '<body><div id="a">x<!-- note --><p>One <b>two</b><br><i></i></p>\n<ul><li>three</li><li><span>four</span></li></ul>y</div></body>',
    );
    const div = doc.getElementById('a')!;
    const texts = newCache();
    // Children first (Readability scores paragraphs before their containers), then the container from them.
    expect(texts.text(doc.querySelector('b')!)).toBe('two');
    expect(texts.text(doc.querySelector('p')!)).toBe('One two');
    expect(texts.text(div)).toBe(div.textContent);
    expect(texts.text(doc.body)).toBe(doc.body.textContent);
    expect(texts.text(doc.documentElement)).toBe(doc.documentElement.textContent);
    doc.querySelector('span')!.append('!');
    expect(texts.text(div)).toBe(div.textContent);
    expect(div.textContent).toContain('four!');
  });

  it('keeps the text of a subtree that did not change', () => {
    const doc = parse('<body><div id="a"><p>One</p></div><div id="b"><p>Two</p></div></body>');
    const a = doc.getElementById('a')!;
    const texts = newCache();
    let reads = 0;
    const counted = (t: string): string => (reads++, t);
    texts.text(a, counted);
    doc.getElementById('b')!.append('More');
    texts.text(a, counted);
    expect(reads).toBe(1);
  });

  it('sees changes in a detached tree (Readability builds its article in a div of its own)', () => {
    const doc = parse('<body><div id="a"><p>One</p><p>Two</p></div></body>');
    const article = doc.createElement('div');
    const texts = newCache();
    article.append(doc.querySelector('p')!);
    expect(texts.text(article)).toBe('One');
    article.append(doc.querySelector('p')!);
    expect(texts.text(article)).toBe('OneTwo');
    article.firstChild!.remove();
    expect(texts.text(article)).toBe('Two');
  });

  it('computes again a node moved to another tree', () => {
    const doc = parse('<body><div id="a"><p id="p">One <b>two</b></p></div></body>');
    const p = doc.getElementById('p')!;
    const texts = newCache();
    expect(texts.text(p)).toBe('One two');
    const elsewhere = doc.createElement('div');
    elsewhere.append(p);
    p.querySelector('b')!.textContent = 'three';
    expect(texts.text(p)).toBe('One three');
  });
});
