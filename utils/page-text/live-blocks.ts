/**
 * The blocks a reading is made of, found on the LIVE page (not on a copy), each with its text map, so that the
 * offsets reading units carry (`ReadingUnit.start/end`) turn back into DOM Ranges exactly, for highlighting.
 * Block i of the extraction is `maps[i]` here: the page script keeps these maps for the whole reading.
 *
 * The article comes from Readability, which only works on a clone (it mutates what it parses). Readability moves
 * the clone's text nodes into its result rather than copying them, so a parallel walk of the live document and
 * its clone (identical trees) maps the article's text nodes back to live ones; the live article is then every
 * readable block holding one of them. Readability's own retries rebuild its document from HTML (its nodes then
 * map to nothing), so each attempt of its sieve runs on a fresh clone here.
 */
import { BlockOwners } from './block-owner';
import { findReadableBlocks, mapOfBlock, ownBlocksOf, type BlockTextMap, type ReadableBlock } from './block-text-map';
import { LeanReadability, READABILITY_FLAGS } from './lean-readability';
import { addRenderedContent } from './rendered-clone';
import { containsFlat, followsInFlatTree } from './shadow-traversal';
import { selectedRanges, selectionClip } from './shadow-selection';
import { heardKey, unheardBlockRule, type UnheardOptions } from './unheard-content';

export interface LiveBlock extends ReadableBlock {
  map: BlockTextMap;
}

export interface LiveArticle {
  title: string;
  lang?: string;
  blocks: LiveBlock[];
}

/** A block left out by a rule of unheard-content.ts (kept for the benchmark's report of what each rule drops). */
export interface DroppedBlock {
  rule: string;
  text: string;
}

/** Readability's own threshold (DEFAULT_CHAR_THRESHOLD): an attempt with less text tries the next step of the sieve. */
const ENOUGH_ARTICLE_CHARS = 500;

function intersect(a: Range, b: Range): Range | null {
  const r = a.cloneRange();
  if (a.compareBoundaryPoints(Range.START_TO_START, b) < 0) r.setStart(b.startContainer, b.startOffset);
  if (a.compareBoundaryPoints(Range.END_TO_END, b) > 0) r.setEnd(b.endContainer, b.endOffset);
  return r.collapsed || r.compareBoundaryPoints(Range.START_TO_END, r) < 0 ? null : r;
}

function toLiveBlock(block: ReadableBlock, clip?: Range): LiveBlock | null {
  let within = block.run ?? clip;
  if (block.run && clip) {
    const both = intersect(block.run, clip);
    if (!both) return null;
    within = both;
  }
  const map = mapOfBlock(block, within);
  return map.text.trim() ? { ...block, map } : null;
}

/** Whether the block's text holds `node` (for an anonymous block: the node is in its run, not around it). */
export function blockHolds(block: ReadableBlock, node: Node): boolean {
  if (!block.run) return containsFlat(block.element, node);
  if (node.nodeType !== 3 && node.contains(block.run.startContainer)) return false;
  return block.run.intersectsNode(node);
}

/** The first node of the block's text, for document order. */
const anchorOf = (block: ReadableBlock): Node => block.run?.startContainer ?? block.element;

/**
 * The readable blocks of the page, each block's text map built on first use and at most once: when the article
 * is read, the blocks outside it (navigation, sidebars, comments) are never mapped.
 */
export class PageBlocks {
  private found: readonly ReadableBlock[] | undefined;
  private readonly built = new Map<ReadableBlock, LiveBlock | null>();
  private readonly owned = new Map<Element, ReadableBlock[]>();

  constructor(private readonly doc: Document) {}

  /** Every readable block, in document order (found on first use: the article may not need them). */
  get blocks(): readonly ReadableBlock[] {
    if (!this.found) this.found = this.doc.body ? findReadableBlocks(this.doc.body) : [];
    return this.found;
  }

  /** The block with its text map; null when its text is only white space (it is not read). */
  block(block: ReadableBlock): LiveBlock | null {
    let live = this.built.get(block);
    if (live === undefined) this.built.set(block, (live = toLiveBlock(block)));
    return live;
  }

  /** The block of `owner` (a listed block element, see BlockOwners) holding `node`. */
  blockOf(owner: Element, node: Node): ReadableBlock | null {
    let own = this.owned.get(owner);
    if (!own) this.owned.set(owner, (own = ownBlocksOf(owner)));
    if (own.length <= 1) return own[0] ?? null;
    return own.find((b) => blockHolds(b, node)) ?? null;
  }

  /** Every readable block of the page's visible text, in document order. */
  all(): LiveBlock[] {
    return this.blocks.map((b) => this.block(b)).filter((b): b is LiveBlock => b !== null);
  }
}

/** Every readable block of the page's visible text. */
export function pageBlocks(doc: Document): LiveBlock[] {
  return new PageBlocks(doc).all();
}

