// A PDF's text as blocks a listener hears: each page's lines in reading order (column-order.ts), running headers,
// footers and page numbers left out (running-lines.ts), lines grouped into paragraphs and headings by their
// geometry, and lines joined inside a paragraph (line-joins.ts).
import { columnOf, findGutter, orderLines } from './column-order';
import { joinLines } from './line-joins';
import { piecesText, type PdfBlock, type PdfLine, type PdfPageText } from './pdf-text';
import { findRunningLines } from './running-lines';
import { linesOfPage } from './text-lines';

/** A line at least this much larger than the body text is a heading line. */
const HEADING_RATIO = 1.15;
/** Lines further apart than this (in body line spacings) are in different paragraphs. */
const PARAGRAPH_GAP = 1.4;
/** A first line indented this much (font sizes) past the previous line's start begins a paragraph. */
const INDENT = 0.9;
/** A line ending a sentence this short of the column's right edge (font sizes) ends its paragraph. */
const SHORT_LINE = 4;

export interface PdfDocumentText {
  blocks: PdfBlock[];
  /** Pages (0-based) with no text to read (scanned, image-only, or only running lines). */
  pagesWithoutText: number[];
  /** The running headers/footers/page numbers left out, per page: items of those lines (for the text layer). */
  leftOut: Map<number, number[]>;
}

/** The body text's font size: the size most characters are set in. */
function bodySize(lines: readonly PdfLine[]): number {
  const chars = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2;
    chars.set(size, (chars.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  let most = -1;
  for (const [size, count] of chars) if (count > most) [best, most] = [size, count];
  return best;
}

/** The usual distance between two consecutive body lines (the median of body-size neighbours' gaps). */
function bodyLeading(lines: readonly PdfLine[], size: number): number {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    const gap = a.y - b.y;
    if (a.page === b.page && gap > 0 && Math.abs(a.size - size) < 0.5 && Math.abs(b.size - size) < 0.5) gaps.push(gap);
  }
  if (gaps.length === 0) return size * 1.2;
  gaps.sort((x, y) => x - y);
  return gaps[Math.floor(gaps.length / 2)]!;
}

export function documentBlocks(pages: readonly PdfPageText[]): PdfDocumentText {
  const perPage = pages.map((page) => {
    const lines = linesOfPage(page);
    return { page, lines: orderLines(lines, page.width), gutter: findGutter(lines, page.width) };
  });
  const running = findRunningLines(perPage.map(({ page, lines }) => ({ height: page.height, lines })));
  const leftOut = new Map<number, number[]>();
  for (const line of running) leftOut.set(line.page, [...(leftOut.get(line.page) ?? []), ...line.items]);
  const read = perPage.map(({ page, lines, gutter }) => ({
    page,
    gutter,
    lines: lines.filter((l) => !running.has(l)),
  }));
  const all = read.flatMap((p) => p.lines);
  const body = bodySize(all);
  const leading = bodyLeading(all, body);
  const isHeading = (line: PdfLine) => line.size >= body * HEADING_RATIO;

  const blocks: PdfBlock[] = [];
  const pagesWithoutText: number[] = [];
  for (const { page, gutter, lines } of read) {
    if (lines.length === 0) pagesWithoutText.push(page.page);
    // The right edge of each column: where a full line ends.
    const rightEdge = new Map<number, number>();
    for (const line of lines) {
      const column = columnOf(line, gutter);
      rightEdge.set(column, Math.max(rightEdge.get(column) ?? 0, line.x1));
    }
    let current: { block: PdfBlock; last: PdfLine } | null = null;
    for (const line of lines) {
      const heading = isHeading(line);
      const previous: PdfLine | undefined = current?.last;
      const startsBlock =
        !current ||
        !previous ||
        heading !== (current.block.kind === 'heading') ||
        (heading && Math.abs(line.size - previous.size) > 0.5) ||
        columnOf(line, gutter) !== columnOf(previous, gutter) ||
        previous.y - line.y > PARAGRAPH_GAP * Math.max(leading, previous.size) ||
        previous.y - line.y < 0 ||
        (!heading && line.x0 - previous.x0 > INDENT * line.size) ||
        (!heading &&
          /[.!?:"”’)]$/.test(previous.text) &&
          (rightEdge.get(columnOf(previous, gutter)) ?? previous.x1) - previous.x1 > SHORT_LINE * previous.size);
      if (startsBlock) {
        current = {
          block: {
            page: page.page,
            kind: heading ? 'heading' : 'paragraph',
            text: line.text,
            pieces: [...line.pieces],
          },
          last: line,
        };
        blocks.push(current.block);
      } else if (current) {
        current.block.pieces = joinLines(current.block.pieces, line.pieces);
        current.block.text = piecesText(current.block.pieces);
        current.last = line;
      }
    }
  }
  return { blocks: blocks.filter((b) => b.text.trim() !== ''), pagesWithoutText, leftOut };
}
