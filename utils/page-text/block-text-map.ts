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
import { formulaTextOf } from './formula-text';
import { renderedChildren } from './shadow-traversal';

export interface BlockTextMap {
  /** The block's readable text (white space collapsed, hidden content skipped). */
  readonly text: string;
  /**
   * A live-DOM Range covering `text.slice(start, end)`. Offsets are clamped to the text. Separators that exist only
   * in `text` (a line break for `<br>` or a block boundary) have no characters in the DOM: the range skips them.
   */
  rangeFor(start: number, end: number): Range;
  /**
   * The same text as one range per stretch without unread content inside (a skipped reference marker, hidden
   * text, a nested block): highlighting these shows exactly the text read. At least one range.
   */
  rangesFor(start: number, end: number): Range[];
  /** The text offset of a DOM point (e.g. a click or selection start): the first character at or after it. */
  offsetAt(node: Node, offset: number): number;
}

export interface BlockTextOptions {
  /** Only the text inside this range (a user selection). */
  clip?: Range;
  /**
   * Include the text of nested block elements (e.g. an inner list) instead of leaving them to their own block.
   * Default: never — `findReadableBlocks` reads every nested block as its own block, so every text node belongs
   * to exactly one block.
   */
  includeNestedBlocks?: boolean;
  /**
   * Preformatted white space is read as collapsible (a re-flowed paragraph of prose in a <pre>, see
   * preformatted-blocks.ts): a line break inside a sentence becomes a space mapped to that line break.
   */
  reflow?: boolean;
}

type Pending = '' | ' ' | '\n';

/**
 * Accumulates the output text as runs: one segment per stretch of text copied from consecutive offsets of one
 * text node, and one per synthetic separator (no DOM point). A per-character table of DOM points cost a large
 * share of extraction on long pages (allocation and garbage collection for every character of the page).
 */
class TextBuilder {
  private readonly pieces: string[] = [];
  /**
   * Per segment: its first offset in the text, its text node (null: synthetic; an element: words standing for
   * the whole element, a formula's speech), the node offset of its start.
   */
  readonly starts: number[] = [];
  readonly nodes: (Text | Element | null)[] = [];
  readonly offsets: number[] = [];
  /** Segment indices that follow content left out of the text (skipped, hidden, a nested block). */
  readonly gapsBefore = new Set<number>();
  /** Content was left out since the last text copied from the page. */
  gap = false;
  length = 0;
  private pending: Pending = '';
  private pendingNode: Text | Element | null = null;
  private pendingOffset = 0;

