/**
 * Readability parses a clone of the document, and a clone has no shadow roots and no frame content: a paragraph
 * in a custom element's shadow root or in a same-origin frame would never be in the article. Here the clone gets
 * that content where it is shown (the flat tree, shadow-traversal.ts), each copied text node paired with its live
 * one, so the article's text maps back to live blocks like the rest of the page.
 */
import { memoize } from './element-style';
import { frameDocument, renderedChildren } from './shadow-traversal';

/** The child-index path from the document to each element whose shown content is not its own children. */
function hostPaths(doc: Document): number[][] {
  const root = doc.documentElement;
  return memoize(root, 'rendered-hosts', () => {
    const paths: number[][] = [];
    const walker = doc.createTreeWalker(root, 1 /* SHOW_ELEMENT */);
    let n: Node | null = root;
    while (n) {
      const el = n as Element;
      if (el.localName !== 'slot' && renderedChildren(el)) {
        paths.push(pathOf(el));
        // Its own children are replaced by what it shows (hosts among them are copied there, if slotted).
        let next: Node | null = walker.nextSibling();
        while (!next && walker.parentNode()) next = walker.nextSibling();
        n = next;
      } else n = walker.nextNode();
    }
    return paths;
  });
}

function pathOf(el: Element): number[] {
  const path: number[] = [];
  for (let at: Node = el; at.parentNode; at = at.parentNode) {
    let i = 0;
    for (let c = at.parentNode.firstChild; c && c !== at; c = c.nextSibling) i++;
    path.push(i);
  }
  return path.reverse();
}

function follow(doc: Document, path: number[]): Node | null {
  let at: Node | null = doc;
  for (const i of path) {
    let c: Node | null = at?.firstChild ?? null;
    for (let k = 0; c && k < i; k++) c = c.nextSibling;
    at = c;
  }
  return at;
}

/** A copy of what `live` shows, in `into`; its text nodes paired with the live ones. */
function copyRendered(live: Node, into: Document, cloneToLive: Map<Node, Text>): Node | null {
  if (live.nodeType === 3) {
    const text = into.createTextNode((live as Text).data);
    cloneToLive.set(text, live as Text);
    return text;
  }
  if (live.nodeType !== 1) return null;
  const el = live as Element;
  const frame = frameDocument(el) !== null;
  // A frame's body becomes a plain container in the article's document.
  const copy = frame || el.localName === 'body' ? into.createElement('div') : (into.importNode(el, false) as Element);
  copyChildren(el, copy, into, cloneToLive);
  return copy;
}

function copyChildren(el: Element, copy: Element, into: Document, cloneToLive: Map<Node, Text>): void {
  const kids = renderedChildren(el);
  if (kids) {
    for (let i = 0; i < kids.length; i++) {
      const c = copyRendered(kids[i] as Node, into, cloneToLive);
      if (c) copy.append(c);
    }
    return;
  }
  for (let c = el.firstChild; c; c = c.nextSibling) {
    const cc = copyRendered(c, into, cloneToLive);
    if (cc) copy.append(cc);
  }
}

/**
 * Puts into `clone` (a fresh `live.cloneNode(true)`) the shadow and frame content `live` shows, adding its text
 * nodes to `cloneToLive`. Call after pairing the clone's own text nodes: this changes the clone's tree.
 */
export function addRenderedContent(live: Document, clone: Document, cloneToLive: Map<Node, Text>): void {
  const paths = hostPaths(live);
  if (paths.length === 0) return;
  // Resolved before any change, so every path points into the clone as it was copied.
  const targets = paths.map((path) => [follow(live, path), follow(clone, path)] as const);
  for (const [host, copy] of targets) {
    if (!host || !copy || host.nodeType !== 1 || copy.nodeType !== 1) continue;
    const shown = receiverOf(copy as Element, host as Element, clone);
    while (shown.firstChild) shown.firstChild.remove();
    copyChildren(host as Element, shown, clone, cloneToLive);
  }
}

/** The clone element that receives the shown content: a frame is replaced by a plain container. */
function receiverOf(copy: Element, host: Element, clone: Document): Element {
  if (!frameDocument(host)) return copy;
  const div = clone.createElement('div');
  copy.replaceWith(div);
  return div;
}
