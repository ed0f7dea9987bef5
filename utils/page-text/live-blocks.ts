/**
 * The blocks a reading is made of, found on the LIVE page (not on a copy), each with its text map, so that the
 * offsets reading units carry (`ReadingUnit.start/end`) turn back into DOM Ranges exactly, for highlighting.
 * Block i of the extraction is `maps[i]` here: the page script keeps these maps for the whole reading.
 *
 * The article comes from Readability, which only works on a clone (it mutates what it parses). Readability moves
 * the clone's text nodes into its result rather than copying them, so a parallel walk of the live document and
 * its clone (identical trees) maps the article's text nodes back to live ones; the live article is then every
 * readable block holding one of them.
 */
import { BlockOwners } from './block-owner';
import { buildBlockTextMap, describeBlockContent, findReadableBlocks, type BlockTextMap } from './block-text-map';
import { LeanReadability } from './lean-readability';

export interface LiveBlock {
  element: Element;
  map: BlockTextMap;
}

export interface LiveArticle {
  title: string;
  lang?: string;
  blocks: LiveBlock[];
}

/** Below this many characters an "article" is probably a teaser or a navigation stub: read the page instead. */
export const MIN_ARTICLE_CHARS = 200;
/** An article much shorter than the visible text of the page probably lost content; read the page. */
const MIN_ARTICLE_SHARE = 0.25;

function toLiveBlock(element: Element, clip?: Range): LiveBlock | null {
  const map = buildBlockTextMap(element, clip ? { clip } : {});
  return map.text.trim() ? { element, map } : null;
}

function toLiveBlocks(elements: Element[], clip?: Range): LiveBlock[] {
  const out: LiveBlock[] = [];
  for (const element of elements) {
    const block = toLiveBlock(element, clip);
    if (block) out.push(block);
  }
  return out;
}

const textLength = (blocks: LiveBlock[]): number => blocks.reduce((n, b) => n + b.map.text.length, 0);

/**
 * The readable block elements of the page, each block's text map built on first use and at most once: when the
 * article is read, the blocks outside it (navigation, sidebars, comments) are never mapped.
 */
export class PageBlocks {
  private found: readonly Element[] | undefined;
  private readonly built = new Map<Element, LiveBlock | null>();

  constructor(private readonly doc: Document) {}

  /** Every readable block element, in document order (found on first use: the article may not need them). */
  get elements(): readonly Element[] {
    if (!this.found) this.found = this.doc.body ? findReadableBlocks(this.doc.body) : [];
    return this.found;
  }

  /** The block of one of `elements`; null when its text is only white space (it is not read). */
  block(element: Element): LiveBlock | null {
    let block = this.built.get(element);
    if (block === undefined) this.built.set(element, (block = toLiveBlock(element)));
    return block;
  }

  /** Every readable block of the page's visible text, in document order. */
  all(): LiveBlock[] {
    return this.elements.map((el) => this.block(el)).filter((b): b is LiveBlock => b !== null);
  }
}

/** Every readable block of the page's visible text. */
export function pageBlocks(doc: Document): LiveBlock[] {
  return new PageBlocks(doc).all();
}

/**
 * At least the text length of a block not built yet. Exact lengths need the text map; the bound needs only what
 * finding the blocks already computed (`describeBlockContent` is memoized during extraction).
 */
function lengthBound(element: Element): number {
  const content = describeBlockContent(element);
  // Read with its nested blocks: all of its text counts.
  return content.textAfterNestedBlock ? subtreeLengthBound(element) : content.ownLengthBound;
}

/** At least the length of everything read under `element`: all its text, plus at most two separators per element. */
function subtreeLengthBound(element: Element): number {
  return (element.textContent ?? '').length + 2 * element.getElementsByTagName('*').length;
}

/** The selected text as blocks (each block clipped to the selection); empty when nothing is selected. */
export function selectionBlocks(doc: Document): LiveBlock[] {
  const selection = doc.getSelection?.() ?? null;
  if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !doc.body) return [];
  const all = findReadableBlocks(doc.body);
  const out: LiveBlock[] = [];
  for (let r = 0; r < selection.rangeCount; r++) {
    const range = selection.getRangeAt(r);
    out.push(...toLiveBlocks(all.filter((el) => range.intersectsNode(el)), range));
  }
  return out;
}

/** Readability's article is mostly, but not surely, in page order; blocks are read in page order. */
function inDocumentOrder(elements: Set<Element>): Element[] {
  const list = [...elements];
  const before = (a: Element, b: Element): boolean => (a.compareDocumentPosition(b) & 4) /* FOLLOWING */ !== 0;
  for (let i = 1; i < list.length; i++) {
    if (!before(list[i - 1]!, list[i]!)) return list.sort((a, b) => (a === b ? 0 : before(a, b) ? -1 : 1));
  }
  return list;
}

