// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  BLOCK_RULES,
  heardKey,
  INLINE_RULES,
  isUnheardInline,
  unheardBlockRule,
} from '../../utils/page-text/unheard-content';
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
    ['ad-label', '<p>Advertisement –</p>'],
    ['ad-label', '<p>Anzeige: </p>'],
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
    ['date-only', '<p>sexta-feira, 22 de outubro de 2010 às 20:13</p>'],
    ['date-only', '<p>Tuesday, Nov. 19, 2019 at 3:40 p.m. EST</p>'],
    ['date-only', '<p>05/10/2018</p>'],
    ['subscribe-pitch', '<p>Get the morning briefing delivered to your inbox. Sign up for free.</p>'],
    ['subscribe-pitch', '<p>Get The Weekly Gazette delivered through your letterbox every month.</p>'],
    ['subscribe-pitch', '<p><a href="/s">Click here to subscribe to our newsletter</a></p>'],
    ['subscribe-pitch', '<p>GET THE GAZETTE ON THE GO BY CLICKING HERE</p>'],
    [
      'share-links',
      '<p><a href="whatsapp://send?text=x">WhatsApp</a> <a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a> <a href="/img.jpg" download>Download</a></p>',
    ],
    [
      'share-links',
      '<p><a href="https://twitter.com/intent/tweet?url=x">Post</a> | <a href="mailto:?subject=A%20story">Mail</a></p>',
    ],
    ['tag-list', '<p>Tags<br><a rel="tag" href="/t/a">city council</a>, <a rel="tag" href="/t/b">libraries</a></p>'],
    ['label-only', '<p>You may also like...</p>'],
    ['label-only', '<p>You might also enjoy…</p>'],
    [
      'gallery-count',
      '<figure><a href="#"><img alt=""></a><div><p>6</p></div><figcaption>A view</figcaption></figure>',
    ],
    ['comment-policy', '<p>Comments are moderated and will appear once approved.</p>'],
    ['comment-policy', '<p>ATENÇÃO: Comentários ofensivos não serão aprovados pelo moderador.</p>'],
    ['label-only', "<p>DON'T MISS</p>"],
    ['label-only', '<p>Want more stories like this?</p>'],
    ['subscribe-pitch', '<p>Every day we send an email with the top stories from the Gazette.</p>'],
    [
      'story-card',
      '<article><h2><a rel="bookmark" href="https://news.example/2019/other-story">Other story</a></h2><p>A teaser of another story.</p></article>',
    ],
    ['follow-prompt', '<p>Follow us on Twitter @gazette and on Facebook.</p>'],
    ['follow-prompt', '<p>Jane Doe covers science. Follow her on Instagram.</p>'],
    ['follow-prompt', '<p>Liked this story? Share it with a friend!</p>'],
    ['contact-line', '<p>Have a tip? Jane Doe may be reached at jane@news.example.</p>'],
    [
      'see-also',
      '<p>See also: <a href="/b">Council to vote on library hours again after a winter of complaints</a></p>',
    ],
    ['see-also', '<p>(Also on news.example: <a href="/c">The bakery that sold four thousand cookies</a>)</p>'],
    [
      'see-also',
      '<div class="related-stories"><p><a href="/d">Bridge closes for repairs</a> | <a href="/e">Mayor resigns</a></p></div>',
    ],
    ['page-notice', '<p>This document is subject to copyright. No part may be reproduced without permission.</p>'],
    ['page-notice', '<p>Disclaimer: The views expressed by guest writers are their own.</p>'],
    ['page-notice', '<p>Citation: Council extends library hours (2019, November 20) retrieved 21 November 2019</p>'],
    [
      'author-bio',
      '<div class="author-bio"><p>Jane Doe has covered the council since 2012. Before that she wrote about schools, ' +
        'rivers and bridges for the evening paper, and she lives by the river with her two sons and two cats.</p></div>',
    ],
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
    ['an ad label followed by more words', '<p>Ad-free reading comes with every subscription this year.</p>'],
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
    ['a sentence with a date in it', '<p>1 May 2018 was a Tuesday, and the library was closed.</p>'],
    ['a number alone (a table cell, a score)', '<p>5040</p>'],
    ['a time alone (the heading of a live entry)', '<p>4:14 p.m.</p>'],
    ['a sentence that asks to sign up', '<p>Sign up for the bundle using the same email as your account.</p>'],
    [
      'a long container named after its author (not a bio)',
      '<div class="article-content author-jane"><p>' + ARTICLE_SENTENCE.repeat(20) + '</p></div>',
    ],
    [
      'a sentence that ends with a web address',
      '<p>The council published the full report at https://council.example/report.</p>',
    ],
    ['a sentence about a newsletter', '<p>The newsletter, first sent in 1998, reached 40,000 readers by 2005.</p>'],
    ['a sentence about following', '<p>Other councils are expected to follow her lead next year.</p>'],
    [
      'a sentence starting with "More" that holds a link',
      '<p>More than <a href="/s">4,000 people</a> signed the petition.</p>',
    ],
    ['a sentence about copyright', '<p>Copyright law gives the author control over copies of the work.</p>'],
    [
      'one link to a share page in a sentence',
      '<p>Read <a href="https://www.facebook.com/sharer/sharer.php?u=x">how sharing works</a> on the help page of the council, which explains it.</p>',
    ],
    [
      'links to social profiles (not share dialogs)',
      '<p><a href="https://twitter.com/council">Twitter</a> <a href="https://facebook.com/council">Facebook</a></p>',
    ],
    [
      'a sentence with one tag link in it',
      '<p>The council, which <a rel="tag" href="/t/a">libraries</a> depend on, voted on Tuesday to extend opening hours through the winter months.</p>',
    ],
    ['a number alone in a table inside a figure', '<figure><table><tr><td><p>6</p></td></tr></table></figure>'],
    ['a number alone outside a figure (a score)', '<div><p>6</p></div>'],
    ['a sentence about moderation', '<p>The moderator asked both candidates to keep their answers short.</p>'],
    [
      "the page's own article with its permalink",
      `<article><h1><a rel="bookmark" href="${location.href}">The story</a></h1><p>${ARTICLE_SENTENCE}</p></article>`,
    ],
    [
      'a long article whose permalink is elsewhere (not a card)',
      `<article><h1><a rel="bookmark" href="https://news.example/x">The story</a></h1><p>${ARTICLE_SENTENCE.repeat(20)}</p></article>`,
    ],
    [
      'a paragraph in the content of a story (no author box)',
      '<div class="entry-content"><p>' + ARTICLE_SENTENCE + '</p></div>',
    ],
  ])('keeps %s', (_what, html) => {
    expect(ruleFor(html)).toBeNull();
  });

  it('reads bylines and dates when the setting asks for them', () => {
    expect(ruleFor('<p>By Jane Doe</p>', 'p', { readByline: true })).toBeNull();
    expect(ruleFor('<p>22 January 2018</p>', 'p', { readByline: true })).toBeNull();
    expect(
      ruleFor('<div class="author-bio"><p>Jane Doe has covered the council since 2012.</p></div>', 'p', {
        readByline: true,
      }),
    ).toBeNull();
  });

  it('a caption heard before is not heard again; a repeated sentence of the article and a short caption are', () => {
    const caption = 'The new library wing, seen from the river at dawn.';
    const root = mount(
      `<figure><figcaption>${caption}</figcaption></figure><div class="gallery-slide"><p>${caption}</p></div>` +
        `<p>${ARTICLE_SENTENCE}</p><figcaption>Dawn</figcaption>`,
    );
    const earlier = new Set([heardKey(caption), heardKey(ARTICLE_SENTENCE), heardKey('Dawn')]);
    const rule = (element: Element) =>
      unheardBlockRule({ element, text: `  ${element.textContent!.toUpperCase()} `, earlier })?.name ?? null;
    const [figcaption, short] = [...root.querySelectorAll('figcaption')];
    expect(rule(figcaption!)).toBe('repeated-block');
    expect(rule(root.querySelector('.gallery-slide p')!)).toBe('repeated-block');
    expect(rule(root.querySelector(':scope > p')!)).toBeNull();
    expect(rule(short!)).toBeNull();
    expect(unheardBlockRule({ element: figcaption!, text: caption })).toBeNull();
  });
});

