// Page-side text extraction on the LIVE page: the selection, else the Readability article, else the page's
// visible text. Each block's text is `buildBlockTextMap(element).text` (utils/page-text/live-blocks.ts), so the
// offsets reading units carry map back to DOM Ranges exactly; the page script keeps the maps for highlighting.
import type { BlockTextMap } from './block-text-map';
import { withStyleCache } from './element-style';
import type { ReadSource } from '../messages/background-protocol';
import type { ExtractedText } from '../messages/page-protocol';
import { articleBlocks, blockIndexFor, PageBlocks, selectionBlocks, type LiveBlock } from './live-blocks';

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

/**
 * What to read. With a `target` (read from here) the selection is ignored and reading starts at the block
 * holding the target — in the article when the target is in or before it, else in the page's visible text.
 */
export function extractLiveText(doc: Document, source: ReadSource = 'auto', target: Node | null = null): LiveExtraction {
  return withStyleCache(() => extractLive(doc, source, target));
}

function extractLive(doc: Document, source: ReadSource, target: Node | null): LiveExtraction {
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
  if (source !== 'article' && !target) {
    blocks = selectionBlocks(doc);
    if (blocks.length > 0) kind = 'selection';
    // Asked for the selection and there is none (or only white space): say so rather than read something else.
    else if (source === 'selection') return { extracted: { ...base, source: 'selection', blocks: [] }, maps: [] };
  }
  if (!kind) {
    // Text maps are built only for the blocks read (and those the article test has to measure).
    const page = new PageBlocks(doc);
    const article = articleBlocks(doc, page);
    if (article && (!target || blockIndexFor(article.blocks, target) >= 0)) {
      kind = 'article';
      blocks = article.blocks;
      title = article.title || title;
      lang = doc.documentElement.getAttribute('lang')?.trim() || article.lang || lang;
    } else {
      kind = 'page';
      blocks = page.all();
    }
  }
  const start = target ? blockIndexFor(blocks, target) : -1;
  return {
    extracted: {
      ...base,
      title,
      lang,
      source: kind,
      blocks: blocks.map((b, index) => ({ index, text: b.map.text })),
      ...(start >= 0 ? { startBlock: start } : {}),
    },
    maps: blocks.map((b) => b.map),
  };
}

/** The text only (callers that do not highlight). */
export function extractPageText(doc: Document, source: ReadSource = 'auto'): ExtractedText {
  return extractLiveText(doc, source).extracted;
}
