/**
 * The readable block a text node is read in (`findReadableBlocks(root)`'s nearest block ancestor), found from the
 * node's own ancestors, without listing every block of the page. Extraction asks this only for the article's text
 * nodes, so the navigation, sidebars and comments of a long page are never described.
 *
 * findReadableBlocks walks down from the root: a block element is reached when everything between it and the
 * reached block above it is rendered inline (not skipped, not display:none, not a block), unless that block above
 * reads its nested blocks itself (its text continues after them); a reached block is listed when it has text of
 * its own. The same rules, applied along one chain of ancestors, give the same answer.
 */
import { describeBlockContent } from './block-text-map';
import { isSkippedElement, readStyle } from './element-style';
import { formulaTextOf } from './formula-text';
import { flatParent } from './shadow-traversal';

interface ChainState {
  /** The deepest block reached on the way down (null once nothing below can be reached). */
  reached: Element | null;
  /** The deepest listed block on the way down: the owner of text below, if nothing deeper is listed. */
  owner: Element | null;
  /** Inside a formula (formula-text.ts): read as one piece of text, nothing in it is a block of its own. */
  inFormula?: true;
}

export class BlockOwners {
  private readonly states = new Map<Element, ChainState>();

  constructor(private readonly root: Element) {}

  /** The listed block holding `node`, or null (not under the root, or in nothing findReadableBlocks lists). */
  ownerOf(node: Node): Element | null {
    // The flat tree's parent (shadow-traversal.ts): text in a shadow root or frame is read where it is shown.
    const parent = flatParent(node);
    return parent ? this.state(parent).owner : null;
  }

  private state(el: Element): ChainState {
    let state = this.states.get(el);
    if (!state) {
      state = this.compute(el);
      this.states.set(el, state);
    }
    return state;
  }

  private compute(el: Element): ChainState {
    if (el === this.root) {
      if (isSkippedElement(el) || readStyle(el, null).kind === 'none') return { reached: null, owner: null };
      return { reached: el, owner: describeBlockContent(el).hasOwnText ? el : null };
    }
    // Outside the root, the chain of parents ends (at the document) without meeting it.
    const parent = flatParent(el);
    if (!parent) return { reached: null, owner: null };
    const above = this.state(parent);
    if (!above.reached) return above;
    if (isSkippedElement(el)) return { reached: null, owner: above.owner };
    const kind = readStyle(el, null).kind;
    if (kind === 'none') return { reached: null, owner: above.owner };
    const formula = above.inFormula || formulaTextOf(el) !== undefined;
    if (kind !== 'block' || above.inFormula) return formula && !above.inFormula ? { ...above, inFormula: true } : above;
    const owner = describeBlockContent(el).hasOwnText ? el : above.owner;
    return formula ? { reached: el, owner, inFormula: true } : { reached: el, owner };
  }
}
