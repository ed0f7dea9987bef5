/**
 * The readable text of one block of the live page, with an exact map from UTF-16 offsets in that text back to
 * DOM points, so a sentence or word of the text can be turned into a DOM Range for highlighting.
 *
 * Extraction produces each block's text with `buildBlockTextMap(block).text`, so the offsets that reading units
 * carry (`ReadingUnit.start/end`) are offsets into exactly this string: highlighting needs no fuzzy matching.
 *
 * Rules follow what rendering shows (CSS Text 3 §4.1 "white space processing",
 * https://www.w3.org/TR/css-text-3/#white-space-phase-1): runs of collapsible white space become one space,
 * white space at the start and end of a block disappears, `<br>` and block boundaries are line breaks.
 * Hidden content (`hidden`, aria-hidden="true", display:none, visibility:hidden, script/style/…) is skipped.
 */
import { isSkippedElement, memoize, readStyle, type ElementStyle } from './element-style';

export interface BlockTextMap {
  /** The block's readable text (white space collapsed, hidden content skipped). */
  readonly text: string;
  /**
   * A live-DOM Range covering `text.slice(start, end)`. Offsets are clamped to the text. Separators that exist only
   * in `text` (a line break for `<br>` or a block boundary) have no characters in the DOM: the range skips them.
   */
  rangeFor(start: number, end: number): Range;
  /** The text offset of a DOM point (e.g. a click or selection start): the first character at or after it. */
  offsetAt(node: Node, offset: number): number;
}

export interface BlockTextOptions {
  /** Only the text inside this range (a user selection). */
  clip?: Range;
  /**
   * Include the text of nested block elements (e.g. an inner list) instead of leaving them to their own block.
   * Default: only when the block has own text after a nested block (then splitting it would break reading order);
   * `findReadableBlocks` uses the same rule, so every text node belongs to exactly one block.
   */
  includeNestedBlocks?: boolean;
}

type Pending = '' | ' ' | '\n';

/** Accumulates output characters and, per character, the DOM point it came from (null for synthetic ones). */
class TextBuilder {
  readonly chars: string[] = [];
  readonly nodes: (Text | null)[] = [];
  readonly offsets: number[] = [];
  private pending: Pending = '';
  private pendingNode: Text | null = null;
  private pendingOffset = 0;

  /** A visible character: flushes the pending separator first (never at the start of the block). */
  char(c: string, node: Text, offset: number): void {
    if (this.pending && this.chars.length > 0) this.push(this.pending, this.pendingNode, this.pendingOffset);
    this.pending = '';
    this.pendingNode = null;
    this.push(c, node, offset);
  }

  /** Collapsible white space from the page text: becomes at most one space, mapped to the first one of the run. */
  space(node: Text, offset: number): void {
    if (this.pending === '') {
      this.pending = ' ';
      this.pendingNode = node;
      this.pendingOffset = offset;
    }
  }

  /** A break that exists only in the text (block boundary, `<br>`, inline-block edge); '\n' wins over ' '. */
  separator(kind: ' ' | '\n', node: Text | null = null, offset = 0): void {
    if (kind === '\n' && this.pending !== '\n') {
      this.pending = '\n';
      this.pendingNode = node;
      this.pendingOffset = offset;
    } else if (this.pending === '') {
      this.pending = kind;
      this.pendingNode = node;
      this.pendingOffset = offset;
    }
  }

  private push(c: string, node: Text | null, offset: number): void {
    this.chars.push(c);
    this.nodes.push(node);
    this.offsets.push(offset);
  }

  /** Preserved white space (white-space: pre) at the very end of a block is still dropped, like leading. */
  trimEnd(): void {
    while (this.chars.length > 0 && /\s/.test(this.chars[this.chars.length - 1] ?? '')) {
      this.chars.pop();
      this.nodes.pop();
      this.offsets.pop();
    }
  }
}

/** CSS collapsible white space: space, tab, line feed, carriage return, form feed. */
const isCollapsible = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13 || code === 12;

interface WalkContext {
  builder: TextBuilder;
  clip?: Range;
  includeNested: boolean;
}

function appendText(ctx: WalkContext, node: Text, style: ElementStyle): void {
  if (!style.visible) return;
  const data = node.data;
  let from = 0;
  let to = data.length;
  if (ctx.clip) {
    if (!ctx.clip.intersectsNode(node)) return;
    if (ctx.clip.startContainer === node) from = ctx.clip.startOffset;
    if (ctx.clip.endContainer === node) to = ctx.clip.endOffset;
  }
  const b = ctx.builder;
  for (let i = from; i < to; i++) {
    const code = data.charCodeAt(i);
    // Character codes instead of a regular expression per character: this loop runs once per character of the page.
    if (!isCollapsible(code)) b.char(data.charAt(i), node, i);
    else if (style.whiteSpace === 'preserve') {
      if (b.chars.length > 0) b.char(code === 13 ? '\n' : data.charAt(i), node, i);
    } else if (style.whiteSpace === 'pre-line' && code === 10) b.separator('\n', node, i);
    else b.space(node, i);
  }
}

function walkChildren(ctx: WalkContext, parent: Element, style: ElementStyle): void {
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) appendText(ctx, child as Text, style);
    else if (child.nodeType === 1) walkElement(ctx, child as Element, style);
  }
}