/**
 * Pairs every text node of the clone with the live one at the same place: the trees are identical, so their text
 * nodes come in the same order, and native tree walkers can do the traversal.
 */
function mapCloneTextNodes(live: Document, clone: Document, into: Map<Node, Text>): void {
  const a = live.createTreeWalker(live, 4 /* SHOW_TEXT */);
  const b = clone.createTreeWalker(clone, 4 /* SHOW_TEXT */);
  for (let x = a.nextNode(), y = b.nextNode(); x && y; x = a.nextNode(), y = b.nextNode()) into.set(y, x as Text);
}

/** The live text nodes that ended up in Readability's article, with its title and language; null if none. */
function readabilityTextNodes(doc: Document): { title: string; lang?: string; nodes: Set<Text> } | null {
  const clone = doc.cloneNode(true) as Document;
  const cloneToLive = new Map<Node, Text>();
  mapCloneTextNodes(doc, clone, cloneToLive);
  // keepClasses: only the article's text nodes are used, so stripping its class attributes is wasted work.
  const article = new LeanReadability<Node>(clone, { serializer: (node) => node, keepClasses: true }).parse();
  const content = article?.content;
  if (!article || !content) return null;
  const nodes = new Set<Text>();
  const walker = clone.createTreeWalker(content, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const live = cloneToLive.get(n);
    if (live && /\S/.test(live.data)) nodes.add(live);
  }
  return { title: (article.title ?? '').replace(/\s+/g, ' ').trim(), ...(article.lang ? { lang: article.lang } : {}), nodes };
}

/**
 * Readability's article as live blocks, or null when there is no convincing article (too short, or much
 * shorter than the page's own text).
 */
export function articleBlocks(doc: Document, page: PageBlocks = new PageBlocks(doc)): LiveArticle | null {
  let found: ReturnType<typeof readabilityTextNodes>;
  try {
    found = readabilityTextNodes(doc);
  } catch {
    // Readability throws on some unusual documents (e.g. no body in a frameset); the visible text still works.
    return null;
  }
  if (!found || found.nodes.size === 0) return null;
  const body = doc.body;
  if (!body) return null;
  // A text node belongs to its nearest block ancestor (findReadableBlocks puts each in exactly one block); asking
  // each article node's ancestors spares describing the blocks outside the article.
  const owners = new BlockOwners(body);
  const keptElements = new Set<Element>();
  for (const node of found.nodes) {
    const owner = owners.ownerOf(node);
    if (owner) keptElements.add(owner);
  }
  const blocks: LiveBlock[] = [];
  for (const el of inDocumentOrder(keptElements)) {
    const block = page.block(el);
    if (block) blocks.push(block);
  }
  const length = textLength(blocks);
  if (length < MIN_ARTICLE_CHARS) return null;
  // The share test compares with the page's whole text, article included. Finding and mapping every other block
  // only to measure it was a large part of extraction on long pages, so upper bounds of the page's text decide
  // first: if the article is a large enough share even of a bound, it is of the exact total too. Only a doubtful
  // case measures exactly, so the decision is always the one the exact lengths give.
  // Whole page: every character read comes from a text node under the body, and each element adds at most two
  // separators (a block or inline-block's edges, a <br>).
  const pageBound = subtreeLengthBound(body);
  if (length < pageBound * MIN_ARTICLE_SHARE) {
    const rest = page.elements.filter((el) => !keptElements.has(el));
    const restBound = rest.reduce((n, el) => n + lengthBound(el), 0);
    if (length < (length + restBound) * MIN_ARTICLE_SHARE) {
      const restLength = rest.reduce((n, el) => n + (page.block(el)?.map.text.length ?? 0), 0);
      if (length < (length + restLength) * MIN_ARTICLE_SHARE) return null;
    }
  }
  return { title: found.title, ...(found.lang ? { lang: found.lang } : {}), blocks };
}

/**
 * The index of the block to start reading at for a chosen element: the block holding it, else the first block
 * inside it (a click on a container), else the first block after it; -1 when nothing follows.
 */
export function blockIndexFor(blocks: readonly LiveBlock[], target: Node): number {
  // Nested blocks come after the block around them: the last one holding the target is the innermost.
  let holding = -1;
  blocks.forEach((b, i) => {
    if (b.element.contains(target)) holding = i;
  });
  if (holding >= 0) return holding;
  const inside = blocks.findIndex((b) => target.contains(b.element));
  if (inside >= 0) return inside;
  return blocks.findIndex((b) => (target.compareDocumentPosition(b.element) & 4) /* FOLLOWING */ !== 0);
}
