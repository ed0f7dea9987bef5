// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { isUnheardInline, unheardBlockRule } from '../../utils/page-text/unheard-content';
import { mount } from './mount-fixture';

// Teasers of other stories, credits beside photos, breadcrumbs, site controls, author bios, contact footers and
// affiliate notices: the rules added for them, each with the article text it must keep.

afterEach(() => {
  document.body.replaceChildren();
});

const CANONICAL = '<link rel="canonical" href="https://www.news.example/2019/11/council-extends-library-hours">';
const SENTENCE = "The council voted on Tuesday to extend the library's opening hours through the winter.";

/** The rule that leaves out the last element matching `selector` in `html`, read with its own text. */
function ruleFor(html: string, selector: string, options = {}): string | null {
  const root = mount(CANONICAL + html);
  const element = [...root.querySelectorAll(selector)].at(-1)!;
  return unheardBlockRule({ element, text: element.textContent ?? '' }, options)?.name ?? null;
}

describe('linked-headline', () => {
  it.each([
    [
      'two linked headlines one after the other',
      '<div><p><a href="/2019/11/bridge-closes-for-repairs">Bridge closes for repairs</a></p><p><a href="/2019/11/mayor-opens-new-bridge">Mayor opens the new bridge</a></p></div>',
      'p',
    ],
    [
      'an all-capital headline linked to another story of the site',
      '<p><strong><a href="https://www.news.example/entertainment/mayor-opens-new-bridge-after-two-years">MAYOR OPENS NEW BRIDGE AFTER TWO YEARS</a></strong></p>',
      'p',
    ],
    [
      'a list item whose heading sits inside its link',
      '<ul><li><a href="/story/bridge-closes-for-repairs-11864886"><h4>Bridge closes for repairs, council says</h4></a></li>' +
        '<li><a href="/story/mayor-opens-new-bridge-11864887"><h4>Mayor opens the new bridge</h4></a></li></ul>',
      'h4',
    ],
    [
      'a video of the same site on its own host',
      '<p><a href="https://video.news.example/v/6091276897001/">CO-FOUNDER PROUD OF THE LIBRARY STAFF</a></p>',
      'p',
    ],
  ])('leaves out %s', (_what, html, selector) => {
    expect(ruleFor(html, selector)).toBe('linked-headline');
  });

  it.each([
    [
      'a linked line to another site (results, shops: article text on the benchmark)',
      '<p><a href="https://results.example/Public/Swimming/StateBoys.cfm">CLICK FOR FULL STATE SWIM RESULTS</a></p>',
    ],
    [
      'a sentence with a link to another story in it',
      `<p>${SENTENCE} <a href="/2019/11/bridge-closes-for-repairs">Read about the bridge</a></p>`,
    ],
    [
      'a linked sentence of the text that ends like one',
      '<p><a href="/2019/11/bridge-closes-for-repairs">The bridge closes for repairs on Monday.</a></p>',
    ],
    ['a link to a section of the site', '<p><a href="/local-news">Local news from the valley</a></p>'],
    ['a link to the page itself', '<p><a href="#top">Council extends library hours again</a></p>'],
    ['a short linked name', '<p><a href="/people/jane-doe-profile">Jane Doe</a></p>'],
    [
      'a linked cell of a table',
      '<table><tr><td><p><a href="/2019/11/bridge-closes-for-repairs">Bridge closes for repairs</a></p></td></tr></table>',
    ],
    [
      'a lone linked line in the text\'s case (a featured video\'s title, a "Read also" the article keeps)',
      '<p><a href="https://video.news.example/v/6099396703001">The mayor\'s big night; a bakery\'s new shop</a></p>',
    ],
    [
      'a linked headline between paragraphs',
      '<div><p>The bridge is old.</p><p><a href="/2019/11/bridge-closes-for-repairs">Bridge closes for repairs</a></p><p>It opened in 1901.</p></div>',
    ],
    [
      'one linked headline in a list of other links',
      '<ul><li><a href="/2019/11/bridge-closes-for-repairs">Bridge closes for repairs</a></li><li><a href="/contact">Contact us today</a></li></ul>',
    ],
  ])('keeps %s', (_what, html) => {
    expect(ruleFor(html, 'p, li')).toBeNull();
  });
});

describe('breadcrumb', () => {
  it.each([
    [
      'a trail named as one',
      '<p id="breadcrumbs"><a href="/">Home</a> » <a href="/blog">Blog</a> » <strong>This post</strong></p>',
    ],
    ['a trail labelled for assistive technology', '<nav aria-label="Breadcrumb"><p>Home News Science</p></nav>'],
    [
      'links joined by the separators of a trail',
      '<p><a href="/">News</a> › <a href="/science">Science</a> › <a href="/science/space">Space</a></p>',
    ],
  ])('leaves out %s', (_what, html) => {
    expect(ruleFor(html, 'p')).toBe('breadcrumb');
  });

  it.each([
    ['a sentence with a "greater than"', '<p>In the poll, cost > quality for most readers, and 3 > 2.</p>'],
    ['a quotation mark of another language', '<p>Sie sagte: »Wir bauen die Brücke neu.« Dann ging sie.</p>'],
  ])('keeps %s', (_what, html) => {
    expect(ruleFor(html, 'p')).toBeNull();
  });
});

