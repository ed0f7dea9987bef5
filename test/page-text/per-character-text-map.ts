// Test oracle: the per-character text map that utils/page-text/block-text-map.ts used before it stored runs of
// text (segments). Kept verbatim so the segment map can be checked against it offset by offset on tricky markup.
import { isSkippedElement, readStyle, type ElementStyle } from '../../utils/page-text/element-style';
import { type BlockTextMap, type BlockTextOptions } from '../../utils/page-text/block-text-map';

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

export function buildPerCharacterTextMap(element: Element, options: BlockTextOptions = {}): BlockTextMap {
  const includeNested = options.includeNestedBlocks ?? false;
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

  return { text, rangeFor, rangesFor: (s: number, e: number) => [rangeFor(s, e)], offsetAt };
}
