// Running headers, footers and page numbers: lines a listener should not hear on every page. A line in the top or
// bottom margin band whose text (digits aside) comes back on other pages at about the same height is a running
// header or footer; a margin line that is only a page number ("12", "Page 3 of 40", "- iv -") is one even on its own.
import type { PdfLine } from './pdf-text';

/** The margin bands: this fraction of the page height at the top and at the bottom. */
const MARGIN_BAND = 0.12;
/** A repeated line sits within this many points of the same height on each page. */
const SAME_HEIGHT = 6;
/** Repeated on at least this share of the pages (alternating left/right headers are half each)… */
const MIN_SHARE = 0.3;
/** …and on at least this many pages. */
const MIN_PAGES = 2;

const PAGE_NUMBER = /^[-–—\s]*(page\s+)?(\d{1,5}|[ivxlcdm]{1,8})(\s*(of|\/)\s*\d{1,5})?[-–—\s]*$/i;

/** A line's text with page-specific digits stood in for, so "Chapter 2 · 14" matches "Chapter 2 · 15". */
const shapeOf = (text: string): string => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

export function isPageNumberText(text: string): boolean {
  return PAGE_NUMBER.test(text.trim());
}

export interface PageLines {
  height: number;
  lines: PdfLine[];
}

/** The lines of each page that are running headers, footers or page numbers. */
export function findRunningLines(pages: readonly PageLines[]): Set<PdfLine> {
  const running = new Set<PdfLine>();
  const inBand = (line: PdfLine, height: number) =>
    line.y >= height * (1 - MARGIN_BAND) || line.y <= height * MARGIN_BAND;
  // shape → the pages (and heights) where a margin line of that shape is.
  const seen = new Map<string, { page: number; y: number; line: PdfLine }[]>();
  for (const { height, lines } of pages) {
    for (const line of lines) {
      if (!inBand(line, height)) continue;
      if (isPageNumberText(line.text)) {
        running.add(line);
        continue;
      }
      const key = shapeOf(line.text);
      const list = seen.get(key) ?? [];
      list.push({ page: line.page, y: line.y, line });
      seen.set(key, list);
    }
  }
  const needed = Math.max(MIN_PAGES, Math.ceil(MIN_SHARE * pages.length));
  for (const list of seen.values()) {
    for (const entry of list) {
      const samePlace = list.filter((o) => Math.abs(o.y - entry.y) <= SAME_HEIGHT);
      const pagesCount = new Set(samePlace.map((o) => o.page)).size;
      if (pagesCount >= needed) running.add(entry.line);
    }
  }
  return running;
}
