import { describe, expect, it } from 'vitest';
import { documentBlocks, PdfBlockStream, RUNNING_WINDOW } from '../../utils/pdf/pdf-blocks';
import { piecesText, type PdfPageText } from '../../utils/pdf/pdf-text';
import { PageBuilder } from './page-builder';

const texts = (pages: PdfPageText[]) => documentBlocks(pages).blocks.map((b) => b.text);

/** Lines of a paragraph, 12 pt apart from `top` down. */
function paragraph(p: PageBuilder, lines: string[], x: number, top: number, size = 10): number {
  lines.forEach((text, i) => p.line(text, x, top - i * 12, size));
  return top - lines.length * 12;
}

describe('documentBlocks', () => {
  it('joins the lines of a paragraph with spaces and splits paragraphs at a vertical gap', () => {
    const p = new PageBuilder(0);
    const end = paragraph(p, ['The first paragraph runs over', 'two lines of the page.'], 72, 700);
    paragraph(p, ['A second paragraph follows after a gap.'], 72, end - 14);
    expect(texts([p.build()])).toEqual([
      'The first paragraph runs over two lines of the page.',
      'A second paragraph follows after a gap.',
    ]);
  });

  it('joins a word hyphenated at a line end, and keeps a hyphen before a capital', () => {
    const p = new PageBuilder(0);
    paragraph(p, ['Reading aloud needs infor-', 'mation about the voice and the Anglo-', 'Saxon names.'], 72, 700);
    expect(texts([p.build()])).toEqual(['Reading aloud needs information about the voice and the Anglo- Saxon names.']);
  });

  it('reads a two-column page left column first, then right, with a full-width title first', () => {
    const p = new PageBuilder(0);
    p.line('A Title Across Both Columns', 150, 740, 18);
    paragraph(p, ['Left one starts the', 'left column and it', 'carries on down here.'], 72, 700);
    paragraph(p, ['Right one starts the', 'right column after the', 'left has been read.'], 320, 700);
    expect(texts([p.build()])).toEqual([
      'A Title Across Both Columns',
      'Left one starts the left column and it carries on down here.',
      'Right one starts the right column after the left has been read.',
    ]);
  });

  it('keeps word items of the two columns apart when they share baselines', () => {
    const p = new PageBuilder(0);
    ['alpha beta gamma', 'delta epsilon zeta', 'eta theta iota'].forEach((t, i) => p.words(t, 72, 700 - i * 12));
    ['one two three', 'four five six', 'seven eight nine'].forEach((t, i) => p.words(t, 320, 700 - i * 12));
    expect(texts([p.build()])).toEqual([
      'alpha beta gamma delta epsilon zeta eta theta iota',
      'one two three four five six seven eight nine',
    ]);
  });

  it('leaves out running headers, footers and page numbers repeated across pages', () => {
    const pages = [0, 1, 2].map((n) => {
      const p = new PageBuilder(n);
      p.line('Journal of Listening · Volume 4', 72, 760, 9);
      paragraph(p, [`Body text of page ${n + 1} is read.`], 72, 650);
      p.line(`Chapter 2 — page ${n + 11}`, 72, 40, 9);
      p.line(String(n + 11), 300, 24, 9);
      return p.build();
    });
    const result = documentBlocks(pages);
    expect(result.blocks.map((b) => b.text)).toEqual([
      'Body text of page 1 is read.',
      'Body text of page 2 is read.',
      'Body text of page 3 is read.',
    ]);
    // The items left out are those of the three margin lines on every page.
    expect(result.leftOut.get(1)?.sort()).toEqual([0, 2, 3]);
  });

  it('reads a margin line that appears on one page only', () => {
    const pages = [0, 1, 2].map((n) => {
      const p = new PageBuilder(n);
      if (n === 1) p.line('A note at the top of one page only.', 72, 760, 9);
      paragraph(p, [`Body of page ${n + 1}.`], 72, 700);
      return p.build();
    });
    expect(texts(pages)).toContain('A note at the top of one page only.');
  });

  it('makes larger lines headings, each its own block', () => {
    const p = new PageBuilder(0);
    p.line('Chapter One', 72, 720, 20);
    p.line('A Section Heading', 72, 690, 14);
    paragraph(p, ['Body text under the heading', 'runs on here.'], 72, 670);
    const { blocks } = documentBlocks([p.build()]);
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Chapter One'],
      ['heading', 'A Section Heading'],
      ['paragraph', 'Body text under the heading runs on here.'],
    ]);
  });

  it('starts a paragraph at an indented first line', () => {
    const p = new PageBuilder(0);
    paragraph(p, ['One paragraph ends at the line that', 'ends here and then'], 72, 700);
    paragraph(p, ['another begins indented without', 'extra space above it.'], 90, 676);
    p.items[3]!.x = 72;
    expect(texts([p.build()])).toEqual([
      'One paragraph ends at the line that ends here and then',
      'another begins indented without extra space above it.',
    ]);
  });

  it('reports pages without text and reads the others', () => {
    const a = new PageBuilder(0);
    paragraph(a, ['Text before the scan.'], 72, 700);
    const scan = new PageBuilder(1);
    const c = new PageBuilder(2);
    paragraph(c, ['Text after the scan.'], 72, 700);
    const result = documentBlocks([a.build(), scan.build(), c.build()]);
    expect(result.pagesWithoutText).toEqual([1]);
    expect(result.blocks.map((b) => [b.page, b.text])).toEqual([
      [0, 'Text before the scan.'],
      [2, 'Text after the scan.'],
    ]);
  });

  it('gives pieces that point at the items the text came from', () => {
    const p = new PageBuilder(0);
    p.words('Every word its own', 72, 700);
    p.words('item, hyphen-', 72, 688);
    p.words('ated too.', 72, 676);
    const { blocks } = documentBlocks([p.build()]);
    const block = blocks[0]!;
    expect(block.text).toBe('Every word its own item, hyphenated too.');
    expect(piecesText(block.pieces)).toBe(block.text);
    for (const piece of block.pieces) {
      if (piece.item === null) expect(piece.text).toBe(' ');
      else expect(p.items[piece.item]!.str.slice(piece.offset, piece.offset + piece.text.length)).toBe(piece.text);
    }
  });

  describe('a paragraph across a page break', () => {
    /** Pages with a running header and footer, each page's body lines given (12 pt apart from y 700). */
    function book(bodies: { lines: string[]; x?: number; size?: number }[][]): PdfPageText[] {
      return bodies.map((parts, n) => {
        const p = new PageBuilder(n);
        p.line('The Book of Listening', 72, 760, 9);
        let top = 700;
        for (const { lines, x = 72, size = 10 } of parts) top = paragraph(p, lines, x, top, size) - 14;
        p.line(`Page ${n + 1}`, 290, 30, 9);
        return p.build();
      });
    }

    it('is one block when the page ends mid-sentence and the next page carries on, over header and footer', () => {
      const pages = book([
        [{ lines: ['A paragraph that is long enough', 'to run over the end of the'] }],
        [
          { lines: ['page and finishes on the next.'] },
          { lines: ['Then another paragraph', 'that runs over two lines', 'and a third.'] },
        ],
      ]);
      const { blocks } = documentBlocks(pages);
      expect(blocks.map((b) => [b.page, b.text])).toEqual([
        [0, 'A paragraph that is long enough to run over the end of the page and finishes on the next.'],
        [1, 'Then another paragraph that runs over two lines and a third.'],
      ]);
      // Its pieces point into both pages' items.
      const pieces = blocks[0]!.pieces.filter((piece) => piece.item !== null);
      expect(pieces.map((piece) => [piece.page, pages[piece.page!]!.items[piece.item!]!.str])).toEqual([
        [0, 'A paragraph that is long enough'],
        [0, 'to run over the end of the'],
        [1, 'page and finishes on the next.'],
      ]);
    });

    it('joins a word hyphenated over the page break', () => {
      const pages = book([[{ lines: ['The listener hears the infor-'] }], [{ lines: ['mation whole.'] }]]);
      expect(texts(pages)).toEqual(['The listener hears the information whole.']);
    });

    it('keeps two blocks when the page ends a sentence, or the next page starts a heading or an indented line', () => {
      expect(
        texts(book([[{ lines: ['This page ends its sentence.'] }], [{ lines: ['next page starts anew'] }]])),
      ).toEqual(['This page ends its sentence.', 'next page starts anew']);
      expect(
        texts(
          book([[{ lines: ['A list item with no stop'] }], [{ lines: ['A Heading'], size: 16 }, { lines: ['Body.'] }]]),
        ),
      ).toEqual(['A list item with no stop', 'A Heading', 'Body.']);
      expect(
        texts(
          book([
            [{ lines: ['A line with no stop', 'and one more line'] }],
            [
              { lines: ['An indented first line'], x: 90 },
              { lines: ['and the body at the edge', 'of the column, then more', 'lines follow here.'] },
            ],
          ]),
        ),
      ).toEqual([
        'A line with no stop and one more line',
        'An indented first line',
        'and the body at the edge of the column, then more lines follow here.',
      ]);
    });

    it('does not join over a page with no text', () => {
      const pages = book([[{ lines: ['Before the figure and'] }], [], [{ lines: ['after the figure.'] }]]);
      expect(texts(pages)).toEqual(['Before the figure and', 'after the figure.']);
    });
  });

  describe('PdfBlockStream', () => {
    const pagesOf = (count: number) =>
      Array.from({ length: count }, (_, n) => {
        const p = new PageBuilder(n);
        p.line('Running Header of the Report', 72, 760, 9);
        paragraph(p, [`Page ${n + 1} has a paragraph of its own.`], 72, 650);
        p.line(String(n + 1), 300, 24, 9);
        return p.build();
      });

    it('settles the first blocks while later pages are still to come, the same as the whole document', () => {
      const pages = pagesOf(60);
      const stream = new PdfBlockStream(pages.length);
      const settledAfter: number[] = [];
      const blocks: string[] = [];
      for (const page of pages) {
        stream.add(page);
        const taken = stream.take().blocks.map((b) => b.text);
        blocks.push(...taken);
        settledAfter.push(blocks.length);
      }
      // Page 1 is decided once the pages of its running-line window are in, and settled when page 2 is decided.
      expect(settledAfter.findIndex((n) => n > 0)).toBe(RUNNING_WINDOW + 1);
      expect(stream.complete).toBe(true);
      expect(blocks).toEqual(documentBlocks(pages).blocks.map((b) => b.text));
      expect(blocks).toHaveLength(60);
      expect(blocks.join(' ')).not.toMatch(/Running Header/);
    });

    it('refuses pages out of order', () => {
      const stream = new PdfBlockStream(3);
      expect(() => stream.add(pagesOf(2)[1]!)).toThrow(/out of order/);
    });
  });
});
