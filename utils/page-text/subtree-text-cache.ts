/**
 * A node's `textContent`, computed once while its subtree is unchanged. Readability asks for the text of the same
 * big subtrees again and again (link density, comma counts, text density, "is it empty") while it also edits the
 * tree it parses, so a plain memo would go stale. Every change is seen by one MutationObserver on each tree a
 * cached node lives in (the document, or the root of a detached tree such as Readability's article `<div>`);
 * before each lookup the pending records are taken (`takeRecords()`, synchronous) and every node whose subtree a
 * record touched — the record's target and all its ancestors — is forgotten. Nodes removed from an observed tree
 * stay observed until the next microtask checkpoint (the DOM standard's transient registered observers,
 * https://dom.spec.whatwg.org/#transient-registered-observer), which outlasts a synchronous parse; the cache is
 * meant for one such parse and must be `dispose`d after it.
 */
const OBSERVE: MutationObserverInit = { childList: true, characterData: true, subtree: true };

interface Entry {
  text: string;
  /** The root of the tree the text was computed in: a node moved to another tree since is computed again. */
  root: Node;
  /** Forms of the text asked for (trimmed, spaces collapsed…), by the function that made them. */
  forms?: Map<(text: string) => string, string>;
}

export class SubtreeTextCache {
  private readonly entries = new Map<Node, Entry>();
  private readonly observed = new Set<Node>();
  private readonly observer: MutationObserver;

  constructor(view: { MutationObserver: typeof MutationObserver }) {
    this.observer = new view.MutationObserver(() => {
      // Delivery happens only after the parse (a microtask); the records were taken before each lookup.
    });
  }

  /**
   * `node.textContent` (never null: '' for a node without text), or `form` of it (a pure function of the text,
   * kept with it: the same function object finds it again).
   */
  text(node: Node, form?: (text: string) => string): string {
    this.forgetChanged();
    const root = node.getRootNode();
    if (!this.observed.has(root)) {
      this.observer.observe(root, OBSERVE);
      this.observed.add(root);
    }
    const entry = this.entry(node, root);
    if (!form) return entry.text;
    let made = entry.forms?.get(form);
    if (made === undefined) (entry.forms ??= new Map()).set(form, (made = form(entry.text)));
    return made;
  }

  /**
   * The entry of `node` in the tree `root` (observed). An element's text is its children's texts joined (the DOM
   * standard's descendant text content, https://dom.spec.whatwg.org/#concept-descendant-text-content: the data of
   * its Text descendants in tree order), each child's kept too: Readability asks for the text of an element and then
   * of its parent and grandparent (link density of each candidate: the article, its container, the body), and a
   * parent's text is then a join of texts already known instead of another native walk of the whole subtree.
   */
  private entry(node: Node, root: Node): Entry {
    const known = this.entries.get(node);
    if (known && known.root === root) return known;
    let text: string;
    if (node.nodeType === 1) {
      text = '';
      for (let child = node.firstChild; child; child = child.nextSibling) {
        const type = child.nodeType;
        // Text and CDATA sections are Text nodes; comments and processing instructions have no text content.
        if (type === 3 || type === 4) text += (child as CharacterData).data;
        else if (type === 1) text += child.firstChild ? this.entry(child, root).text : '';
      }
    } else {
      text = node.textContent ?? '';
    }
    const entry: Entry = { text, root };
    this.entries.set(node, entry);
    return entry;
  }

  /** Stops observing and forgets everything. */
  dispose(): void {
    this.observer.disconnect();
    this.entries.clear();
    this.observed.clear();
  }

  private forgetChanged(): void {
    const records = this.observer.takeRecords();
    if (records.length === 0 || this.entries.size === 0) return;
    // Ancestors shared by many records are walked once.
    const walked = new Set<Node>();
    for (const record of records) {
      for (let n: Node | null = record.target; n && !walked.has(n); n = n.parentNode) {
        walked.add(n);
        this.entries.delete(n);
      }
    }
  }
}