describe('figure-credit', () => {
  it.each([
    ['a name and a picture agency', '<p>Jane Doe | Getty Images</p>'],
    ['a name and its agencies anywhere', '<div class="inline-image"><p>Jane Doe | Bloomberg | Getty Images</p></div>'],
    [
      'a name and a paper inside a figure',
      '<figure><img alt=""><figcaption>Jane Doe/The Gazette</figcaption></figure>',
    ],
  ])('leaves out %s', (_what, html) => {
    expect(ruleFor(html, 'p, figcaption, span')).toBe('figure-credit');
  });

  it.each(['Image copyright', 'Credit...'])('leaves out the label "%s" a credit left alone', (label) => {
    expect(ruleFor(`<figure><img alt=""><figcaption><span>${label}</span></figcaption></figure>`, 'span')).toBe(
      'media-label',
    );
  });

  it.each([
    ['a caption', '<figure><img alt=""><figcaption>The new library wing, seen from the river.</figcaption></figure>'],
    [
      'a short caption naming two people',
      '<figure><img alt=""><figcaption>Jane Doe and John Smith</figcaption></figure>',
    ],
    ['a name and a paper outside a figure', '<p>Jane Doe/The Gazette</p>'],
    [
      'a credit written as a phrase (article text on the benchmark)',
      '<figure><img alt=""><p class="credit">(Image credit: Space Agency)</p></figure>',
    ],
    ['a name with a slash in a sentence', '<p>Either/Or is the title of a book by Kierkegaard, she said.</p>'],
  ])('keeps %s', (_what, html) => {
    expect(ruleFor(html, 'p, figcaption')).toBeNull();
  });

  it('leaves a credit element out of its caption, not the caption', () => {
    const root = mount(
      '<figure><img alt=""><figcaption>The bridge at dawn. <span class="credit">Jane Doe/The Gazette</span></figcaption></figure>',
    );
    expect(isUnheardInline(root.querySelector('span')!)).toBe(true);
    const other = mount('<figure><figcaption>The <span class="river">river</span> at dawn.</figcaption></figure>');
    expect(isUnheardInline(other.querySelector('span')!)).toBe(false);
    const outside = mount('<p>A <span class="credit">credit</span> union opened.</p>');
    expect(isUnheardInline(outside.querySelector('span')!)).toBe(false);
  });
});

describe('site controls, section labels, author bios, contact footers, affiliate notices, credits', () => {
  it.each([
    ['site-control', '<p>Sign In</p>'],
    ['site-control', '<p>Text size</p>'],
    ['site-control', '<p>Loading content ...</p>'],
    ['site-control', '<p>Post Comment (+)</p>'],
    ['media-label', '<p><a href="#">Enlarge Image</a></p>'],
    ['label-only', '<h2>LATEST NEWS</h2>'],
    ['label-only', '<h2>Breaking News</h2>'],
    ['label-only', '<p>POPULAR THIS WEEK</p>'],
    ['label-only', '<p>More Business News</p>'],
    ['label-only', '<p>More Great Gazette Stories</p>'],
    ['contributor-credit', '<p>Additional reporting by Jane Doe</p>'],
    [
      'contact-footer',
      '<p>The Gazette 1625 Main Street, Suite 900 Springfield 20006 | 202-555-8500 tel | 202-555-8503 fax</p>',
    ],
    [
      'affiliate-notice',
      '<p>The Gazette may earn an affiliate commission if you purchase something through links in this article.</p>',
    ],
  ])('%s: %s', (rule, html) => {
    expect(ruleFor(html, 'p, h2')).toBe(rule);
  });

  it('leaves out a paragraph that starts with the author and says who they are, unless bylines are read', () => {
    const html =
      '<p class="byline">By Jane Doe</p><p>Jane Doe (jane@news.example) is the editor of the Gazette and lives in Springfield.</p>';
    expect(ruleFor(html, 'p')).toBe('author-bio-line');
    expect(ruleFor(html, 'p', { readByline: true })).toBeNull();
    expect(ruleFor('<a rel="author" href="/a/regan">Regan</a><p>Regan is a native of the valley.</p>', 'p')).toBe(
      'author-bio-line',
    );
  });

  it.each([
    ['a sentence about signing in', '<p>Sign in with your library card to borrow e-books.</p>'],
    ['a heading of the article', '<h2>The latest vote</h2>'],
    [
      'a sentence about the author by someone else',
      '<p class="byline">By Jane Doe</p><p>John Smith is the mayor of Springfield and a keen swimmer.</p>',
    ],
    ['a sentence about reporting', '<p>Additional reporting by the council found more errors. It was published.</p>'],
    [
      'a press contact without a street address',
      '<p>Media contact: Jane Doe, press office, tel 202-555-8500, jane@news.example</p>',
    ],
    ['an address in a sentence', '<p>The library at 12 Main Street opens at nine. Call 202-555-8500 for hours.</p>'],
    ['a sentence about commissions', '<p>Agents earn a commission on every house they sell in the valley.</p>'],
  ])('keeps %s', (_what, html) => {
    expect(ruleFor(html, 'p, h2')).toBeNull();
  });
});
