// Page-side text extraction: the selection, else the Readability article, else the page's visible text.
// Pure DOM functions (tested with happy-dom); the injected page script calls extractPageText(document, …).
import { Readability } from '@mozilla/readability';
import type { ReadSource } from '../messages/background-protocol';
import type { ExtractedBlock, ExtractedText } from '../messages/page-protocol';
import { blockAncestor, collectBlocks, elementPath, normalizeWhitespace, type RawBlock } from './block-walker';

/** Below this many characters an "article" is probably a teaser or a navigation stub: read the page instead. */
export const MIN_ARTICLE_CHARS = 200;
/** An article much shorter than the visible text of a small page probably lost content; read the page. */
const MIN_ARTICLE_SHARE = 0.25;

function isHiddenInLayout(el: Element): boolean {
  if ((el as HTMLElement).hidden || el.getAttribute('aria-hidden') === 'true') return true;
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  const style = view.getComputedStyle(el);
  return style.display === 'none' || style.visibility === 'hidden';
}

function toBlocks(raw: RawBlock[], body: Element): ExtractedBlock[] {
  return raw.map((b, index) => {
    const path = elementPath(b.element, body);
    return path ? { index, text: b.text, path } : { index, text: b.text };
  });
}

export function detectLang(doc: Document, fallback = 'en'): string {
  const htmlLang = doc.documentElement.getAttribute('lang')?.trim();
  if (htmlLang) return htmlLang;
  const meta = doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')?.trim();
  if (meta) return meta.split(',')[0]!.trim();
  const nav = doc.defaultView?.navigator?.language;
  return nav || fallback;
}

/** The selection's text split into blocks at block elements; empty when nothing is selected. */
export function extractSelectionBlocks(doc: Document): ExtractedBlock[] {
  const selection = doc.getSelection?.() ?? doc.defaultView?.getSelection() ?? null;
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return [];
  const body = doc.body;
  const runs: { element: Element; parts: string[] }[] = [];
  for (let r = 0; r < selection.rangeCount; r++) {
    const range = selection.getRangeAt(r);
    const rootNode = range.commonAncestorContainer;
    const walker = doc.createTreeWalker(rootNode.nodeType === 3 ? rootNode.parentNode! : rootNode, 4 /* SHOW_TEXT */);
    for (let node = walker.currentNode.nodeType === 3 ? walker.currentNode : walker.nextNode(); node; node = walker.nextNode()) {
      if (!range.intersectsNode(node)) continue;
      const parent = node.parentElement;
      if (parent && parent.closest('script,style,noscript,template')) continue;
      let text = node.textContent ?? '';
      const startOffset = node === range.startContainer ? range.startOffset : 0;
      const endOffset = node === range.endContainer ? range.endOffset : text.length;
      text = text.slice(startOffset, endOffset);
      const block = blockAncestor(node, body) ?? body;
      const last = runs[runs.length - 1];
      if (last && last.element === block) last.parts.push(text);
      else runs.push({ element: block, parts: [text] });
    }
  }
  const raw = runs
    .map((run) => ({ element: run.element, text: normalizeWhitespace(run.parts.join('')) }))
    .filter((run) => run.text.length > 0);
  return toBlocks(raw, body);
}

/** The visible text of the page, one block per block element. */
export function extractVisibleBlocks(doc: Document): ExtractedBlock[] {
  if (!doc.body) return [];
  return toBlocks(collectBlocks(doc.body, isHiddenInLayout), doc.body);
}

/**
 * Readability's article on a clone of the document (Readability mutates what it parses). Its blocks are mapped
 * back to the live page by text, which is enough to find them again for highlighting.
 */
export function extractArticleBlocks(doc: Document, pageBlocks: ExtractedBlock[]): { title: string; blocks: ExtractedBlock[]; lang?: string } | null {
  const clone = doc.cloneNode(true) as Document;
  const article = new Readability<Node>(clone, { serializer: (node) => node }).parse();
  const content = article?.content;
  if (!article || !content || content.nodeType !== 1) return null;
  const raw = collectBlocks(content as Element);
  const length = raw.reduce((n, b) => n + b.text.length, 0);
  const pageLength = pageBlocks.reduce((n, b) => n + b.text.length, 0);
  if (length < MIN_ARTICLE_CHARS || length < pageLength * MIN_ARTICLE_SHARE) return null;
  const pathByText = new Map<string, number[]>();
  for (const b of pageBlocks) if (b.path && !pathByText.has(b.text)) pathByText.set(b.text, b.path);
  const blocks = raw.map((b, index): ExtractedBlock => {
    const path = pathByText.get(b.text);
    return path ? { index, text: b.text, path } : { index, text: b.text };
  });
  return { title: normalizeWhitespace(article.title ?? ''), blocks, lang: article.lang ?? undefined };
}

export function extractPageText(doc: Document, source: ReadSource = 'auto'): ExtractedText {
  const base = { lang: detectLang(doc), title: normalizeWhitespace(doc.title ?? ''), url: doc.URL };
  if (source !== 'article') {
    const selected = extractSelectionBlocks(doc);
    if (selected.length > 0) return { ...base, source: 'selection', blocks: selected };
  }
  const pageBlocks = extractVisibleBlocks(doc);
  let article: ReturnType<typeof extractArticleBlocks> = null;
  try {
    article = extractArticleBlocks(doc, pageBlocks);
  } catch {
    // Readability throws on some unusual documents (e.g. no body in a frameset); the visible text still works.
    article = null;
  }
  if (article) {
    return {
      ...base,
      lang: doc.documentElement.getAttribute('lang')?.trim() || article.lang || base.lang,
      title: article.title || base.title,
      source: 'article',
      blocks: article.blocks,
    };
  }
  return { ...base, source: 'page', blocks: pageBlocks };
}
