/**
 * Keeps the text being read on screen: when the current sentence leaves a comfortable band of the viewport, it is
 * scrolled back to about a third from the top. After the user scrolls (wheel, touch, keyboard, scrollbar, or any
 * scroll this module did not start) following pauses for a few seconds, so reading ahead or back is not fought.
 * Smooth scrolling only when the user has not asked for reduced motion
 * (https://www.w3.org/TR/mediaqueries-5/#prefers-reduced-motion).
 */
import { trusted } from '../dom/trusted-event';

export interface AutoScrollerOptions {
  window?: Window;
  /** The comfortable band, as fractions of the viewport height. */
  band?: { top: number; bottom: number };
  /** Where the top of the text is put when scrolling, as a fraction of the viewport height. */
  anchor?: number;
  /** How long to stop following after a user scroll. */
  backoffMs?: number;
  now?: () => number;
}

export interface AutoScroller {
  /** Scrolls `target` into the band unless it is already there or the user scrolled recently. True if it scrolled. */
  follow(target: Range | Element): boolean;
  /** True while following is paused after a user scroll. */
  isBackingOff(): boolean;
  destroy(): void;
}

/** Keys that scroll the page when focus is not in an editable field. */
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ', 'Spacebar']);

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return (
    el.isContentEditable || !!el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')
  );
}

function scrollContainerOf(node: Node, win: Window): Element | null {
  const doc = win.document;
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (el === doc.body || el === doc.documentElement) return null;
    const { overflowY } = win.getComputedStyle(el);
    if (
      (overflowY === 'auto' || overflowY === 'scroll' || overflowY === 'overlay') &&
      el.scrollHeight > el.clientHeight
    ) {
      return el;
    }
  }
  return null;
}

export function createAutoScroller(options: AutoScrollerOptions = {}): AutoScroller {
  const win = options.window ?? window;
  const band = options.band ?? { top: 0.12, bottom: 0.78 };
  const anchor = options.anchor ?? 0.3;
  const backoffMs = options.backoffMs ?? 3000;
  const now = options.now ?? (() => Date.now());
  let userScrolledAt = -Infinity;
  /** Until when scroll events are ours (a smooth scroll takes a while to settle). */
  let ownScrollUntil = -Infinity;

  const userScrolled = (): void => {
    userScrolledAt = now();
  };
  const onKey = (e: Event): void => {
    const k = e as KeyboardEvent;
    if (SCROLL_KEYS.has(k.key) && !isEditable(k.target)) userScrolled();
  };
  const onPointerDown = (e: Event): void => {
    // A press on the viewport's scrollbar targets the root element (or a scroll container itself), not content.
    const t = e.target as Element | null;
    if (t === win.document.documentElement || t === win.document.scrollingElement) userScrolled();
  };
  const onScroll = (): void => {
    if (now() > ownScrollUntil) userScrolled();
  };
  const onScrollEnd = (): void => {
    if (now() <= ownScrollUntil) ownScrollUntil = now() + 50; // our scroll settled; late events still ours
  };

  const listeners: [string, (e: Event) => void][] = [
    ['wheel', userScrolled],
    ['touchmove', userScrolled],
    ['keydown', onKey],
    ['pointerdown', onPointerDown],
    ['scroll', onScroll],
    ['scrollend', onScrollEnd],
  ];
  // The page's own script must not hold off (or resume) following with synthetic input (utils/page/trusted-event.ts).
  for (const entry of listeners) entry[1] = trusted(entry[1]);
  for (const [type, fn] of listeners) win.addEventListener(type, fn, { capture: true, passive: true });

  const reducedMotion = (): boolean =>
    typeof win.matchMedia === 'function' && win.matchMedia('(prefers-reduced-motion: reduce)').matches;

  return {
    isBackingOff: () => now() - userScrolledAt < backoffMs,
    follow(target) {
      if (now() - userScrolledAt < backoffMs) return false;
      const rect = target.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) return false; // not rendered
      const container = scrollContainerOf(target instanceof Element ? target : target.startContainer, win);
      const view = container
        ? container.getBoundingClientRect()
        : { top: 0, height: win.innerHeight || win.document.documentElement.clientHeight };
      const top = rect.top - view.top;
      const bottom = rect.bottom - view.top;
      const bandTop = band.top * view.height;
      const bandBottom = band.bottom * view.height;
      // A sentence taller than the band is comfortable while its first line is inside it.
      const tall = rect.height > bandBottom - bandTop;
      const inBand = top >= bandTop && (tall ? top <= bandBottom : bottom <= bandBottom);
      if (inBand) return false;
      const smooth = !reducedMotion();
      const behavior: ScrollBehavior = smooth ? 'smooth' : 'auto';
      ownScrollUntil = now() + (smooth ? 1500 : 200);
      const delta = top - anchor * view.height;
      if (container) container.scrollBy({ top: delta, behavior });
      else win.scrollBy({ top: delta, behavior });
      return true;
    },
    destroy() {
      for (const [type, fn] of listeners) win.removeEventListener(type, fn, { capture: true });
    },
  };
}
