// Page-side text extraction on the LIVE page: the selection, else the Readability article (headline first, without
// what a listener should not hear, see unheard-content.ts), else the page's visible text. Each block's text is
// `buildBlockTextMap(element).text` (utils/page-text/live-blocks.ts), so the offsets reading units carry map back
// to DOM Ranges exactly; the page script keeps the maps for highlighting. A long page can be extracted in two
// parts (`progressive`): the reading starts on the first while the page script makes the rest.
import { withStyleCache } from './element-style';
import type { ReadSource } from '../messages/background-protocol';
import type { ExtractedBlock, ExtractedText } from '../messages/page-protocol';
import type { ReadingFields } from '../settings/reading-fields';
import { buildBlockTextMap, textOnlyMap, type BlockTextMap, type ReadableBlock } from './block-text-map';
import { findFormulas, formulaWords, withFormulaText } from './formula-text';
import { preformattedBlocks } from './preformatted-blocks';
import { withImageAlt } from './image-alt';
import { readTables } from './table-reading';
import { heardKey } from './unheard-content';
import {
  articleCandidates,
  AudibleFilter,
  blockIndexFor,
  listOf,
  PageBlocks,
  type BlockList,
  selectionBlocks,
  type DroppedBlock,
  type LiveBlock,
} from './live-blocks';

export function detectLang(doc: Document, fallback = 'en'): string {
  const htmlLang = doc.documentElement.getAttribute('lang')?.trim();
  if (htmlLang) return htmlLang;
  const meta = doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')?.trim();
  if (meta) return meta.split(',')[0]!.trim();
  const nav = doc.defaultView?.navigator?.language;
  return nav || fallback;
}

const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