describe('press-release boilerplate, own address, related cards, filing lines, shortcodes', () => {
  const BOILERPLATE =
    'Acme is a global solutions provider focused on hospital software and mobile workflow. ' +
    'Acme is headquartered in Basel (Switzerland), has subsidiaries in 15 countries and employs around 1,300 people worldwide.';

  it.each([
    ['ad-label', '<p>Advert</p>'],
    ['company-boilerplate', `<p>${BOILERPLATE}</p>`],
    [
      'company-boilerplate',
      '<p>About Acme: Acme is a leading maker of garden tools. Its shares are listed on the Basel exchange.</p>',
    ],
    ['own-address', `<p>${location.href}</p>`],
    [
      'related-card',
      '<article><p>The story.</p><h3>You may also like…</h3><article><p>' +
        ARTICLE_SENTENCE +
        '</p></article></article>',
    ],
    [
      'related-card',
      '<div><h3>Você pode gostar...</h3><article><h2>Outra</h2></article><article><p>' +
        ARTICLE_SENTENCE +
        '</p></article></div>',
    ],
    ['post-meta', '<p>05/10/2018 - Publicado por: Jane Doe - Categoria: Saúde - Tags: carros</p>'],
    ['post-meta', '<p>Filed under: Libraries |</p>'],
    ['shortcode', '<p>[button link="https://shop.example/review/" type="big"] Send us your review[/button]</p>'],
  ])('%s: %s', (rule, html) => {
    const root = mount(html);
    const element = [...root.querySelectorAll('p')].at(-1)!;
    expect(unheardBlockRule({ element, text: element.textContent ?? '' })?.name ?? null).toBe(rule);
  });

  it.each([
    [
      'a sentence saying where a company is based',
      '<p>WeWork is headquartered in New York City, a spokesperson said.</p>',
    ],
    [
      'a description of a company without a press-release signature',
      '<p>Acme is a global solutions provider focused on hospital software, analysts said on Tuesday.</p>',
    ],
    ['a web address of another page', '<p>https://council.example/report</p>'],
    ['a sentence with the page address in it', `<p>The story is at ${location.href} for everyone.</p>`],
    [
      'an article under an ordinary heading',
      '<div><h3>The vote</h3><article><p>' + ARTICLE_SENTENCE + '</p></article></div>',
    ],
    ['a sentence about filing', '<p>The council filed under protest, the clerk said.</p>'],
    ['a reference in brackets', '<p>[1] Alarm fatigue: impacts on patient safety. Curr Opin. 2015; 28: 685-690.</p>'],
  ])('keeps %s', (_what, html) => {
    const root = mount(html);
    const element = [...root.querySelectorAll('p')].at(-1)!;
    expect(unheardBlockRule({ element, text: element.textContent ?? '' })?.name ?? null).toBeNull();
  });

  it('reads the filing line that names its author when bylines are read', () => {
    const element = mount('<p>Category: Libraries · Written by Jane Doe</p>').querySelector('p')!;
    expect(unheardBlockRule({ element, text: element.textContent! })?.name).toBe('post-meta');
    expect(unheardBlockRule({ element, text: element.textContent! }, { readByline: true })).toBeNull();
    const credit = mount('<p>Jane Doe contributed to this report.</p>').querySelector('p')!;
    expect(unheardBlockRule({ element: credit, text: credit.textContent! }, { readByline: true })).toBeNull();
  });
});

