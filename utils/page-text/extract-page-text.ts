// Page-side text extraction on the LIVE page: the selection, else the Readability article (headline first, without
// what a listener should not hear, see unheard-content.ts), else the page's visible text. Each block's text is `buildBlockTextMap(element).text` (utils/page-text/live-blocks.ts), so the
// offsets reading units carry map back to DOM Ranges exactly; the page script keeps the maps for highlighting.
import { withStyleCache } from './element-style';
import type { ReadSource } from '../messages/background-protocol';
import type { ExtractedText } from '../messages/page-protocol';
import type { ReadingFields } from '../settings/reading-fields';
import { buildBlockTextMap, textOnlyMap, type BlockTextMap } from './block-text-map';
import { findFormulas, formulaWords, withFormulaText } from './formula-text';
import { preformattedBlocks } from './preformatted-blocks';
import { withImageAlt } from './image-alt';
import { readTables } from './table-reading';
import { heardKey } from './unheard-content';
import {
  articleBlocks,
  audibleBlocks,
  blockIndexFor,
  PageBlocks,
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
}

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
  const formulas = formulaWords(findFormulas(doc), options.formulaSpeech);
  return withStyleCache(() => withFormulaText(formulas, () => extractLive(doc, source, options)));
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

function extractLive(doc: Document, source: ReadSource, options: ExtractOptions): LiveExtraction {
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
  let kind: ExtractedText['source'] | null = null;
  let blocks: LiveBlock[] = [];
  let title = base.title;
  let lang = base.lang;
  let headlineFirst = false;
  if ((source === 'auto' || source === 'selection') && !target) {
    blocks = selectionBlocks(doc);
    if (blocks.length > 0) kind = 'selection';
    // Asked for the selection and there is none (or only white space): say so rather than read something else.
    else if (source === 'selection') return { extracted: { ...base, source: 'selection', blocks: [] }, maps: [] };
  }
  if (!kind) {
    // Text maps are built only for the blocks read.
    const page = new PageBlocks(doc);
    const article = source === 'page' ? null : articleBlocks(doc, page);
    const unheard = { readByline: reading.readBylines ?? false };
    if (article && (!target || blockIndexFor(article.blocks, target) >= 0)) {
      kind = 'article';
      title = article.title || title;
      lang = doc.documentElement.getAttribute('lang')?.trim() || article.lang || lang;
      blocks = audibleBlocks(article.blocks, unheard, dropped);
      if (reading.readImageAlt) blocks = withImageAlt(blocks);
      const headline = headlineBlock(doc, title, blocks[0]);
      if (headline && (reading.readHeadline ?? true)) {
        if (headline !== blocks[0]) {
          // The headline read first is not read again where the article repeats it.
          const key = heardKey(headline.map.text);
          blocks = blocks.filter((b) => {
            const repeat = heardKey(b.map.text) === key;
            if (repeat) dropped?.push({ rule: 'repeated-headline', text: b.map.text });
            return !repeat;
          });
          blocks.unshift(headline);
        }
        headlineFirst = true;
      } else if (headline && headline === blocks[0]) blocks.shift();
    } else if (source === 'page' || target || !article) {
      kind = 'page';
      // The whole page, asked for: every block but the inline markers; otherwise without the page's furniture.
      blocks = source === 'page' ? page.all() : audibleBlocks(page.all(), unheard, dropped);
      if (reading.readImageAlt) blocks = withImageAlt(blocks);
    }
  }
  if (kind !== 'selection') blocks = preformattedBlocks(blocks, reading.codeBlocks ?? 'announce');
  // Data tables row by row with their headers, or announced and skipped (table-reading.ts).
  blocks = readTables(blocks, reading.readTables ?? true);
  const start = target ? blockIndexFor(blocks, target) : -1;
  return {
    extracted: {
      ...base,
      title,
      lang,
      source: kind ?? 'article',
      blocks: blocks.map((b, index) => ({ index, text: b.map.text })),
      ...(start >= 0 ? { startBlock: start } : {}),
      ...(headlineFirst ? { headline: true } : {}),
      ...(dropped ? { dropped } : {}),
    },
    maps: blocks.map((b) => b.map),
  };
}

/** The text only (callers that do not highlight). */
export function extractPageText(
  doc: Document,
  source: ReadSource = 'auto',
  options: ExtractOptions = {},
): ExtractedText {
  return extractLiveText(doc, source, options).extracted;
}