/** The selected text as blocks (each block clipped to the selection); empty when nothing is selected. */
export function selectionBlocks(doc: Document): LiveBlock[] {
  const selection = doc.getSelection?.() ?? null;
  if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !doc.body) return [];
  const all = findReadableBlocks(doc.body);
  const out: LiveBlock[] = [];
  // Inside shadow roots too (shadow-selection.ts).
  for (const range of selectedRanges(doc.body, selection)) {
    for (const block of all) {
      const clip = selectionClip(range, block.run?.commonAncestorContainer ?? block.element);
      if (!clip) continue;
      const live = toLiveBlock(block, clip);
      if (live) out.push(live);
    }
  }
  return out;
}

/**
 * Leaves out the blocks a listener should not hear (unheard-content.ts), noting each with its rule. The rules look
 * at the blocks kept before (a caption heard twice, the links after a "Related" label), so a reading's blocks go
 * through one filter in order, in one call or several (a long page's first blocks, then the rest).
 */
export class AudibleFilter {
  private readonly earlier = new Set<string>();
  private afterRule: string | undefined;

  constructor(
    private readonly options: UnheardOptions = {},
    private readonly dropped?: DroppedBlock[],
  ) {}

  /** The next blocks of the reading, without those a rule leaves out. */
  keep(blocks: readonly LiveBlock[]): LiveBlock[] {
    const { earlier, options, dropped } = this;
    return blocks.filter((b) => {
      const facts = { element: b.element, text: b.map.text, earlier, ...(b.run ? { run: b.run } : {}) };
      const rule = unheardBlockRule(this.afterRule ? { ...facts, afterRule: this.afterRule } : facts, options);
      if (rule && dropped) dropped.push({ rule: rule.name, text: b.map.text });
      if (!rule) earlier.add(heardKey(b.map.text));
      this.afterRule = rule?.name;
      return !rule;
    });
  }
}

/** Leaves out the blocks a listener should not hear (unheard-content.ts), noting each with its rule. */
export function audibleBlocks(
  blocks: LiveBlock[],
  options: UnheardOptions = {},
  dropped?: DroppedBlock[],
): LiveBlock[] {
  return new AudibleFilter(options, dropped).keep(blocks);
}

