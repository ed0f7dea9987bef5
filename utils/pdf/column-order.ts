// Reading order of a page's lines. A page set in two columns has a gutter: a vertical band near the middle that
// no body line crosses. Lines left of it are read before lines right of it; a line spanning it (a title, a
// full-width figure caption) ends one band of columns and starts the next, so "title, left column, right column,
// full-width note" is read in that order.
import type { PdfLine } from './pdf-text';

/** The gutter is looked for in this middle part of the page (fractions of its width). */
const GUTTER_FROM = 0.3;
const GUTTER_TO = 0.7;
/** Each column needs this many lines for the page to count as two columns. */
const MIN_COLUMN_LINES = 3;
/** At most this share of the lines may cross the gutter (titles, full-width captions). */
const MAX_SPANNING = 0.25;

/** The x of the page's column gutter, or null when the page is one column. */
export function findGutter(lines: readonly PdfLine[], pageWidth: number): number | null {
  if (lines.length < 2 * MIN_COLUMN_LINES) return null;
  const from = Math.floor(pageWidth * GUTTER_FROM);
  const to = Math.ceil(pageWidth * GUTTER_TO);
  const crossing: number[] = [];
  for (let x = from; x <= to; x++) crossing.push(lines.filter((l) => l.x0 < x && l.x1 > x).length);
  const least = Math.min(...crossing);
  if (least > MAX_SPANNING * lines.length) return null;
  // The gutter's middle is the middle of the widest run of x crossed by the fewest lines.
  let best = { start: 0, length: 0 };
  for (let i = 0; i < crossing.length;) {
    if (crossing[i] !== least) {
      i++;
      continue;
    }
    let j = i;
    while (j < crossing.length && crossing[j] === least) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const gutter = from + best.start + (best.length - 1) / 2;
  const left = lines.filter((l) => l.x1 <= gutter).length;
  const right = lines.filter((l) => l.x0 >= gutter).length;
  return left >= MIN_COLUMN_LINES && right >= MIN_COLUMN_LINES ? gutter : null;
}

/** The page's lines in reading order (top to bottom; with a gutter, each band of columns left then right). */
export function orderLines(lines: readonly PdfLine[], pageWidth: number): PdfLine[] {
  const topDown = [...lines].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const gutter = findGutter(lines, pageWidth);
  if (gutter === null) return topDown;
  const ordered: PdfLine[] = [];
  let left: PdfLine[] = [];
  let right: PdfLine[] = [];
  const flush = () => {
    ordered.push(...left, ...right);
    left = [];
    right = [];
  };
  for (const line of topDown) {
    if (line.x1 <= gutter) left.push(line);
    else if (line.x0 >= gutter) right.push(line);
    else {
      flush();
      ordered.push(line);
    }
  }
  flush();
  return ordered;
}

/** Which column a line is in: 0 left (or the only one), 1 right, -1 spanning the gutter. */
export function columnOf(line: PdfLine, gutter: number | null): number {
  if (gutter === null || line.x1 <= gutter) return 0;
  return line.x0 >= gutter ? 1 : -1;
}