describe('reading times, app and channel pitches, comment invitations, and more forms of known labels', () => {
  it.each([
    ['reading-time', '<p>Tempo de leitura: 1 minuto</p>'],
    ['reading-time', '<p>Reading time: about 4 minutes</p>'],
    ['reading-time', '<p>5 min read</p>'],
    ['media-label', '<p>Image 1 of / 1</p>'],
    ['date-only', '<p>02 Ago 2017</p>'],
    ['byline', '<p>First Published: Tuesday, November 19, 2019 08:38 AM</p>'],
    ['subscribe-pitch', '<p>CLICK HERE TO GET THE GAZETTE APP</p>'],
    ['subscribe-pitch', '<p>Subscribe to the Gazette YouTube Channel for all of the latest videos.</p>'],
    ['subscribe-pitch', '<p>Sign up to our newsletter for exclusive updates and enhanced content</p>'],
    ['follow-prompt', "<p>Follow the Gazette's full coverage of the council at https://news.example/council</p>"],
    ['contact-line', '<p>Write to Jane Doe at jane.doe@news.example</p>'],
    ['page-notice', '<p>This post may contain affiliate and/or referral links. Please see my disclosure page.</p>'],
    ['script-notice', '<p>This slideshow requires JavaScript.</p>'],
    ['script-notice', '<p>Please enable JavaScript to watch this video.</p>'],
    ['script-notice', '<p>You need to enable JavaScript to run this app.</p>'],
    ['label-only', '<p>Tell us what YOU think...</p>'],
    ['contributor-credit', '<p>Jane Doe and John Smith of the Gazette contributed to this report.</p>'],
    ['contributor-credit', '<p>Jane Doe contributed reporting from Basel.</p>'],
    [
      'subscribe-pitch',
      '<p>If you enjoyed this article, we have a proposition for you: join the Gazette club and read without limits.</p>',
    ],
  ])('%s: %s', (rule, html) => {
    expect(ruleFor(html)).toBe(rule);
  });

  it.each([
    ['a sentence about reading time', '<p>Reading time for children fell by 20 minutes a day, the survey found.</p>'],
    ['a sentence about an app', '<p>Users can download the council app from today to report potholes.</p>'],
    ['a sentence about following on a network', '<p>More than a million people follow the mayor on Instagram.</p>'],
    // The benchmark counts "Follow <outlet> on Facebook, Twitter…" as article text on one page of two.
    [
      'a prompt to follow an outlet on networks',
      '<p>Follow the Gazette on Instagram, Facebook, Twitter and YouTube.</p>',
    ],
    ['a sentence about writing to someone', '<p>Write to your MP, the campaigners urged residents on Tuesday.</p>'],
    ['a sentence about affiliates', '<p>The post office said its affiliate links with banks would end.</p>'],
    [
      'a sentence about JavaScript',
      '<p>This page requires JavaScript less than it used to, the developers said in their notes on the release.</p>',
    ],
    ['a sentence about enabling JavaScript', '<p>Enabling JavaScript in the old browser took three steps.</p>'],
    [
      'a sentence about what someone contributed',
      '<p>The mayor said residents contributed to this report on the river. It was published on Tuesday.</p>',
    ],
  ])('keeps %s', (_what, html) => {
    expect(ruleFor(html)).toBeNull();
  });
});

