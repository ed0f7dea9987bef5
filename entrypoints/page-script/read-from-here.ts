/**
 * Where the user wants reading to start, on a page the page script is already injected into:
 * - the element last right-clicked (for the "Read from here" context-menu item),
 * - Alt+click on a paragraph,
 * - a small play button beside the paragraph under the pointer (setting, off by default).
 * On a page the script was not yet injected into (there is no content script on every page), the element under
 * the pointer (`:hover`) when the menu item is clicked stands in for the right-clicked one.
 */
import { i18n } from '../../utils/i18n/i18n';
import { describeBlockContent } from '../../utils/page-text/block-text-map';
import { readStyle } from '../../utils/page-text/element-style';
import { createShadowHost } from '../../utils/dom/shadow-host';
import { composedTarget, containsFlat, flatParent } from '../../utils/page-text/shadow-traversal';
import { trusted } from '../../utils/dom/trusted-event';

export interface ReadFromHereOptions {
  document?: Document;
  /** The user chose `target` (Alt+click, paragraph button): start reading there. */
  onRead(target: Element): void;
  shadowMode?: ShadowRootMode;
}

export interface ReadFromHere {
  /** The chosen element for a read that starts now (consumed), or null when none is known. */
  takeTarget(): Element | null;
  setParagraphButtons(on: boolean): void;
  destroy(): void;
}

export const PARAGRAPH_BUTTON_TAG = 'vocalid-paragraph-play';

const LINKS_AND_FIELDS =
  'a[href], input, textarea, select, button, [contenteditable=""], [contenteditable="true"], summary, label';

/** The nearest ancestor that renders as a block and has text of its own: the "paragraph" under a point. */
export function paragraphOf(node: Node | null): Element | null {
  // Up the flat tree: a paragraph in an open shadow root or a same-origin frame is chosen where it is shown.
  for (let el = node && (node.nodeType === 1 ? (node as Element) : flatParent(node)); el; el = flatParent(el)) {
    if (el.localName === 'body' || el.localName === 'html') return null;
    if (readStyle(el, null).kind !== 'block') continue;
    if (!describeBlockContent(el).hasOwnText) continue;
    // Not the page's text: our own controls (the on-page player's shadow root) hang off <html>, outside <body>.
    const body = el.ownerDocument.body;
    return body && containsFlat(body, el) ? el : null;
  }
  return null;
}

/** The innermost element under the pointer, from the page's :hover chain. */
export function hoveredElement(doc: Document): Element | null {
  const chain = doc.querySelectorAll(':hover');
  return chain.length > 0 ? (chain[chain.length - 1] ?? null) : null;
}

export function createReadFromHere(options: ReadFromHereOptions): ReadFromHere {
  const doc = options.document ?? document;
  const win = doc.defaultView;
  let contextTarget: Element | null = null;
  let chosen: Element | null = null;
  let button: { host: HTMLElement; button: HTMLButtonElement; paragraph: Element | null } | null = null;
  let buttonsOn = false;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  // Every listener here answers the user's input only (trusted-event.ts): a page's script must not choose for them.
  const onContextMenu = trusted((e: Event): void => {
    contextTarget = composedTarget(e);
  });

  const onClick = trusted((e: MouseEvent): void => {
    if (!e.altKey || e.ctrlKey || e.metaKey || e.button !== 0) return;
    const target = composedTarget(e);
    // Alt+click on a link downloads it, and fields keep their own behaviour.
    if (!target || target.closest(LINKS_AND_FIELDS)) return;
    const paragraph = paragraphOf(target);
    if (!paragraph) return;
    e.preventDefault();
    e.stopPropagation();
    choose(paragraph);
  });

  function choose(paragraph: Element): void {
    chosen = paragraph;
    options.onRead(paragraph);
  }

  function ensureButton(): NonNullable<typeof button> {
    if (button) return button;
    const { host, root } = createShadowHost(
      doc,
      PARAGRAPH_BUTTON_TAG,
      { position: 'fixed', 'z-index': '2147483646', display: 'none', left: '0', top: '0' },
      options.shadowMode,
    );
    const style = doc.createElement('style');
    style.textContent = `:host{all:initial}
button{all:unset;box-sizing:border-box;width:24px;height:24px;border-radius:50%;display:flex;align-items:center;
justify-content:center;cursor:pointer;font:12px/1 system-ui,sans-serif;background:#1a73e8;color:#fff;
box-shadow:0 1px 4px rgba(0,0,0,.3)}
button:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}`;
    const b = doc.createElement('button');
    b.type = 'button';
    b.setAttribute('aria-label', i18n.t('player.readFromHereLabel'));
    b.title = i18n.t('player.readFromHereTitle');
    b.textContent = '▶';
    b.addEventListener(
      'click',
      trusted(() => {
        if (button?.paragraph) choose(button.paragraph);
      }),
    );
    root.append(style, b);
    doc.documentElement.append(host);
    button = { host, button: b, paragraph: null };
    return button;
  }

  const onPointerMove = trusted((e: PointerEvent): void => {
    if (!buttonsOn) return;
    const target = composedTarget(e);
    if (!target || (button && e.composedPath().includes(button.host))) return;
    const paragraph = paragraphOf(target);
    if (!paragraph) {
      if (button && hideTimer === undefined) hideTimer = setTimeout(hide, 600);
      return;
    }
    if (hideTimer !== undefined) clearTimeout(hideTimer);
    hideTimer = undefined;
    const b = ensureButton();
    if (b.paragraph === paragraph) return;
    b.paragraph = paragraph;
    const rect = paragraph.getBoundingClientRect();
    b.host.style.setProperty('left', `${Math.max(0, Math.round(rect.left - 30))}px`, 'important');
    b.host.style.setProperty('top', `${Math.max(0, Math.round(rect.top))}px`, 'important');
    b.host.style.setProperty('display', 'block', 'important');
  });

  const hide = (): void => {
    hideTimer = undefined;
    if (!button) return;
    button.paragraph = null;
    button.host.style.setProperty('display', 'none', 'important');
  };
  const onScroll = trusted(hide);

  doc.addEventListener('contextmenu', onContextMenu, { capture: true, passive: true });
  doc.addEventListener('click', onClick, { capture: true });
  doc.addEventListener('pointermove', onPointerMove, { capture: true, passive: true });
  win?.addEventListener('scroll', onScroll, { capture: true, passive: true });

  return {
    takeTarget() {
      const target = chosen ?? contextTarget ?? hoveredElement(doc);
      chosen = null;
      contextTarget = null;
      return target && target.isConnected ? target : null;
    },
    setParagraphButtons(on) {
      buttonsOn = on;
      if (!on) {
        button?.host.remove();
        button = null;
      }
    },
    destroy() {
      doc.removeEventListener('contextmenu', onContextMenu, { capture: true });
      doc.removeEventListener('click', onClick, { capture: true });
      doc.removeEventListener('pointermove', onPointerMove, { capture: true });
      win?.removeEventListener('scroll', onScroll, { capture: true });
      if (hideTimer !== undefined) clearTimeout(hideTimer);
      button?.host.remove();
      button = null;
    },
  };
}
