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
    let entry = this.entries.get(node);
    if (!entry || entry.root !== root) {
      if (!this.observed.has(root)) {
        this.observer.observe(root, OBSERVE);
        this.observed.add(root);
      }
      entry = { text: node.textContent ?? '', root };
      this.entries.set(node, entry);
    }
    if (!form) return entry.text;
    let made = entry.forms?.get(form);
    if (made === undefined) (entry.forms ??= new Map()).set(form, (made = form(entry.text)));
    return made;
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
