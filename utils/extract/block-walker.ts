// Splits a DOM subtree into text blocks at block-level elements, remembering where each block lives.

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LEGEND', 'LI',
  'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
  'BODY',
]);

/** Elements whose text is never read: code that is not prose, embedded documents, form internals. */
const SKIPPED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'EMBED', 'VIDEO', 'AUDIO',
  'SELECT', 'TEXTAREA', 'INPUT', 'BUTTON', 'HEAD', 'TITLE', 'META', 'LINK',
]);

export interface RawBlock {
  text: string;
  element: Element;
}

export function isBlockElement(el: Element): boolean {
  return BLOCK_TAGS.has(el.tagName.toUpperCase());
}

export function isSkippedElement(el: Element): boolean {
  return SKIPPED_TAGS.has(el.tagName.toUpperCase());
}

/** Collapses runs of whitespace the way a browser renders normal-flow text. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Nearest block-level ancestor (or the element itself). */
export function blockAncestor(node: Node, root: Node): Element | null {
  let current: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (current && current !== root.parentNode) {
    if (current.nodeType === 1 && isBlockElement(current as Element)) return current as Element;
    if (current === root) return current.nodeType === 1 ? (current as Element) : null;
    current = current.parentNode;
  }
  return null;
}

/**
 * Walks `root` in document order and returns one block per run of text between block boundaries.
 * `isHidden` lets the live-page walk skip invisible elements; a detached clone has no layout to ask.
 */
export function collectBlocks(root: Element, isHidden: (el: Element) => boolean = () => false): RawBlock[] {
  const blocks: RawBlock[] = [];
  let parts: string[] = [];
  let owner: Element = root;

  const flush = () => {
    const text = normalizeWhitespace(parts.join(''));
    if (text) blocks.push({ text, element: owner });
    parts = [];
  };

  const visit = (node: Node, currentBlock: Element) => {
    if (node.nodeType === 3) {
      if (parts.length === 0) owner = currentBlock;
      parts.push(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (isSkippedElement(el) || isHidden(el)) return;
    if (el.tagName.toUpperCase() === 'BR') {
      parts.push(' ');
      return;
    }
    const block = isBlockElement(el);
    if (block) flush();
    const nextBlock = block ? el : currentBlock;
    for (const child of Array.from(el.childNodes)) visit(child, nextBlock);
    if (block) flush();
  };

  visit(root, root);
  flush();
  return blocks;
}

/** Child-element indices from `root` down to `el`; null when `el` is not inside `root`. */
export function elementPath(el: Element, root: Element): number[] | null {
  const path: number[] = [];
  let current: Element | null = el;
  while (current && current !== root) {
    const parent: Element | null = current.parentElement;
    if (!parent) return null;
    path.unshift(Array.prototype.indexOf.call(parent.children, current));
    current = parent;
  }
  return current === root ? path : null;
}

/** The inverse of elementPath. */
export function elementAtPath(root: Element, path: number[]): Element | null {
  let current: Element | null = root;
  for (const i of path) {
    current = current?.children[i] ?? null;
    if (!current) return null;
  }
  return current;
}