/** Readability's article is mostly, but not surely, in page order; blocks are read in page order. */
function inDocumentOrder(blocks: Set<ReadableBlock>): ReadableBlock[] {
  const list = [...blocks];
  const before = (a: ReadableBlock, b: ReadableBlock): boolean => followsInFlatTree(anchorOf(a), anchorOf(b));
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

interface Attempt {
  title: string;
  lang?: string;
  nodes: Set<Text>;
  length: number;
}

/** One attempt of Readability's sieve on a fresh clone: the live text nodes of its article, or null. */
function readabilityAttempt(doc: Document, flags: number): Attempt | null {
  const clone = doc.cloneNode(true) as Document;
  const cloneToLive = new Map<Node, Text>();
  mapCloneTextNodes(doc, clone, cloneToLive);
  addRenderedContent(doc, clone, cloneToLive);
  // keepClasses: only the article's text nodes are used, so stripping its class attributes is wasted work.
  // charThreshold 1: Readability retries on its own only when it found nothing at all; the sieve is run here.
  const article = new LeanReadability<Node>(clone, {
    serializer: (node) => node,
    keepClasses: true,
    charThreshold: 1,
    flags,
  }).parse();
  const content = article?.content;
  if (!article || !content) return null;
  const nodes = new Set<Text>();
  let length = 0;
  const walker = clone.createTreeWalker(content, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const live = cloneToLive.get(n);
    if (live && /\S/.test(live.data)) {
      nodes.add(live);
      length += live.data.trim().length;
    }
  }
  return {
    title: (article.title ?? '').replace(/\s+/g, ' ').trim(),
    ...(article.lang ? { lang: article.lang } : {}),
    nodes,
    length,
  };
}

/**
 * The live text nodes of Readability's article, with its title and language; null if none. Readability's own
 * order of attempts (https://github.com/mozilla/readability, `_grabArticle`): all flags, then without stripping
 * unlikely candidates, without weighing classes, without conditional cleaning; the first with enough text wins,
 * else the longest.
 */
function readabilityTextNodes(doc: Document): Attempt | null {
  const { stripUnlikelys, weightClasses, cleanConditionally } = READABILITY_FLAGS;
  const sieve = [
    stripUnlikelys | weightClasses | cleanConditionally,
    weightClasses | cleanConditionally,
    cleanConditionally,
    0,
  ];
  let best: Attempt | null = null;
  for (const flags of sieve) {
    const attempt = readabilityAttempt(doc, flags);
    if (!attempt) continue;
    if (attempt.length >= ENOUGH_ARTICLE_CHARS) return attempt;
    if (!best || attempt.length > best.length) best = attempt;
  }
  return best && best.nodes.size > 0 ? best : null;
}

/** Blocks in reading order, found as they are asked for. */
export interface BlockList {
  /** Block i, or undefined past the last. */
  at(i: number): ReadableBlock | undefined;
}

/** A list already found. */
export const listOf = (blocks: readonly ReadableBlock[]): BlockList => ({ at: (i) => blocks[i] });

/**
 * Readability's article as the page's readable blocks holding its text, in page order, text maps not built yet
 * (some may hold only white space: PageBlocks.block answers null for them). The block of each article text node
 * is found only when asked for: on a long page the first blocks are read while the rest wait, and finding the
 * block of every node of a 500 KB page is a large part of its extraction. Readability's article comes in page
 * order nearly always; a block found out of order sends the rest through one sort, after those handed out.
 */
export class ArticleCandidates implements BlockList {
  private readonly found: ReadableBlock[] = [];
  private readonly kept = new Set<ReadableBlock>();
  private readonly nodes: Iterator<Text>;
  private readonly owners: BlockOwners;
  private handedOut = 0;
  private ended = false;

  constructor(
    readonly title: string,
    readonly lang: string | undefined,
    /** The length of the article's text (Readability's, white space trimmed per text node). */
    readonly textLength: number,
    nodes: Iterable<Text>,
    body: Element,
    private readonly page: PageBlocks,
  ) {
    this.nodes = nodes[Symbol.iterator]();
    // A text node belongs to its nearest block ancestor (findReadableBlocks puts each in exactly one block); asking
    // each article node's ancestors spares describing the blocks outside the article.
    this.owners = new BlockOwners(body);
  }

  at(i: number): ReadableBlock | undefined {
    if (!this.has(i)) return undefined;
    this.handedOut = Math.max(this.handedOut, i + 1);
    return this.found[i];
  }

  /** Whether there is a block i (found, not handed out: the order of the blocks after it can still change). */
  has(i: number): boolean {
    while (this.found.length <= i && !this.ended) this.findNext();
    return i < this.found.length;
  }

  /** Every block, in page order (found all at once, before any is handed out: exactly page order). */
  all(): readonly ReadableBlock[] {
    this.has(Infinity);
    return this.found;
  }

  private blockOf(node: Text): ReadableBlock | null {
    const owner = this.owners.ownerOf(node);
    return owner ? this.page.blockOf(owner, node) : null;
  }

  private findNext(): void {
    for (let r = this.nodes.next(); !r.done; r = this.nodes.next()) {
      const block = this.blockOf(r.value);
      if (!block || this.kept.has(block)) continue;
      this.kept.add(block);
      const last = this.found[this.found.length - 1];
      if (!last || followsInFlatTree(anchorOf(last), anchorOf(block))) {
        this.found.push(block);
        return;
      }
      // Out of page order: every block left is found now, and those not handed out yet are read in page order.
      const rest = new Set<ReadableBlock>(this.found.slice(this.handedOut));
      rest.add(block);
      for (let n = this.nodes.next(); !n.done; n = this.nodes.next()) {
        const b = this.blockOf(n.value);
        if (b && !this.kept.has(b)) {
          this.kept.add(b);
          rest.add(b);
        }
      }
      this.found.splice(this.handedOut, Infinity, ...inDocumentOrder(rest));
      this.ended = true;
      return;
    }
    this.ended = true;
  }
}

/**
 * Readability's article as live blocks (a block is in it when it holds some of the article's text), or null when
 * Readability finds no article. A short article is still the article.
 */
export function articleBlocks(doc: Document, page: PageBlocks = new PageBlocks(doc)): LiveArticle | null {
  const found = articleCandidates(doc, page);
  if (!found) return null;
  const blocks: LiveBlock[] = [];
  for (const b of found.all()) {
    const block = page.block(b);
    if (block) blocks.push(block);
  }
  if (blocks.length === 0) return null;
  return { title: found.title, ...(found.lang ? { lang: found.lang } : {}), blocks };
}

/**
 * The readable blocks of Readability's article, in page order, without their text maps (built by
 * `PageBlocks.block` as each is read: a long page's later blocks can wait); null when Readability finds none.
 */
export function articleCandidates(doc: Document, page: PageBlocks = new PageBlocks(doc)): ArticleCandidates | null {
  let found: Attempt | null;
  try {
    found = readabilityTextNodes(doc);
  } catch {
    // Readability throws on some unusual documents (e.g. no body in a frameset); the visible text still works.
    return null;
  }
  if (!found) return null;
  const body = doc.body;
  if (!body) return null;
  const article = new ArticleCandidates(found.title, found.lang, found.length, found.nodes, body, page);
  return article.has(0) ? article : null;
}

/**
 * The index of the block to start reading at for a chosen element: the block holding it, else the first block
 * inside it (a click on a container), else the first block after it; -1 when nothing follows.
 */
export function blockIndexFor(blocks: readonly LiveBlock[], target: Node): number {
  // Nested blocks come after the block around them: the last one holding the target is the innermost.
  let holding = -1;
  blocks.forEach((b, i) => {
    if (blockHolds(b, target)) holding = i;
  });
  if (holding >= 0) return holding;
  const inside = blocks.findIndex((b) => containsFlat(target, anchorOf(b)));
  if (inside >= 0) return inside;
  return blocks.findIndex((b) => followsInFlatTree(target, anchorOf(b)));
}