  /**
   * Visible characters `text` copied from `node` at `offset` onwards (one text character per node offset):
   * flushes the pending separator first (never at the start of the block).
   */
  run(text: string, node: Text | Element, offset: number): void {
    if (this.pending && this.length > 0) {
      // A space collapsed from before the left-out content stays with the text before it.
      const gap = this.gap && this.pendingNode !== null;
      if (gap) this.gap = false;
      this.push(this.pending, this.pendingNode, this.pendingOffset);
      if (gap) this.gap = true;
    }
    this.pending = '';
    this.pendingNode = null;
    this.push(text, node, offset);
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

  private push(text: string, node: Text | Element | null, offset: number): void {
    const last = this.starts.length - 1;
    // Continues the previous segment when it is the same node's very next offset (e.g. a single collapsed space
    // between words), so an ordinary text node stays one segment.
    const continues =
      node !== null &&
      node.nodeType === 3 &&
      !this.gap &&
      last >= 0 &&
      this.nodes[last] === node &&
      (this.offsets[last] as number) + (this.length - (this.starts[last] as number)) === offset;
    if (node !== null && this.gap) {
      if (this.starts.length > 0) this.gapsBefore.add(this.starts.length);
      this.gap = false;
    }
    if (!continues) {
      this.starts.push(this.length);
      this.nodes.push(node);
      this.offsets.push(offset);
    }
    this.pieces.push(text);
    this.length += text.length;
  }

  /** The text; preserved white space (white-space: pre) at the very end of a block is dropped, like leading. */
  finish(): string {
    let text = this.pieces.join('');
    let end = text.length;
    while (end > 0 && /\s/.test(text.charAt(end - 1))) end--;
    if (end < text.length) {
      text = text.slice(0, end);
      while (this.starts.length > 0 && (this.starts[this.starts.length - 1] as number) >= end) {
        this.starts.pop();
        this.nodes.pop();
        this.offsets.pop();
      }
      this.length = end;
    }
    return text;
  }
}

/** CSS collapsible white space: space, tab, line feed, carriage return, form feed. */
const isCollapsible = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13 || code === 12;

interface WalkContext {
  builder: TextBuilder;
  clip?: Range;
  includeNested: boolean;
  reflow: boolean;
}

function appendText(ctx: WalkContext, node: Text, style: ElementStyle): void {
  if (!style.visible) {
    if (/\S/.test(node.data)) ctx.builder.gap = true;
    return;
  }
  const data = node.data;
  let from = 0;
  let to = data.length;
  if (ctx.clip) {
    if (!ctx.clip.intersectsNode(node)) return;
    if (ctx.clip.startContainer === node) from = ctx.clip.startOffset;
    if (ctx.clip.endContainer === node) to = ctx.clip.endOffset;
  }
  const b = ctx.builder;
  const whiteSpace = ctx.reflow ? 'collapse' : style.whiteSpace;
  if (whiteSpace === 'preserve') {
    // Every character is kept (a carriage return reads as a line break), except white space at the block's start.
    let i = from;
    if (b.length === 0) while (i < to && isCollapsible(data.charCodeAt(i))) i++;
    if (i < to) b.run(data.slice(i, to).replace(/\r/g, '\n'), node, i);
    return;
  }
  if (whiteSpace === 'collapse') appendCollapsed(b, node, data, from, to);
  else appendPreLine(b, node, data, from, to);
}

const NOT_COLLAPSIBLE = /[^ \t\n\r\f]/g;
const SINGLE_COLLAPSIBLE = /[\t\n\r\f]/g;
const SPACE_RUN = / {2,}/g;

/**
 * Collapsed white space, the common case: this runs over every character of the page, so the scanning is done by
 * native string functions. Inside the text, each white-space run becomes one space mapped to the run's first
 * character; a run of one maps to itself, so the text between longer runs is copied as one piece.
 */
function appendCollapsed(b: TextBuilder, node: Text, data: string, from: number, to: number): void {
  NOT_COLLAPSIBLE.lastIndex = from;
  const first = NOT_COLLAPSIBLE.exec(data)?.index ?? to;
  if (first >= to) {
    if (from < to) b.space(node, from);
    return;
  }
  let last = to - 1;
  while (isCollapsible(data.charCodeAt(last))) last--;
  if (first > from) b.space(node, from);
  const inner = data.slice(first, last + 1).replace(SINGLE_COLLAPSIBLE, ' ');
  let piece = 0;
  SPACE_RUN.lastIndex = 0;
  for (let m = SPACE_RUN.exec(inner); m; m = SPACE_RUN.exec(inner)) {
    b.run(inner.slice(piece, m.index + 1), node, first + piece);
    piece = m.index + m[0].length;
  }
  b.run(inner.slice(piece), node, first + piece);
  if (last + 1 < to) b.space(node, last + 1);
}

/** white-space: pre-line: line feeds are line breaks, other white space collapses. */
function appendPreLine(b: TextBuilder, node: Text, data: string, from: number, to: number): void {
  let i = from;
  while (i < to) {
    const code = data.charCodeAt(i);
    if (!isCollapsible(code)) {
      let j = i + 1;
      while (j < to && !isCollapsible(data.charCodeAt(j))) j++;
      b.run(data.slice(i, j), node, i);
      i = j;
    } else {
      if (code === 10) b.separator('\n', node, i);
      else b.space(node, i);
      i++;
    }
  }
}

/**
 * A formula (formula-text.ts) is read as its words in place of its drawn symbols, all of them mapped to the
 * formula element, so the highlight of any of its words covers the formula. Returns false when `el` is none.
 */
function appendFormula(ctx: WalkContext, el: Element, style: ElementStyle, around: '' | ' '): boolean {
  const words = formulaTextOf(el);
  if (words === undefined) return false;
  if (ctx.clip && !ctx.clip.intersectsNode(el)) return true;
  if (!style.visible) {
    ctx.builder.gap = true;
    return true;
  }
  if (around) ctx.builder.separator(around);
  if (words) ctx.builder.run(words, el, 0);
  if (around) ctx.builder.separator(around);
  return true;
}

function walkChildren(ctx: WalkContext, parent: Element, style: ElementStyle): void {
  // The flat tree (shadow-traversal.ts): a shadow host, slot or same-origin frame renders other nodes.
  const flat = renderedChildren(parent);
  // A DOM Range cannot span two trees: a highlight is split where the text enters or leaves another tree.
  if (flat) ctx.builder.gap = true;
  for (let i = 0, child = flat ? flat[0] : parent.firstChild; child; child = flat ? flat[++i] : child.nextSibling) {
    if (child.nodeType === 3) appendText(ctx, child as Text, style);
    else if (child.nodeType === 1) walkElement(ctx, child as Element, style);
  }
  if (flat) ctx.builder.gap = true;
}

function walkElement(ctx: WalkContext, el: Element, parentStyle: ElementStyle): void {
  if (isSkippedElement(el)) {
    ctx.builder.gap = true;
    return;
  }
  const style = readStyle(el, parentStyle);
  if (style.kind === 'none') {
    ctx.builder.gap = true;
    return;
  }
  if (el.localName === 'br') {
    if (style.visible) ctx.builder.separator('\n');
    return;
  }
  if (style.kind === 'block') {
    if (!ctx.includeNested) {
      ctx.builder.gap = true;
      return;
    }
    ctx.builder.separator('\n');
    if (!appendFormula(ctx, el, style, '')) walkChildren(ctx, el, style);
    ctx.builder.separator('\n');
    return;
  }
  if (appendFormula(ctx, el, style, style.kind === 'inline-block' ? ' ' : '')) return;
  if (style.kind === 'inline-block') {
    ctx.builder.separator(' ');
    walkChildren(ctx, el, style);
    ctx.builder.separator(' ');
    return;
  }
  walkChildren(ctx, el, style);
}

/** A run of a block's own inline content between nested blocks: its first and last visible text nodes with text. */
export interface InlineRun {
  first: Text;
  last: Text;
}

/** How a block's own inline content relates to the block elements nested in it. */
export interface BlockContent {
  /** Visible non-white-space text outside nested blocks. */
  hasOwnText: boolean;
  /** Some of that text comes after a nested block (so the block's text is read as anonymous blocks, one per run). */
  textAfterNestedBlock: boolean;
  /** The outermost nested block elements, in document order. */
  nestedBlocks: Element[];
  /** The runs of own text between nested blocks, in document order (white-space-only runs are left out). */
  runs: InlineRun[];
  /** Runs and nested blocks interleaved in document order. */
  parts: (InlineRun | Element)[];
  /**
   * At least the length of the block's text read without its nested blocks (`buildBlockTextMap(block).text`
   * when `textAfterNestedBlock` is false): its visible text characters plus two per inline element, the most
   * separators (`<br>`, inline-block edges) an element adds. Lets extraction weigh blocks it does not read
   * without building their text maps.
   */
  ownLengthBound: number;
}

export function describeBlockContent(block: Element): BlockContent {
  // Finding blocks and then building each block's map both ask this of the same elements.
  return memoize(block, 'content', () => describeUncached(block));
}

function describeUncached(block: Element): BlockContent {
  const result: BlockContent = {
    hasOwnText: false,
    textAfterNestedBlock: false,
    nestedBlocks: [],
    runs: [],
    parts: [],
    ownLengthBound: 0,
  };
  let run: InlineRun | null = null;
  // A formula is inline text however its renderer lays out its parts (MathML tokens are `block math`, MathJax's
  // assistive MathML may be display="block"): nothing in it is a block of its own.
  const visit = (parent: Element, style: ElementStyle, inFormula: boolean): void => {
    const flat = renderedChildren(parent);
    for (let i = 0, child = flat ? flat[0] : parent.firstChild; child; child = flat ? flat[++i] : child.nextSibling) {
      if (child.nodeType === 3) {
        if (!style.visible) continue;
        const data = (child as Text).data;
        result.ownLengthBound += data.length;
        if (/\S/.test(data)) {
          result.hasOwnText = true;
          if (result.nestedBlocks.length > 0) result.textAfterNestedBlock = true;
          if (run) run.last = child as Text;
          else {
            run = { first: child as Text, last: child as Text };
            result.runs.push(run);
            result.parts.push(run);
          }
        }
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (isSkippedElement(el)) continue;
        const childStyle = readStyle(el, style);
        if (childStyle.kind === 'none') continue;
        if (childStyle.kind === 'block' && !inFormula) {
          result.nestedBlocks.push(el);
          result.parts.push(el);
          run = null;
        } else {
          result.ownLengthBound += 2;
          visit(el, childStyle, inFormula || formulaTextOf(el) !== undefined);
        }
      }
    }
  };
  const formula = formulaTextOf(block);
  visit(block, readStyle(block, null), formula !== undefined);
  if (formula) {
    // Its words may be all there is to read (a formula drawn without text, read from its label).
    result.hasOwnText = true;
    result.ownLengthBound += formula.length;
  }
  return result;
}

export function buildBlockTextMap(element: Element, options: BlockTextOptions = {}): BlockTextMap {
  const includeNested = options.includeNestedBlocks ?? false;
  const builder = new TextBuilder();
  const ctx = { builder, clip: options.clip, includeNested, reflow: options.reflow ?? false };
  const rootStyle = readStyle(element, null);
  if (!appendFormula(ctx, element, rootStyle, '')) walkChildren(ctx, element, rootStyle);
  const text = builder.finish();
  const { starts, nodes, offsets, gapsBefore } = builder;
  const doc = element.ownerDocument;

  const segmentEnd = (k: number): number => starts[k + 1] ?? text.length;
  /** The segment holding text offset i (0 <= i < text.length). */
  const segmentAt = (i: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  /** The first character at or after i that exists in the DOM, or -1. */
  const realAtOrAfter = (i: number): number => {
    if (i >= text.length) return -1;
    let k = segmentAt(i);
    if (nodes[k]) return i;
    while (k < starts.length && !nodes[k]) k++;
    return k < starts.length ? (starts[k] as number) : -1;
  };
  /** The last character before e that exists in the DOM, or -1. */
  const realBefore = (e: number): number => {
    if (e <= 0 || text.length === 0) return -1;
    const i = Math.min(e, text.length) - 1;
    let k = segmentAt(i);
    if (nodes[k]) return i;
    while (k >= 0 && !nodes[k]) k--;
    return k >= 0 ? segmentEnd(k) - 1 : -1;
  };
  /** Where a character that exists in the DOM starts (`setStart`) or ends (`setEnd`) in `range`. */
  const setAt = (range: Range, i: number, edge: 'start' | 'end'): void => {
    const k = segmentAt(i);
    const node = nodes[k] as Text | Element;
    if (node.nodeType !== 3) {
      // Words standing for an element (a formula's speech): each of them is the whole element.
      if (edge === 'start') range.setStartBefore(node);
      else range.setEndAfter(node);
      return;
    }
    const offset = (offsets[k] as number) + i - (starts[k] as number);
    if (edge === 'start') range.setStart(node, offset);
    else range.setEnd(node, offset + 1);
  };

  const clamp = (n: number): number => Math.max(0, Math.min(text.length, Math.floor(n)));

  function rangeFor(startIn: number, endIn: number): Range {
    const start = clamp(startIn);
    const end = Math.max(start, clamp(endIn));
    const range = doc.createRange();
    const first = realAtOrAfter(start);
    const last = realBefore(end);
    if (first >= 0 && first < end) {
      setAt(range, first, 'start');
      setAt(range, last, 'end');
      return range;
    }
    // Nothing visible in [start, end): a collapsed range where the text would be.
    if (first >= 0) {
      setAt(range, first, 'start');
      range.collapse(true);
    } else if (last >= 0) {
      setAt(range, last, 'end');
      range.collapse(false);
    } else {
      range.selectNodeContents(element);
      range.collapse(true);
    }
    return range;
  }

  function rangesFor(startIn: number, endIn: number): Range[] {
    const start = clamp(startIn);
    const end = Math.max(start, clamp(endIn));
    const first = realAtOrAfter(start);
    const last = realBefore(end);
    if (gapsBefore.size === 0 || first < 0 || first >= end || last < first) return [rangeFor(start, end)];
    const out: Range[] = [];
    const piece = (a: number, b: number): void => {
      const range = doc.createRange();
      setAt(range, a, 'start');
      setAt(range, b, 'end');
      out.push(range);
    };
    let from = first;
    for (let k = segmentAt(first) + 1; k <= segmentAt(last); k++) {
      if (!gapsBefore.has(k) || !nodes[k]) continue;
      const before = realBefore(starts[k] as number);
      if (before >= from) piece(from, before);
      from = starts[k] as number;
    }
    piece(from, last);
    return out;
  }

  // Indices of the segments that exist in the DOM, ascending. Built on first use: extraction builds a map for
  // every block it reads, but only the blocks being read are ever clicked in.
  let realSegments: number[] | undefined;
  function offsetAt(node: Node, offset: number): number {
    const probe = doc.createRange();
    probe.setStart(node, offset);
    probe.collapse(true);
    if (!realSegments) realSegments = starts.map((_, k) => k).filter((k) => nodes[k]);
    const real = realSegments;
    // comparePoint(p) is -1 when p is before the probe point: find the first segment whose last character is not
    // before it (characters are in document order), then the first such character inside it.
    let lo = 0;
    let hi = real.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const k = real[mid] as number;
      const node = nodes[k] as Text | Element;
      const lastOffset =
        node.nodeType === 3
          ? (offsets[k] as number) + segmentEnd(k) - 1 - (starts[k] as number)
          : node.childNodes.length;
      if (probe.comparePoint(node, lastOffset) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= real.length) return text.length;
    const k = real[lo] as number;
    // A point in another node is before or after all of this text node's characters alike.
    if (probe.startContainer !== nodes[k]) return starts[k] as number;
    return (starts[k] as number) + Math.max(0, probe.startOffset - (offsets[k] as number));
  }

  return { text, rangeFor, rangesFor, offsetAt };
}

/**
 * A block whose text is not on the page (a headline known only from the document's metadata): it is read, and
 * highlighting shows nothing (every range is collapsed at the start of `at`).
 */
export function textOnlyMap(text: string, at: Element): BlockTextMap {
  const collapsed = (): Range => {
    const range = at.ownerDocument.createRange();
    range.selectNodeContents(at);
    range.collapse(true);
    return range;
  };
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    rangeFor: collapsed,
    rangesFor: () => [collapsed()],
    offsetAt: () => 0,
  };
}

/**
 * A block read on its own: an element's own inline text (nested blocks left to their own blocks), or, when the
 * element's text continues after a nested block, one run of that text between nested blocks — an anonymous block
 * (CSS 2 §9.2.1.1, https://www.w3.org/TR/CSS2/visuren.html#anonymous-block-level): a loose text node never makes
 * its whole container one block.
 */
export interface ReadableBlock {
  element: Element;
  /** Anonymous block: only the element's text inside this range. */
  run?: Range;
}

function runRange(run: InlineRun): Range {
  const range = run.first.ownerDocument.createRange();
  range.setStart(run.first, 0);
  range.setEnd(run.last, run.last.data.length);
  return range;
}

/** The text map of a block (an anonymous block's only over its run; `clip` must lie within it); `reflow`: see BlockTextOptions. */
export function mapOfBlock(block: ReadableBlock, clip?: Range, reflow = false): BlockTextMap {
  const within = clip ?? block.run;
  return buildBlockTextMap(block.element, { ...(within ? { clip: within } : {}), reflow });
}

/** The blocks an element itself contributes (its nested blocks contribute their own). */
export function ownBlocksOf(el: Element): ReadableBlock[] {
  const content = describeBlockContent(el);
  if (!content.hasOwnText) return [];
  if (!content.textAfterNestedBlock) return [{ element: el }];
  return content.runs.map((run) => ({ element: el, run: runRange(run) }));
}

/**
 * The readable blocks under `root` (root included), in document order, each text node in exactly one of them:
 * an element is a block when it renders as a block (p, li, h1–h6, blockquote, pre, td, figcaption, dd, dt, div
 * with text…) and has visible text of its own; blocks nested inside it are listed after it. When its own text
 * continues after a nested block, each run of its text between nested blocks is an anonymous block of its own.
 */
export function findReadableBlocks(root: Element): ReadableBlock[] {
  const out: ReadableBlock[] = [];
  const visit = (el: Element): void => {
    const content = describeBlockContent(el);
    if (!content.textAfterNestedBlock) {
      if (content.hasOwnText) out.push({ element: el });
      content.nestedBlocks.forEach(visit);
      return;
    }
    for (const part of content.parts) {
      if ('first' in part) out.push({ element: el, run: runRange(part) });
      else visit(part);
    }
  };
  if (!isSkippedElement(root) && readStyle(root, null).kind !== 'none') visit(root);
  return out;
}