describe('a list of other stories after its label', () => {
  const links = '<p><a href="/a">Who will win the cup in 2020?</a></p><p><a href="/b">Ten stadiums to see</a></p>';
  const afterRule = (rule: string | undefined, html: string) => {
    const element = mount(html).querySelector('p')!;
    const facts = { element, text: element.textContent ?? '', ...(rule ? { afterRule: rule } : {}) };
    return unheardBlockRule(facts)?.name ?? null;
  };

  it('leaves out the headline links right after a "You may also like" label, and the ones after them', () => {
    expect(afterRule('label-only', links)).toBe('see-also-list');
    expect(afterRule('see-also-list', links)).toBe('see-also-list');
  });

  it('keeps a linked line that follows the text, and a sentence after the label', () => {
    expect(afterRule(undefined, links)).toBeNull();
    expect(afterRule('byline', links)).toBeNull();
    expect(afterRule('label-only', `<p>${ARTICLE_SENTENCE} <a href="/x">More</a></p>`)).toBeNull();
  });

  it("counts only the links of the block's own text, not those of a block nested in it", () => {
    const root = mount(`<div><span>Our take on the vote:</span><p><a href="/a">${ARTICLE_SENTENCE}</a></p></div>`);
    const div = root.querySelector('div')!;
    expect(unheardBlockRule({ element: div, text: 'Our take on the vote:', afterRule: 'label-only' })).toBeNull();
  });

  it("counts only the links of an anonymous block's own run", () => {
    const root = mount(
      `<div><a href="/x">${ARTICLE_SENTENCE}</a><p>${ARTICLE_SENTENCE}</p>Tags: <a rel="tag" href="/t">libraries</a> and more words of text here that are no link at all</div>`,
    );
    const div = root.querySelector('div')!;
    const run = document.createRange();
    run.setStartAfter(div.querySelector('p')!);
    run.setEndAfter(div.lastChild!);
    const text = run.toString();
    expect(unheardBlockRule({ element: div, text, run, afterRule: 'label-only' })).toBeNull();
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

  it('photo credits set apart inside a caption', () => {
    expect(
      inline('<figcaption>A crowd by the river.<span> (AP Photo/Jane Doe, File)</span></figcaption>', 'span'),
    ).toBe(true);
    expect(inline('<figcaption>The bridge. <small>Photo by Jane Doe/Getty Images</small></figcaption>', 'small')).toBe(
      true,
    );
    expect(inline('<figcaption>Ice on the lake <cite>(Credit: Jane Doe)</cite></figcaption>', 'cite')).toBe(true);
    expect(inline('<p>The <span>photo booth</span> was busy.</p>', 'span')).toBe(false);
  });

  it('a lone "Image caption" label before a caption', () => {
    expect(inline('<p><span>Image caption</span> The bridge at dawn</p>', 'span')).toBe(true);
    expect(inline('<p><span>Image captions are read</span> aloud</p>', 'span')).toBe(false);
  });
});
