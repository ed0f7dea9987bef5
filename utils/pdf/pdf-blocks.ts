// A PDF's text as blocks a listener hears: each page's lines in reading order (column-order.ts), running headers,
// footers and page numbers left out (running-lines.ts), lines grouped into paragraphs and headings by their
// geometry, lines joined inside a paragraph (line-joins.ts), and a paragraph that runs over a page break kept whole
// (page-break-joins.ts).
//
// Pages come in one at a time (PdfBlockStream) so that a long document is read from its first pages while the rest
// is still being extracted: page p is decided once the pages of its window (RUNNING_WINDOW either side) are in —
// running lines and the body type are judged on that window, not on the whole document — and a block is settled
// once the next page shows whether it runs on. Settled blocks never change, so their indices are stable.
import { columnOf, findGutter, orderLines } from './column-order';
import { joinLines } from './line-joins';
import { continuesAcrossPageBreak } from './page-break-joins';
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
/**
 * Running headers and footers of page p are looked for on the pages this far before and after it: enough pages for
 * a header that alternates between left and right pages, few enough that page 1 is decided after page 11 is read.
 */
export const RUNNING_WINDOW = 10;

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

interface PageLines {
  page: PdfPageText;
  lines: PdfLine[];
  gutter: number | null;
}

/** Blocks of a document whose pages arrive in order; `take()` hands out the blocks settled since the last call. */
export class PdfBlockStream {
  private readonly pages = new Map<number, PageLines>();
  private added = 0;
  private decided = 0;
  private open: { block: PdfBlock; last: PdfLine } | null = null;
  private settled: PdfBlock[] = [];
  private noText: number[] = [];
  private leftOut = new Map<number, number[]>();

  constructor(readonly pageCount: number) {}

  /** Whether every page has been added and every block settled. */
  get complete(): boolean {
    return this.decided === this.pageCount;
  }

  /** Pages whose blocks are settled (a page is decided once the running-line window after it is in). */
  get pagesDecided(): number {
    return this.decided;
  }

  /** The next page (pages come in order, 0 first). */
  add(page: PdfPageText): void {
    if (page.page !== this.added) throw new Error(`page ${page.page} added out of order (expected ${this.added})`);
    const lines = linesOfPage(page);
    this.pages.set(page.page, { page, lines: orderLines(lines, page.width), gutter: findGutter(lines, page.width) });
    this.added++;
    const all = this.added === this.pageCount;
    while (this.decided < this.added && (all || this.decided + RUNNING_WINDOW < this.added)) {
      this.decide(this.decided++);
      // Pages no window needs any more are dropped: memory stays flat however long the document.
      this.pages.delete(this.decided - 1 - RUNNING_WINDOW);
    }
    if (this.complete) this.settle();
  }

  /** Blocks settled since the last call, pages found without text, and the items left out on them. */
  take(): PdfDocumentText {
    const taken = { blocks: this.settled, pagesWithoutText: this.noText, leftOut: this.leftOut };
    this.settled = [];
    this.noText = [];
    this.leftOut = new Map();
    return taken;
  }

  private settle(): void {
    if (this.open && this.open.block.text.trim() !== '') this.settled.push(this.open.block);
    this.open = null;
  }

  private decide(p: number): void {
    const window: PageLines[] = [];
    for (let n = Math.max(0, p - RUNNING_WINDOW); n <= Math.min(this.added - 1, p + RUNNING_WINDOW); n++)
      window.push(this.pages.get(n)!);
    const running = findRunningLines(window.map(({ page, lines }) => ({ height: page.height, lines })));
    const all = window.flatMap(({ lines }) => lines.filter((l) => !running.has(l)));
    const body = bodySize(all);
    const leading = bodyLeading(all, body);
    const isHeading = (line: PdfLine) => line.size >= body * HEADING_RATIO;

    const { gutter, lines: pageLines } = this.pages.get(p)!;
    const left = pageLines.filter((l) => running.has(l)).flatMap((l) => l.items);
    if (left.length > 0) this.leftOut.set(p, left);
    const lines = pageLines.filter((l) => !running.has(l));
    if (lines.length === 0) {
      // A page with nothing to read (a scan, a full-page figure) ends the paragraph before it.
      this.noText.push(p);
      this.settle();
      return;
    }
    // Each column's left and right edges: where its lines start, and where a full line ends.
    const rightEdge = new Map<number, number>();
    const leftEdge = new Map<number, number>();
    for (const line of lines) {
      const column = columnOf(line, gutter);
      rightEdge.set(column, Math.max(rightEdge.get(column) ?? 0, line.x1));
      leftEdge.set(column, Math.min(leftEdge.get(column) ?? Infinity, line.x0));
    }
    for (const line of lines) {
      const heading = isHeading(line);
      const current = this.open;
      const previous = current?.last;
      let startsBlock: boolean;
      if (!current || !previous) startsBlock = true;
      else if (previous.page !== line.page)
        startsBlock =
          current.block.kind !== 'paragraph' ||
          !continuesAcrossPageBreak({
            last: previous,
            next: line,
            columnLeft: leftEdge.get(columnOf(line, gutter)) ?? line.x0,
            nextIsHeading: heading,
          });
      else
        startsBlock =
          heading !== (current.block.kind === 'heading') ||
          (heading && Math.abs(line.size - previous.size) > 0.5) ||
          columnOf(line, gutter) !== columnOf(previous, gutter) ||
          previous.y - line.y > PARAGRAPH_GAP * Math.max(leading, previous.size) ||
          previous.y - line.y < 0 ||
          (!heading && line.x0 - previous.x0 > INDENT * line.size) ||
          (!heading &&
            /[.!?:"”’)]$/.test(previous.text) &&
            (rightEdge.get(columnOf(previous, gutter)) ?? previous.x1) - previous.x1 > SHORT_LINE * previous.size);
      if (startsBlock || !current) {
        this.settle();
        this.open = {
          block: { page: p, kind: heading ? 'heading' : 'paragraph', text: line.text, pieces: [...line.pieces] },
          last: line,
        };
      } else {
        current.block.pieces = joinLines(current.block.pieces, line.pieces);
        current.block.text = piecesText(current.block.pieces);
        current.last = line;
      }
    }
  }
}

/** All the blocks of a document whose pages are all at hand. */
export function documentBlocks(pages: readonly PdfPageText[]): PdfDocumentText {
  const stream = new PdfBlockStream(pages.length);
  for (const page of pages) stream.add(page);
  return stream.take();
}
