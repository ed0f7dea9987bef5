/**
 * The user's selection where it really is. `Selection.getRangeAt` rescopes a selection made inside a shadow root
 * to the document tree (around the host), so the shadow text would look unselected; `getComposedRanges`
 * (https://w3c.github.io/selection-api/#dom-selection-getcomposedranges) gives its real end points when told
 * which shadow roots may be looked into. Those end points may lie in different trees, which one live Range cannot
 * hold: each block gets the part of the selection inside it, in its own tree.
 */
import { containsFlat, followsInFlatTree, nestedRoots } from './shadow-traversal';

interface ComposedSelection {
  getComposedRanges?: (options: { shadowRoots: ShadowRoot[] }) => StaticRange[];
}

/** The selected ranges, with end points inside the open shadow roots under `root` where the engine can tell. */
export function selectedRanges(root: Element, selection: Selection): AbstractRange[] {
  const composed = (selection as Selection & ComposedSelection).getComposedRanges;
  if (typeof composed === 'function') {
    const shadowRoots = nestedRoots(root).filter((r): r is ShadowRoot => r.nodeType === 11);
    if (shadowRoots.length > 0) {
      try {
        const ranges = composed.call(selection, { shadowRoots });
        if (ranges.length > 0) return ranges;
      } catch {
        // An engine with the older signature: the rescoped ranges below still read the document tree.
      }
    }
  }
  const out: AbstractRange[] = [];
  for (let r = 0; r < selection.rangeCount; r++) out.push(selection.getRangeAt(r));
  return out;
}

const sameTree = (a: Node, b: Node): boolean => a.getRootNode() === b.getRootNode();

/** Where a point lies relative to the contents of `node`: -1 before, 0 inside, 1 after. */
function placeOf(point: Node, offset: number, node: Node, contents: Range): number {
  if (sameTree(point, node)) return contents.comparePoint(point, offset);
  if (containsFlat(node, point)) return 0;
  // The point is the boundary before the child at `offset` (or after the last child).
  const child = point.childNodes[offset];
  const at = child ?? point;
  if (!child && containsFlat(point, node)) return 1;
  if (child && (child === node || containsFlat(child, node))) return -1;
  return followsInFlatTree(node, at) ? 1 : -1;
}

/**
 * The part of `range` inside `node` (a block's element, or the node around its run) as a live Range in the
 * node's own tree; null when they do not meet. A selection end inside another tree nested in the block keeps the
 * block's own edge there.
 */
export function selectionClip(range: AbstractRange, node: Node): Range | null {
  if (range instanceof Range && sameTree(range.startContainer, node)) return range.intersectsNode(node) ? range : null;
  const doc = node.ownerDocument ?? (node as Document);
  const contents = doc.createRange();
  contents.selectNodeContents(node);
  const start = placeOf(range.startContainer, range.startOffset, node, contents);
  const end = placeOf(range.endContainer, range.endOffset, node, contents);
  if (start > 0 || end < 0) return null;
  const clip = contents.cloneRange();
  if (start === 0 && sameTree(range.startContainer, node)) clip.setStart(range.startContainer, range.startOffset);
  if (end === 0 && sameTree(range.endContainer, node)) clip.setEnd(range.endContainer, range.endOffset);
  return clip.collapsed ? null : clip;
}
