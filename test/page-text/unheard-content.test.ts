// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { BLOCK_RULES, INLINE_RULES, isUnheardInline, unheardBlockRule } from '../../utils/page-text/unheard-content';
import { mount } from './mount-fixture';

afterEach(() => {
  document.body.replaceChildren();
});

/** The rule that leaves out the first element matching `selector` in `html`, read with its own text. */
function ruleFor(html: string, selector = 'p', options = {}): string | null {
  const root = mount(html);
  const element = root.querySelector(selector)!;
  return unheardBlockRule({ element, text: element.textContent ?? '' }, options)?.name ?? null;
}

const ARTICLE_SENTENCE = "The council voted on Tuesday to extend the library's opening hours through the winter.";

describe('unheard-content block rules', () => {
  it('every rule gives its reason', () => {
    for (const rule of [...BLOCK_RULES, ...INLINE_RULES]) expect(rule.reason.length, rule.name).toBeGreaterThan(20);
  });

  it.each([
    ['ad-label', '<p>Advertisement</p>'],
    ['ad-label', '<p>SPONSORED CONTENT</p>'],
    ['ad-slot', '<div class="ad-slot"><p>Buy two, get one free at the corner store</p></div>'],
    ['ad-slot', '<div id="sponsored-links"><p>Cheap flights to anywhere</p></div>'],
    ['share-bar', '<p>Share this article</p>'],
    ['share-bar', '<div class="social-share"><p>Facebook Twitter</p></div>'],
    ['share-bar', '<div class="newsletter-signup"><p>Get the morning briefing in your inbox</p></div>'],
    ['skip-link', '<p><a href="#main">Skip to content</a></p>'],
    ['skip-link', '<p><a href="#x">Continue reading the main story</a></p>'],
    ['media-label', '<p>Photo</p>'],
    ['media-label', '<p>Image 1 of 23</p>'],
    ['media-label', '<p>Close</p>'],
    ['photo-credit', '<p>Photo: Jane Doe / Reuters</p>'],
    ['photo-credit', '<p>© Getty Images</p>'],
    ['cookie-banner', '<div id="cookie-notice"><p>We use cookies to improve the site</p></div>'],
    ['cookie-banner', '<p>This site uses cookies. By continuing you accept our use of cookies.</p>'],
    ['label-only', '<p>Tags:</p>'],
    ['label-only', '<p>View Comments</p>'],
    ['byline', '<p>By Jane Doe and John Smith</p>'],
    ['byline', '<p class="byline">Jane Doe, science correspondent</p>'],
    ['byline', '<p>Published <time datetime="2026-01-01">1 January 2026</time></p>'],
    ['page-furniture', '<nav><p>News Sport Weather</p></nav><article><p>Text</p></article>'],
    ['page-furniture', '<footer><p>Terms of Service | Privacy</p></footer>'],
  ])('%s: %s', (rule, html) => {
    expect(ruleFor(html)).toBe(rule);
  });

  it.each([
    ['an article sentence', `<p>${ARTICLE_SENTENCE}</p>`],
    [
      'a sentence that mentions advertising',
      '<p>Advertisement spending fell by a third in the second quarter, the agency said.</p>',
    ],
    [
      'a sentence starting with "Share"',
      '<p>Shares in the company rose 4 per cent after the results were published.</p>',
    ],
    [
      'a long paragraph inside an element named "ad" in its words',
      '<div class="read"><p>' + ARTICLE_SENTENCE + '</p></div>',
    ],
    ['a caption', '<figure><figcaption>The new library wing, seen from the river.</figcaption></figure>'],
    ['a sentence about cookies', '<p>The bakery sold four thousand cookies on its first day, its owner said.</p>'],
    [
      'a paragraph starting with "By"',
      '<p>By the end of the year the council expects to have hired twelve new librarians for the branches.</p>',
    ],
    [
      'a footer inside the article',
      '<article><p>Text</p><footer><p>Correction: an earlier version misspelled the name.</p></footer></article>',
    ],
  ])('keeps %s', (_what, html) => {
    expect(ruleFor(html, 'p, figcaption')).toBeNull();
  });

  it.each([
    ['a sentence with a link in it', '<p>The <a href="/council">council</a> voted on Tuesday.</p>'],
    ['a linked sentence that ends like one', '<p><a href="/x">The council voted on Tuesday.</a></p>'],
    ['a linked line of the text', '<p><a href="/x">Get it from the shop</a></p>'],
    [
      'a list of links (shop links are article text on the benchmark)',
      '<ul><li><p><a href="/x">Download the password manager for free</a></p></li></ul>',
    ],
    [
      'a disclosure in an element named like an ad',
      '<div class="ad-note"><p>We use affiliate links. They pay us a little.</p></div>',
    ],
    ['a question that says "share"', '<p>Share this information, please? Our readers asked.</p>'],
  ])('keeps %s', (_what, html) => {
    expect(ruleFor(html)).toBeNull();
  });

  it('reads bylines and dates when the setting asks for them', () => {
    expect(ruleFor('<p>By Jane Doe</p>', 'p', { readByline: true })).toBeNull();
  });
});

describe('unheard-content inline rules', () => {
  const inline = (html: string, selector: string): boolean => isUnheardInline(mount(html).querySelector(selector)!);

  it('edit links beside headings', () => {
    expect(inline('<h2>History<span class="section-edit">[<a href="?action=edit">edit</a>]</span></h2>', 'span')).toBe(
      true,
    );
    expect(inline('<p>We <a href="/e">edit</a> books.</p>', 'a')).toBe(false);
  });

  it('reference and citation markers', () => {
    expect(inline('<p>Text<sup><a href="#cite-1">[1]</a></sup></p>', 'sup')).toBe(true);
    expect(inline('<p>Text<sup>[<i><a href="/wiki/x">citation needed</a></i>]</sup></p>', 'sup')).toBe(true);
    expect(inline('<p>E = mc<sup>2</sup></p>', 'sup')).toBe(false);
    expect(inline('<p>the 1<sup>st</sup> of May</p>', 'sup')).toBe(false);
  });
});
