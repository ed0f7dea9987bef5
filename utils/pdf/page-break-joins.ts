// A paragraph that runs on over a page break: the page's last body line leaves its sentence unfinished and the next
// page's first body line carries on in the same type, not indented and not a heading. Then they are one block (one
// paragraph a listener hears whole, with no paragraph pause in the middle of a sentence). Running headers, footers
// and page numbers are already gone from both pages (running-lines.ts), so they do not stand between the two lines.
import type { PdfLine } from './pdf-text';

/** How a sentence ends: its mark, then any closing quotes or brackets. */
const SENTENCE_END = /[.!?…:;]["'”’)\]]*$/u;
/** Font sizes within this many points are the same type. */
const SAME_SIZE = 0.5;
/** A first line indented this much (font sizes) past the column's left edge begins a paragraph. */
const INDENT = 0.9;

export interface PageBreak {
  /** The last line of the previous page's last paragraph. */
  last: PdfLine;
  /** The first body line of the next page. */
  next: PdfLine;
  /** Where the lines of `next`'s column start on its page (the leftmost x0 of that column's lines). */
  columnLeft: number;
  /** Whether `next` is a heading line. */
  nextIsHeading: boolean;
}

export function continuesAcrossPageBreak({ last, next, columnLeft, nextIsHeading }: PageBreak): boolean {
  if (nextIsHeading) return false;
  if (SENTENCE_END.test(last.text.trimEnd())) return false;
  if (Math.abs(last.size - next.size) > SAME_SIZE) return false;
  return next.x0 - columnLeft <= INDENT * next.size;
}
