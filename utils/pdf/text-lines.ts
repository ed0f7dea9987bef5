// Items → lines: items sharing a baseline and following each other closely form a line. A gap wider than a few
// spaces on one baseline is a column gutter (or a table cell) and starts another line, so two columns set on the
// same baselines stay two lines each (reading order is column-order.ts's).
import type { PdfLine, PdfPageText, TextPiece } from './pdf-text';

/** Baselines closer than this share a line (fraction of the font size: sub/superscripts stay in). */
const SAME_BASELINE = 0.35;
/** A horizontal gap wider than this (font sizes) is not a word space: another line starts. */
const GUTTER = 1.5;
/** A gap wider than this (font sizes) between two items with no space at the join is a word space. */
const WORD_GAP = 0.12;

export function linesOfPage(page: PdfPageText): PdfLine[] {
  const indices = page.items
    .map((item, i) => ({ item, i }))
    .filter(({ item }) => item.str.trim() !== '' && item.size > 0)
    .sort((a, b) => b.item.y - a.item.y || a.item.x - b.item.x);
  // Rows: items on one baseline (within a fraction of the font size).
  const rows: (typeof indices)[] = [];
  for (const entry of indices) {
    const row = rows.find((r) => Math.abs(r[0]!.item.y - entry.item.y) <= SAME_BASELINE * entry.item.size);
    if (row) row.push(entry);
    else rows.push([entry]);
  }
  const lines: PdfLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.item.x - b.item.x);
    let current: PdfLine | null = null;
    for (const { item, i } of row) {
      const gap = current ? item.x - current.x1 : 0;
      if (!current || gap > GUTTER * Math.max(item.size, current.size)) {
        current = { page: page.page, items: [], pieces: [], text: '', x0: item.x, x1: item.x, y: item.y, size: 0 };
        lines.push(current);
      } else if (gap > WORD_GAP * item.size && !/\s$/.test(current.text) && !/^\s/.test(item.str)) {
        current.pieces.push({ text: ' ', item: null, offset: 0 });
        current.text += ' ';
      }
      const piece: TextPiece = { text: item.str, item: i, offset: 0, page: page.page };
      current.items.push(i);
      current.pieces.push(piece);
      current.text += item.str;
      current.x1 = Math.max(current.x1, item.x + item.width);
      current.size = Math.max(current.size, item.size);
    }
  }
  return lines.map(trimLine);
}

/** White space at a line's ends is not read (pieces keep their item offsets). */
function trimLine(line: PdfLine): PdfLine {
  const pieces = line.pieces.map((p) => ({ ...p }));
  while (pieces.length && pieces[0]!.text.trimStart() === '') pieces.shift();
  while (pieces.length && pieces.at(-1)!.text.trimEnd() === '') pieces.pop();
  const first = pieces[0];
  if (first) {
    const cut = first.text.length - first.text.trimStart().length;
    first.text = first.text.slice(cut);
    first.offset += cut;
  }
  const last = pieces.at(-1);
  if (last) last.text = last.text.trimEnd();
  return { ...line, pieces, text: pieces.map((p) => p.text).join('') };
}
