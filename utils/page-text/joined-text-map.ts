/**
 * One block's text made of several blocks' texts with words said between them (a table row: "Row 2: " + "Name"
 * + ", " + the cell's own text…). Offsets inside a joined block's text map back through the block it came from,
 * so highlighting stays exact there; the words added have no place on the page and are not highlighted.
 */
import type { BlockTextMap } from './block-text-map';
import { containsFlat, followsInFlatTree } from './shadow-traversal';

/** A piece of the joined text: words said (a string), or a block's text with its map and element. */
export type JoinedPart = string | { map: BlockTextMap; element: Element };

interface Placed {
  map: BlockTextMap;
  element: Element;
  start: number;
  end: number;
}

/** The joined text of `parts`; `at` anchors the highlight when a span holds none of the blocks' text. */
export function joinedTextMap(parts: readonly JoinedPart[], at: Element): BlockTextMap {
  let text = '';
  const placed: Placed[] = [];
  for (const part of parts) {
    if (typeof part === 'string') text += part;
    else {
      placed.push({ ...part, start: text.length, end: text.length + part.map.text.length });
      text += part.map.text;
    }
  }
  const collapsedAt = (): Range => {
    const range = at.ownerDocument.createRange();
    range.selectNodeContents(at);
    range.collapse(true);
    return range;
  };
  /** The parts meeting [start, end), each with the span inside its own text. */
  const within = (start: number, end: number): { p: Placed; s: number; e: number }[] =>
    placed
      .filter((p) => p.start < end && p.end > start)
      .map((p) => ({ p, s: Math.max(0, start - p.start), e: Math.min(p.map.text.length, end - p.start) }));

  return {
    text,
    rangeFor(start, end) {
      const hit = within(start, end);
      const first = hit[0];
      const last = hit[hit.length - 1];
      if (!first || !last) return collapsedAt();
      const range = first.p.map.rangeFor(first.s, first.e);
      if (last !== first) {
        const tail = last.p.map.rangeFor(last.s, last.e);
        // One range from the first cell's text to the last's (both in the row's tree).
        if (tail.startContainer.getRootNode() === range.startContainer.getRootNode())
          range.setEnd(tail.endContainer, tail.endOffset);
      }
      return range;
    },
    rangesFor(start, end) {
      const out = within(start, end).flatMap(({ p, s, e }) => p.map.rangesFor(s, e));
      return out.length > 0 ? out : [collapsedAt()];
    },
    offsetAt(node, offset) {
      const holder = placed.find((p) => containsFlat(p.element, node));
      if (holder) return holder.start + holder.map.offsetAt(node, offset);
      const after = placed.find((p) => followsInFlatTree(node, p.element));
      return after ? after.start : text.length;
    },
  };
}