let counter = 0;
/** Unique per page script; crypto.randomUUID is missing on insecure (http) pages. */
function newExtractionId(): string {
  counter += 1;
  return `${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export interface LiveExtraction {
  extracted: ExtractedText;
  /** Block i of `extracted` is maps[i]. */
  maps: BlockTextMap[];
  /**
   * With `progressive`, on a long page: the blocks after those in `extracted` (which then says `more`), their
   * indexes following on, made when called — after the answer has gone, so the reading starts without them.
   */
  rest?: () => { blocks: ExtractedBlock[]; maps: BlockTextMap[] };
}

export interface ExtractOptions {
  /** Read from here: the element the user chose. */
  target?: Node | null;
  /** What the reading includes (the reading settings, utils/settings/reading-fields.ts). */
  reading?: Partial<ReadingFields>;
  /** Keep what the rules of unheard-content.ts left out (the benchmark reports it). */
  explain?: boolean;
  /** Speech for formula elements (formula-text.ts); the others are read as their label or characters. */
  formulaSpeech?: ReadonlyMap<Element, string | null>;
  /**
   * A long page (more than LONG_PAGE_BLOCKS blocks) answers with its first FIRST_PART_BLOCKS blocks and leaves the
   * rest to `rest()`: on a page of 500 KB the text maps and rules of its later blocks are most of the work, and
   * the listener hears the first ones meanwhile. Not with a target or image descriptions (nor asked for by the
   * page script with `explain` or `whole`).
   */
  progressive?: boolean;
  /**
   * With `progressive`: the first part goes FIRST_PART_BLOCKS past this block — a reading that continues from a
   * stored position starts there, and hears the blocks after it while the rest is made.
   */
  through?: number;
}

/** A page with more blocks than this to read is extracted in two parts when asked to be (`progressive`). */
export const LONG_PAGE_BLOCKS = 120;
/** The first part of a long page: minutes of speech, far more than is heard before the rest follows. */
export const FIRST_PART_BLOCKS = 40;

/**
 * What to read. With a `target` (read from here) the selection is ignored and reading starts at the block
 * holding the target — in the article when the target is in or before it, else in the page's visible text.
 */
export function extractLiveText(
  doc: Document,
  source: ReadSource = 'auto',
  options: ExtractOptions = {},
): LiveExtraction {
  // Formulas are found again here: the page may have redrawn some while their speech was being computed.
  const withPageFacts = <T>(fn: () => T): T => {
    const formulas = formulaWords(findFormulas(doc), options.formulaSpeech);
    return withStyleCache(() => withFormulaText(formulas, fn));
  };
  return withPageFacts(() => extractLive(doc, source, options, withPageFacts));
}

const comparable = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The article's headline as a block: the article's own first block when it is an <h1>; else the page's <h1> that
 * matches the extracted title (so it is highlighted); else, when the page has no <h1> at all, the title as text
 * alone. Null when there is none.
 */
function headlineBlock(doc: Document, title: string, first: LiveBlock | undefined): LiveBlock | null {
  if (first && !first.run && first.element.closest('h1')) return first;
  const wanted = comparable(title);
  const headings = doc.querySelectorAll('h1');
  for (const h1 of headings) {
    const text = comparable(h1.textContent ?? '');
    if (text.length < 3 || !(wanted.includes(text) || text.includes(wanted))) continue;
    if (first && first.element === h1) return first;
    const map = buildBlockTextMap(h1);
    if (map.text.trim()) return { element: h1, map };
  }
  if (!wanted || headings.length > 0) return null;
  return {
    element: first?.element ?? doc.body ?? doc.documentElement,
    map: textOnlyMap(title, first?.element ?? doc.documentElement),
  };
}

/** What a reading's blocks go through, in order, besides having their text maps built. */
interface ReadSteps {
  /** The rules of unheard-content.ts (absent for the whole page asked for as it is). */
  audible?: AudibleFilter;
  /** The article's headline first (read, or left out when it opens the article), with its title. */
  headline?: { title: string; read: boolean };
  codeBlocks: ReadingFields['codeBlocks'];
  readTables: boolean;
  dropped?: DroppedBlock[];
}

/** Blocks are read a few at a time until a part has enough: this many candidates at once. */
const STEP = 16;

/**
 * A reading's blocks made from the page's readable blocks in order, a part at a time (a long page's first blocks,
 * then the rest): each part has its text maps built, unheard blocks left out, the headline put first, preformatted
 * text and tables read as they are. A part never ends inside a table: its rows are read together.
 */
class ReadingBlocks {
  private next = 0;
  /** Whether any candidate had text (an article whose blocks are all white space is no article). */
  mappedAny = false;
  /** Set once the first blocks are known: whether block 0 is the headline, and its text where it was moved. */
  private headline: { first: boolean; movedKey: string | null } | null = null;

  constructor(
    private readonly doc: Document,
    private readonly candidates: BlockList,
    private readonly page: PageBlocks,
    private readonly steps: ReadSteps,
  ) {}

  get done(): boolean {
    return this.candidates.at(this.next) === undefined;
  }

  get headlineFirst(): boolean {
    return this.headline?.first ?? false;
  }

  /** The next blocks: at least `minBlocks` of them unless the page has fewer left. */
  take(minBlocks = Infinity, imageAlt = false): LiveBlock[] {
    const out: LiveBlock[] = [];
    while (out.length < minBlocks && !this.done) {
      let part: LiveBlock[] = [];
      const end = this.next + STEP;
      for (let c = this.candidates.at(this.next); c; c = this.candidates.at(this.next)) {
        // A part ends after a step of blocks (all of them when taken whole), never between two of one table.
        if (this.next >= end && minBlocks !== Infinity && !sameTable(this.candidates.at(this.next - 1)!, c)) break;
        this.next++;
        const block = this.page.block(c);
        if (block) part.push(block);
      }
      if (part.length > 0) this.mappedAny = true;
      if (this.steps.audible) part = this.steps.audible.keep(part);
      // Image descriptions need the whole reading at once: only a reading taken whole (one step) asks for them.
      if (imageAlt) part = withImageAlt(part);
      out.push(...this.withHeadline(part));
    }
    return out;
  }

  private withHeadline(part: LiveBlock[]): LiveBlock[] {
    const wanted = this.steps.headline;
    if (!wanted) return this.asRead(part);
    if (!this.headline) {
      // Decided on the first blocks heard (a part left empty by the rules waits for the next).
      if (part.length === 0 && !this.done) return [];
      this.headline = { first: false, movedKey: null };
      const headline = headlineBlock(this.doc, wanted.title, part[0]);
      if (headline && wanted.read) {
        this.headline.first = true;
        if (headline !== part[0]) {
          this.headline.movedKey = heardKey(headline.map.text);
          part = [headline, ...this.withoutHeadline(part)];
        }
      } else if (headline && headline === part[0]) part = part.slice(1);
      return this.asRead(part);
    }
    return this.asRead(this.withoutHeadline(part));
  }

  /** The headline read first is not read again where the article repeats it. */
  private withoutHeadline(part: LiveBlock[]): LiveBlock[] {
    const key = this.headline?.movedKey;
    if (!key) return part;
    return part.filter((b) => {
      const repeat = heardKey(b.map.text) === key;
      if (repeat) this.steps.dropped?.push({ rule: 'repeated-headline', text: b.map.text });
      return !repeat;
    });
  }

  private asRead(part: LiveBlock[]): LiveBlock[] {
    part = preformattedBlocks(part, this.steps.codeBlocks);
    // Data tables row by row with their headers, or announced and skipped (table-reading.ts).
    return readTables(part, this.steps.readTables);
  }
}

/** Whether two blocks are in the same table (a part does not end between them). */
function sameTable(a: ReadableBlock, b: ReadableBlock): boolean {
  const table = b.element.closest('table');
  return table !== null && a.element.closest('table') === table;
}

const asExtracted = (blocks: readonly LiveBlock[], from: number): ExtractedBlock[] =>
  blocks.map((b, i) => ({ index: from + i, text: b.map.text }));

function extractLive(
  doc: Document,
  source: ReadSource,
  options: ExtractOptions,
  withPageFacts: <T>(fn: () => T) => T,
): LiveExtraction {
  const target = options.target ?? null;
  const reading = options.reading ?? {};
  const dropped: DroppedBlock[] | undefined = options.explain ? [] : undefined;
  const base = {
    lang: detectLang(doc),
    title: normalize(doc.title ?? ''),
    url: doc.URL,
    extractionId: newExtractionId(),
    ...(doc.contentType ? { contentType: doc.contentType } : {}),
  };
  const finish = (
    kind: ExtractedText['source'],
    blocks: LiveBlock[],
    extra: Partial<ExtractedText> = {},
    rest?: LiveExtraction['rest'],
  ): LiveExtraction => ({
    extracted: {
      ...base,
      source: kind,
      blocks: asExtracted(blocks, 0),
      ...extra,
      ...(dropped ? { dropped } : {}),
      ...(rest ? { more: true } : {}),
    },
    maps: blocks.map((b) => b.map),
    ...(rest ? { rest } : {}),
  });
  if ((source === 'auto' || source === 'selection') && !target) {
    const selected = selectionBlocks(doc);
    // Asked for the selection and there is none (or only white space): say so rather than read something else.
    if (selected.length > 0 || source === 'selection')
      return finish('selection', readTables(selected, reading.readTables ?? true));
  }
  // Text maps are built only for the blocks read.
  const page = new PageBlocks(doc);
  const unheard = { readByline: reading.readBylines ?? false };
  const common = {
    codeBlocks: reading.codeBlocks ?? 'announce',
    readTables: reading.readTables ?? true,
    ...(dropped ? { dropped } : {}),
  } as const;
  let kind: 'article' | 'page' = 'page';
  let title = base.title;
  let lang = base.lang;
  let blocks: LiveBlock[] = [];
  let reader: ReadingBlocks | null = null;
  const imageAlt = reading.readImageAlt ?? false;
  // Read from here needs the whole reading to know where the target is; image descriptions need it at once.
  const inParts = options.progressive === true && !target && !imageAlt;
  const firstPart = FIRST_PART_BLOCKS + Math.max(0, options.through ?? 0);
  // Long enough to come in parts: what is left after the first part is worth a task of its own.
  const longAt = firstPart + LONG_PAGE_BLOCKS - FIRST_PART_BLOCKS;
  const article = source === 'page' ? null : articleCandidates(doc, page);
  if (article) {
    const articleTitle = article.title || title;
    const whole = !inParts || !article.has(longAt);
    reader = new ReadingBlocks(doc, whole ? listOf(article.all()) : article, page, {
      ...common,
      audible: new AudibleFilter(unheard, dropped),
      headline: { title: articleTitle, read: reading.readHeadline ?? true },
    });
    blocks = reader.take(whole ? Infinity : firstPart, imageAlt);
    // A short article is still the article; one with no text at all (or without the target) is not.
    if (blocks.length > 0 || reader.headlineFirst) {
      if (target && blockIndexFor(blocks, target) < 0) reader = null;
      else {
        kind = 'article';
        title = articleTitle;
        lang = doc.documentElement.getAttribute('lang')?.trim() || article.lang || lang;
      }
    } else if (reader.mappedAny) {
      // The article had text, and the rules left none of it: nothing to read rather than the page's furniture.
      kind = 'article';
    } else reader = null;
  }
  if (kind === 'page' && !reader) {
    // The whole page, asked for: every block but the inline markers; otherwise without the page's furniture.
    reader = new ReadingBlocks(doc, listOf(page.blocks), page, {
      ...common,
      ...(source === 'page' ? {} : { audible: new AudibleFilter(unheard, dropped) }),
    });
    const whole = !inParts || page.blocks.length <= longAt;
    blocks = reader.take(whole ? Infinity : firstPart, imageAlt);
  }
  const start = target ? blockIndexFor(blocks, target) : -1;
  const extra = {
    title,
    lang,
    ...(start >= 0 ? { startBlock: start } : {}),
    ...(reader?.headlineFirst ? { headline: true } : {}),
  };
  const later = reader && !reader.done ? reader : null;
  if (!later) return finish(kind, blocks, extra);
  const first = blocks.length;
  // The rest's length before it is made: the article's text as Readability measured it, else the page's text.
  const total = kind === 'article' && article ? article.textLength : (doc.body?.textContent ?? '').length;
  const firstChars = blocks.reduce((n, b) => n + b.map.text.length, 0);
  return finish(kind, blocks, { ...extra, moreChars: Math.max(0, total - firstChars) }, () => {
    const more = withPageFacts(() => later.take());
    return { blocks: asExtracted(more, first), maps: more.map((b) => b.map) };
  });
}

/** The text only (callers that do not highlight). */
export function extractPageText(
  doc: Document,
  source: ReadSource = 'auto',
  options: ExtractOptions = {},
): ExtractedText {
  return extractLiveText(doc, source, options).extracted;
}
