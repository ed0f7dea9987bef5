/**
 * The page as it renders: the flat tree (https://drafts.csswg.org/css-scoping/#flat-tree), where an element with
 * an open shadow root shows that root's children, a <slot> shows the nodes assigned to it (else its fallback
 * children), and a same-origin <iframe> shows its document's body. Blocks, text maps and document order follow it,
 * so a paragraph inside a custom element or a same-origin frame is read where it is seen. Closed shadow roots and
 * cross-origin frames cannot be reached from the page script; they are skipped silently.
 */

/** The document of a same-origin frame, or null (cross-origin, not loaded, not a frame). */
export function frameDocument(el: Element): Document | null {
  if (el.localName !== 'iframe' && el.localName !== 'frame') return null;
  try {
    // A cross-origin frame's contentDocument is null; some engines throw instead.
    return (el as HTMLIFrameElement).contentDocument ?? null;
  } catch {
    return null;
  }
}

/**
 * The nodes `el` renders in place of its own children, or null when they are its own children (the common case,
 * walked with firstChild/nextSibling). Light-DOM children of a shadow host that no slot takes are not rendered.
 */
export function renderedChildren(el: Element): ArrayLike<Node> | null {
  // Runs for every element extraction walks: one property read for most, the name read once.
  const root = el.shadowRoot;
  if (root) return root.childNodes;
  const name = el.localName;
  if (name === 'slot') {
    const assigned = (el as HTMLSlotElement).assignedNodes?.() ?? [];
    return assigned.length > 0 ? assigned : null;
  }
  if (name !== 'iframe' && name !== 'frame') return null;
  const frame = frameDocument(el);
  if (frame) return frame.body ? [frame.body] : [];
  return null;
}

/**
 * The element `node` renders inside: its assigned slot when slotted, the shadow host for a shadow root's child,
 * the <iframe> for a same-origin frame's <body>, else its parent element.
 */
export function flatParent(node: Node): Element | null {
  const slot = (node as Element | Text).assignedSlot;
  if (slot) return slot;
  const parent = node.parentNode;
  if (!parent) return null;
  if (parent.nodeType === 11) return (parent as ShadowRoot).host ?? null;
  if (parent.nodeType !== 1) return null;
  const el = parent as Element;
  // A host's unslotted light child is not rendered: it has no place in the flat tree.
  if (el.shadowRoot) return null;
  if (el.localName === 'html' && node.nodeType === 1 && (node as Element).localName === 'body') {
    return frameElementOf(el.ownerDocument) ?? el;
  }
  return el;
}

function frameElementOf(doc: Document): Element | null {
  try {
    const frame = doc.defaultView?.frameElement ?? null;
    return frame && frameDocument(frame) === doc ? frame : null;
  } catch {
    return null;
  }
}

/** The chain from the outermost document down to `node`, crossing shadow roots, slots and frames. */
function flatChain(node: Node): Node[] {
  const chain: Node[] = [];
  for (let at: Node | null = node; at; at = flatParent(at)) chain.push(at);
  return chain.reverse();
}

/** Whether `outer` is `inner` or renders it somewhere below (shadow roots, slots and frames crossed). */
export function containsFlat(outer: Node, inner: Node): boolean {
  if (outer.contains(inner)) return true;
  if (outer.getRootNode() === inner.getRootNode() && outer.ownerDocument === inner.ownerDocument) return false;
  return flatChain(inner).includes(outer);
}

/** The position of `node` among the nodes its flat parent renders. */
function flatIndex(parent: Node, node: Node): number {
  const kids = parent.nodeType === 1 ? renderedChildren(parent as Element) : null;
  if (kids) {
    for (let i = 0; i < kids.length; i++) if (kids[i] === node) return i;
    return -1;
  }
  let i = 0;
  for (let c = parent.firstChild; c && c !== node; c = c.nextSibling) i++;
  return i;
}

/** Whether `b` comes after `a` in the flat tree's document order (`b` inside `a` counts as after). */
export function followsInFlatTree(a: Node, b: Node): boolean {
  if (a === b) return false;
  const position = a.compareDocumentPosition(b);
  // Same tree: the native answer (DISCONNECTED means another tree: shadow root or frame).
  if (!(position & 1)) return (position & 4) !== 0;
  const ca = flatChain(a);
  const cb = flatChain(b);
  let i = 0;
  while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
  if (i === cb.length) return false; // b is an ancestor of a
  if (i === ca.length) return true; // b is inside a
  const parent = ca[i - 1];
  if (!parent) return false;
  const sa = ca[i] as Node;
  const sb = cb[i] as Node;
  if (sa.parentNode === sb.parentNode) return (sa.compareDocumentPosition(sb) & 4) !== 0;
  return flatIndex(parent, sb) > flatIndex(parent, sa);
}

/**
 * The element a pointer event happened on, inside open shadow roots (event.target is retargeted to the host).
 */
export function composedTarget(event: Event): Element | null {
  const path = typeof event.composedPath === 'function' ? event.composedPath() : [];
  for (const node of path) if ((node as Node).nodeType === 1) return node as Element;
  return event.target instanceof Element ? event.target : null;
}

/** Every open shadow root and same-origin frame document shown under `root`, outermost first. */
export function nestedRoots(root: Element): (ShadowRoot | Document)[] {
  const out: (ShadowRoot | Document)[] = [];
  const visit = (scope: ParentNode): void => {
    const doc = (scope as Node).ownerDocument ?? (scope as Document);
    const walker = doc.createTreeWalker(scope as Node, 1 /* SHOW_ELEMENT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n as Element;
      if (el.shadowRoot) {
        out.push(el.shadowRoot);
        visit(el.shadowRoot);
      }
      const frame = frameDocument(el);
      if (frame?.body) {
        out.push(frame);
        visit(frame.body);
      }
    }
  };
  visit(root);
  return out;
}
