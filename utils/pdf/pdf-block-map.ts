// A PDF block's text mapped to the reader page's text layer: each piece copied from an item is a stretch of that
// item's span's text node; synthetic pieces (the space of a line break) have no DOM characters and a removed
// hyphen is simply not in any piece. Implements the page script's BlockTextMap, so follow-along highlights PDF text
// exactly as it does a web page's.
import type { BlockTextMap } from '../page-text/block-text-map';
import type { TextPiece } from './pdf-text';

interface Located {
  start: number;
  piece: TextPiece;
  node: Text | null;
}

export function pdfBlockMap(
  text: string,
  pieces: readonly TextPiece[],
  /** The text node of the span a piece was copied from (pieces of a paragraph run over a page break: two pages). */
  nodeOf: (piece: TextPiece) => Text | null,
  at: Element,
): BlockTextMap {
  const located: Located[] = [];
  let start = 0;
  for (const piece of pieces) {
    located.push({ start, piece, node: piece.item === null ? null : nodeOf(piece) });
    start += piece.text.length;
  }
  const doc = at.ownerDocument;
  const clamp = (n: number) => Math.max(0, Math.min(text.length, n));

  /** One range per piece with DOM characters inside [from, to). */
  function rangesFor(from: number, to: number): Range[] {
    const a = clamp(from);
    const b = clamp(to);
    const ranges: Range[] = [];
    for (const { start: s, piece, node } of located) {
      const e = s + piece.text.length;
      if (!node || e <= a || s >= b) continue;
      const range = doc.createRange();
      range.setStart(node, piece.offset + Math.max(0, a - s));
      range.setEnd(node, piece.offset + Math.min(piece.text.length, b - s));
      ranges.push(range);
    }
    if (ranges.length === 0) {
      const empty = doc.createRange();
      empty.selectNodeContents(at);
      empty.collapse(true);
      ranges.push(empty);
    }
    return ranges;
  }

  return {
    text,
    rangesFor,
    rangeFor(from, to) {
      const ranges = rangesFor(from, to);
      const range = doc.createRange();
      range.setStart(ranges[0]!.startContainer, ranges[0]!.startOffset);
      const last = ranges.at(-1)!;
      range.setEnd(last.endContainer, last.endOffset);
      return range;
    },
    offsetAt(node, offset) {
      for (const { start: s, piece, node: own } of located) {
        if (!own) continue;
        if (own === node) return clamp(s + Math.max(0, offset - piece.offset));
        if (node.contains(own)) return s;
      }
      return 0;
    },
  };
}
