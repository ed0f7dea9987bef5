// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  extractLiveText,
  FIRST_PART_BLOCKS,
  LONG_PAGE_BLOCKS,
  type ExtractOptions,
} from '../../utils/page-text/extract-page-text';
import { ArticleCandidates, PageBlocks } from '../../utils/page-text/live-blocks';

const sentence = (n: number) =>
  `Paragraph ${n} tells, in several plain sentences, how the long report goes on from the one before it. ` +
  `It has enough words to read like real prose to an article detector, and it ends here for number ${n}.`;

function setBody(html: string) {
  document.documentElement.setAttribute('lang', 'en');
  // Test fixtures are static strings written here; building them with DOMParser keeps innerHTML out of the code.
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
  document.getSelection()?.removeAllRanges();
}

const CAPTION = 'The harbour at dawn, seen from the old lighthouse on the northern breakwater.';

/**
 * A long article with what crosses the end of a first part: a data table whose rows are read together, a caption
 * a gallery repeats (heard once), the headline repeated inside the article, preformatted prose, a "Related" label
 * with its links.
 */
function longArticle(paragraphs: number): string {
  const parts = ['<article><h1>The long report</h1>'];
  for (let i = 1; i <= paragraphs; i++) {
    parts.push(`<p>${sentence(i)}</p>`);
    if (i === 20) parts.push(`<figure><img src="a.png" alt=""><figcaption>${CAPTION}</figcaption></figure>`);
    if (i === 30) {
      const rows = Array.from({ length: 30 }, (_, r) => `<tr><td>Person ${r}</td><td>${1800 + r}</td></tr>`);
      parts.push(`<table><thead><tr><th>Name</th><th>Year</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
    }
    if (i === 70) parts.push(`<figure><img src="b.png" alt=""><figcaption>${CAPTION}</figcaption></figure>`);
    if (i === 80) parts.push('<h2>The long report</h2>');
    if (i === 90)
      parts.push('<pre>A line of prose set as preformatted text\nthat goes on to the next line here.</pre>');
    if (i === 100)
      parts.push(
        '<h3>Related</h3><p><a href="/other-1">Another story of the site</a></p><p><a href="/other-2">And one more story</a></p>',
      );
  }
  parts.push('</article>');
  return parts.join('');
}

function extract(options: ExtractOptions) {
  return extractLiveText(document, 'auto', { explain: true, ...options });
}

describe('a long page extracted in two parts', () => {
  beforeEach(() => {
    document.title = 'The long report | Example News';
  });

  it('answers with the first blocks, and the rest makes exactly the blocks of the whole extraction', () => {
    setBody(longArticle(LONG_PAGE_BLOCKS + 40));
    const whole = extract({});
    expect(whole.rest).toBeUndefined();
    expect(whole.extracted.more).toBeUndefined();

    const first = extract({ progressive: true });
    expect(first.extracted.more).toBe(true);
    expect(first.extracted.headline).toBe(true);
    expect(first.extracted.blocks.length).toBeGreaterThanOrEqual(FIRST_PART_BLOCKS);
    expect(first.extracted.blocks.length).toBeLessThan(whole.extracted.blocks.length / 2);
    const rest = first.rest!();

    // The privacy question is told about the whole: the rest's length is known before it is made.
    const restChars = rest.blocks.reduce((n, b) => n + b.text.length, 0);
    expect(first.extracted.moreChars).toBeGreaterThan(restChars * 0.9);
    expect(first.extracted.moreChars).toBeLessThan(restChars * 1.2);
    const together = [...first.extracted.blocks, ...rest.blocks];
    expect(together).toEqual(whole.extracted.blocks);
    expect([...first.maps, ...rest.maps].map((m) => m.text)).toEqual(together.map((b) => b.text));
    // What the rules left out is the same too (the caption read twice, the repeated headline, the related links).
    expect(first.extracted.dropped).toEqual(whole.extracted.dropped);
    expect(whole.extracted.dropped?.map((d) => d.rule)).toEqual(
      expect.arrayContaining(['repeated-block', 'repeated-headline']),
    );
  });

  it('never ends the first part inside a table: its rows are read together', () => {
    setBody(longArticle(LONG_PAGE_BLOCKS + 40));
    const first = extract({ progressive: true });
    const rows = first.extracted.blocks.filter((b) => /^Row \d+/.test(b.text));
    // The table starts within the first part's reach and all its 30 rows are in it.
    expect(rows).toHaveLength(30);
    expect(first.rest!().blocks.some((b) => /^Row \d+/.test(b.text))).toBe(false);
  });

  it('extracts a page of fewer blocks whole, even when asked for parts', () => {
    const plain = (n: number) =>
      `<article><h1>The long report</h1>${Array.from({ length: n }, (_, i) => `<p>${sentence(i)}</p>`).join('')}</article>`;
    setBody(plain(LONG_PAGE_BLOCKS - 1));
    const once = extract({ progressive: true });
    expect(once.rest).toBeUndefined();
    expect(once.extracted.more).toBeUndefined();
    expect(once.extracted.blocks).toEqual(extract({}).extracted.blocks);
    setBody(plain(LONG_PAGE_BLOCKS + 1));
    expect(extract({ progressive: true }).extracted.more).toBe(true);
  });

  it('continuing from a stored position: the first part goes on past its block, the rest follows as before', () => {
    setBody(longArticle(2 * LONG_PAGE_BLOCKS));
    const whole = extract({});
    const through = 100;
    const first = extract({ progressive: true, through });
    expect(first.extracted.more).toBe(true);
    expect(first.extracted.blocks.length).toBeGreaterThanOrEqual(through + FIRST_PART_BLOCKS);
    expect(first.extracted.blocks[through]).toEqual(whole.extracted.blocks[through]);
    expect([...first.extracted.blocks, ...first.rest!().blocks]).toEqual(whole.extracted.blocks);
    // A position near the end: nothing worth a second part is left, the page comes whole.
    const late = extract({ progressive: true, through: whole.extracted.blocks.length - 10 });
    expect(late.rest).toBeUndefined();
    expect(late.extracted.blocks).toEqual(whole.extracted.blocks);
  });

  it('extracts whole when reading from a chosen element or with image descriptions', () => {
    setBody(longArticle(LONG_PAGE_BLOCKS + 40));
    const target = document.querySelectorAll('p')[130]!;
    const fromHere = extract({ progressive: true, target });
    expect(fromHere.rest).toBeUndefined();
    expect(fromHere.extracted.blocks[fromHere.extracted.startBlock!]!.text).toBe(target.textContent);
    expect(extract({ progressive: true, reading: { readImageAlt: true } }).rest).toBeUndefined();
  });
});

describe('ArticleCandidates', () => {
  it('finds blocks in page order as asked, and a block found out of order sends the rest through one sort', () => {
    setBody('<p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p><p>Five.</p>');
    const texts = [...document.querySelectorAll('p')].map((p) => p.firstChild as Text);
    const [one, two, three, four, five] = texts as [Text, Text, Text, Text, Text];
    const textOf = (list: { at(i: number): { element: Element } | undefined }, n: number) =>
      Array.from({ length: n }, (_, i) => list.at(i)?.element.textContent);
    const candidates = (nodes: Text[]) =>
      new ArticleCandidates('', undefined, 0, nodes, document.body, new PageBlocks(document));
    // In page order: found one by one.
    const ordered = candidates([one, two, three, four, five]);
    expect(textOf(ordered, 6)).toEqual(['One.', 'Two.', 'Three.', 'Four.', 'Five.', undefined]);
    // Out of order, nothing handed out yet: exactly page order.
    const all = candidates([three, one, two, five, four]);
    expect(all.all().map((b) => b.element.textContent)).toEqual(['One.', 'Two.', 'Three.', 'Four.', 'Five.']);
    // Out of order after "Three." was handed out: the blocks after it are in page order.
    const late = candidates([three, one, five, two, four]);
    expect(late.at(0)?.element.textContent).toBe('Three.');
    expect(textOf(late, 5)).toEqual(['Three.', 'One.', 'Two.', 'Four.', 'Five.']);
  });
});