function walkElement(ctx: WalkContext, el: Element, parentStyle: ElementStyle): void {
  if (isSkippedElement(el)) return;
  const style = readStyle(el, parentStyle);
  if (style.kind === 'none') return;
  if (el.localName === 'br') {
    if (style.visible) ctx.builder.separator('\n');
    return;
  }
  if (style.kind === 'block') {
    if (!ctx.includeNested) return;
    ctx.builder.separator('\n');
    walkChildren(ctx, el, style);
    ctx.builder.separator('\n');
    return;
  }
  if (style.kind === 'inline-block') {
    ctx.builder.separator(' ');
    walkChildren(ctx, el, style);
    ctx.builder.separator(' ');
    return;
  }
  walkChildren(ctx, el, style);
}

/** How a block's own inline content relates to the block elements nested in it. */
export interface BlockContent {
  /** Visible non-white-space text outside nested blocks. */
  hasOwnText: boolean;
  /** Some of that text comes after a nested block (so the nested blocks cannot be read separately in order). */
  textAfterNestedBlock: boolean;
  /** The outermost nested block elements, in document order. */
  nestedBlocks: Element[];
}

export function describeBlockContent(block: Element): BlockContent {
  // Finding blocks and then building each block's map both ask this of the same elements.
  return memoize(block, 'content', () => describeUncached(block));
}

function describeUncached(block: Element): BlockContent {
  const result: BlockContent = { hasOwnText: false, textAfterNestedBlock: false, nestedBlocks: [] };
  const visit = (parent: Element, style: ElementStyle): void => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        if (style.visible && /\S/.test((child as Text).data)) {
          result.hasOwnText = true;
          if (result.nestedBlocks.length > 0) result.textAfterNestedBlock = true;
        }
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (isSkippedElement(el)) continue;
        const childStyle = readStyle(el, style);
        if (childStyle.kind === 'none') continue;
        if (childStyle.kind === 'block') result.nestedBlocks.push(el);
        else visit(el, childStyle);
      }
    }
  };
  visit(block, readStyle(block, null));
  return result;
}

export function buildBlockTextMap(element: Element, options: BlockTextOptions = {}): BlockTextMap {
  const includeNested = options.includeNestedBlocks ?? describeBlockContent(element).textAfterNestedBlock;
  const ctx: WalkContext = { builder: new TextBuilder(), clip: options.clip, includeNested };
  walkChildren(ctx, element, readStyle(element, null));
  ctx.builder.trimEnd();
  const { chars, nodes, offsets } = ctx.builder;
  const text = chars.join('');
  const doc = element.ownerDocument;

  // Indices of characters that exist in the DOM, ascending: the only possible range boundaries. Built on first
  // use: extraction builds a map for every block of the page, but only the blocks being read are ever highlighted.
  let realIndices: number[] | undefined;
  const realOf = (): number[] => {
    if (!realIndices) {
      realIndices = [];
      for (let i = 0; i < nodes.length; i++) if (nodes[i]) realIndices.push(i);
    }
    return realIndices;
  };
  /** First real index >= i (binary search), or real.length. */
  const firstRealAtOrAfter = (i: number): number => {
    const real = realOf();
    let lo = 0;
    let hi = real.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((real[mid] ?? 0) < i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const clamp = (n: number): number => Math.max(0, Math.min(text.length, Math.floor(n)));

  function rangeFor(startIn: number, endIn: number): Range {
    const start = clamp(startIn);
    const end = Math.max(start, clamp(endIn));
    const range = doc.createRange();
    const real = realOf();
    const a = firstRealAtOrAfter(start);
    const b = firstRealAtOrAfter(end) - 1; // last real index < end
    const first = real[a];
    const last = real[b];
    if (first !== undefined && last !== undefined && first < end && b >= a) {
      range.setStart(nodes[first] as Text, offsets[first] as number);
      range.setEnd(nodes[last] as Text, (offsets[last] as number) + 1);
      return range;
    }
    // Nothing visible in [start, end): a collapsed range where the text would be.
    if (first !== undefined) range.setStart(nodes[first] as Text, offsets[first] as number);
    else if (last !== undefined) range.setStart(nodes[last] as Text, (offsets[last] as number) + 1);
    else range.selectNodeContents(element);
    range.collapse(true);
    return range;
  }

  function offsetAt(node: Node, offset: number): number {
    const probe = doc.createRange();
    probe.setStart(node, offset);
    probe.collapse(true);
    // comparePoint(p) is -1 when p is before the probe point: find the first real character not before it.
    const real = realOf();
    let lo = 0;
    let hi = real.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const i = real[mid] as number;
      if (probe.comparePoint(nodes[i] as Text, offsets[i] as number) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo < real.length ? (real[lo] as number) : text.length;
  }

  return { text, rangeFor, offsetAt };
}

/**
 * The readable blocks under `root` (root included), in document order, each text node in exactly one of them:
 * an element is a block when it renders as a block (p, li, h1–h6, blockquote, pre, td, figcaption, dd, dt, div
 * with text…) and has visible text of its own; blocks nested inside it are listed after it, unless its own text
 * continues after them (then it is read as one block, see `BlockTextOptions.includeNestedBlocks`).
 */
export function findReadableBlocks(root: Element): Element[] {
  const out: Element[] = [];
  const visit = (el: Element): void => {
    const content = describeBlockContent(el);
    if (content.hasOwnText) {
      out.push(el);
      if (content.textAfterNestedBlock) return;
    }
    content.nestedBlocks.forEach(visit);
  };
  if (!isSkippedElement(root) && readStyle(root, null).kind !== 'none') visit(root);
  return out;
}
