/**
 * Puts the mini player on the page: a host element with `all: initial` (inline, !important) and a shadow root
 * holding the Preact tree and its styles, so page CSS does not reach in and ours does not leak out.
 * Props/state in (`update`), callbacks out (`onAction`); the lead wires these to the background protocol.
 */
import { render } from 'preact';
import { createShadowHost } from '../../utils/dom/shadow-host';
import { MiniPlayer } from './MiniPlayer';
import { MINI_PLAYER_CSS } from './mini-player-styles';
import { avoidPlacement, clampToViewport, EDGE_MARGIN } from './placement';
import type { MiniPlayerAction, MiniPlayerState, Rect } from './mini-player-types';
import { mountSkipLink } from './skip-link';
import { applyUiLanguage, uiDirection } from '../../utils/i18n/ui-language';
import type { SliderSeek } from '../../utils/reading/seek-target';

export interface MountMiniPlayerOptions {
  onAction(action: MiniPlayerAction): void;
  document?: Document;
  /** 'closed' on real pages (page scripts cannot reach in); tests may use 'open'. */
  shadowMode?: ShadowRootMode;
  initialState?: MiniPlayerState;
  onSeek?(target: SliderSeek): void;
  onVolume?(volume: number): void;
  /** command name → its keys, for aria-keyshortcuts (asked of the worker: pages cannot call commands.getAll). */
  loadShortcuts?(): Promise<Record<string, string>>;
}

export interface MiniPlayerHandle {
  update(state: MiniPlayerState): void;
  /** The sentence being read, in viewport coordinates: the player moves away if it covers it. null: nothing. */
  setAvoidRect(rect: Rect | null): void;
  /** Keyboard focus to the play/pause button (the focus-player command and the skip link). */
  focus(): void;
  destroy(): void;
  /** For tests and the lead's e2e checks. */
  readonly host: HTMLElement;
  readonly shadowRoot: ShadowRoot;
}

export const MINI_PLAYER_TAG = 'vocalid-mini-player';

const IDLE: MiniPlayerState = { status: 'idle', index: 0, total: 0, rate: 1, remainingMs: 0 };

/** Styles the shadow root: a constructed sheet where possible (not subject to the page's CSP style-src), else <style>. */
function applyStyles(root: ShadowRoot, doc: Document): void {
  const Sheet = doc.defaultView?.CSSStyleSheet;
  try {
    if (Sheet && 'adoptedStyleSheets' in root) {
      const sheet = new Sheet();
      sheet.replaceSync(MINI_PLAYER_CSS);
      root.adoptedStyleSheets = [sheet];
      return;
    }
  } catch {
    // Firefox content scripts may refuse sheets from the extension's compartment: use an element instead.
  }
  const style = doc.createElement('style');
  style.textContent = MINI_PLAYER_CSS;
  root.append(style);
}

export function mountMiniPlayer(options: MountMiniPlayerOptions): MiniPlayerHandle {
  const doc = options.document ?? document;
  const win = doc.defaultView;
  const { host, root } = createShadowHost(
    doc,
    MINI_PLAYER_TAG,
    {
      position: 'fixed',
      'z-index': '2147483647',
      display: 'block',
      // The inline-end corner as the UI's language reads (bottom left in Arabic). Physical, as moveTo below sets
      // explicit left/top and clears right: a logical inset mixed in would be a second name for the same side.
      [uiDirection() === 'rtl' ? 'left' : 'right']: `${EDGE_MARGIN}px`,
      bottom: `${EDGE_MARGIN}px`,
    },
    options.shadowMode,
  );
  // The player speaks the UI's language whatever the page's own: dir=rtl lang=ar in Arabic, on an English page too.
  applyUiLanguage(host);
  applyStyles(root, doc);
  const mount = doc.createElement('div');
  root.append(mount);
  doc.documentElement.append(host);

  let state = options.initialState ?? IDLE;
  let destroyed = false;
  let shortcuts: Record<string, string> = {};
  let avoid: Rect | null = null;

  const viewport = (): { width: number; height: number } => ({
    width: win?.innerWidth || doc.documentElement.clientWidth,
    height: win?.innerHeight || doc.documentElement.clientHeight,
  });

  /** Switch from the initial right/bottom anchoring to explicit left/top. */
  const moveTo = (left: number, top: number): void => {
    const r = host.getBoundingClientRect();
    const pos = clampToViewport({ left, top }, { width: r.width, height: r.height }, viewport());
    host.style.setProperty('right', 'auto', 'important');
    host.style.setProperty('bottom', 'auto', 'important');
    host.style.setProperty('left', `${pos.left}px`, 'important');
    host.style.setProperty('top', `${pos.top}px`, 'important');
  };

  const onMoveBy = (dx: number, dy: number): void => {
    const r = host.getBoundingClientRect();
    moveTo(r.left + dx, r.top + dy);
  };

  const draw = (): void => {
    if (destroyed) return;
    render(
      <MiniPlayer
        state={state}
        onAction={options.onAction}
        onMoveBy={onMoveBy}
        shortcuts={shortcuts}
        {...(options.onSeek ? { onSeek: options.onSeek } : {})}
        {...(options.onVolume ? { onVolume: options.onVolume } : {})}
      />,
      mount,
    );
  };
  draw();
  void options
    .loadShortcuts?.()
    .then((keys) => {
      shortcuts = keys;
      draw();
    })
    .catch(() => undefined);

  const focus = (): void => {
    // Play/pause (the control most wanted), else the error's action, else whatever the player shows first.
    const target = ['[data-action="toggle"]', '[data-action="error-action"]', 'button']
      .map((selector) => root.querySelector<HTMLElement>(selector))
      .find((el) => el !== null);
    target?.focus();
  };
  const skipLink = mountSkipLink(doc, focus, options.shadowMode);

  /** Keep the player inside the viewport and off the sentence (after a resize or zoom, e.g. to 320 px). */
  const place = (): void => {
    const r = host.getBoundingClientRect();
    const player = { left: r.left, top: r.top, width: r.width, height: r.height };
    const pos = (avoid && avoidPlacement(player, avoid, viewport())) ?? clampToViewport(player, player, viewport());
    if (pos.left !== Math.round(r.left) || pos.top !== Math.round(r.top)) moveTo(pos.left, pos.top);
  };
  win?.addEventListener('resize', place);

  return {
    host,
    shadowRoot: root,
    update(next) {
      state = next;
      draw();
    },
    setAvoidRect(rect) {
      if (!rect || destroyed) return;
      avoid = rect;
      const r = host.getBoundingClientRect();
      const player = { left: r.left, top: r.top, width: r.width, height: r.height };
      const pos = avoidPlacement(player, rect, viewport());
      if (pos) moveTo(pos.left, pos.top);
    },
    focus,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      win?.removeEventListener('resize', place);
      skipLink.destroy();
      render(null, mount);
      host.remove();
    },
  };
}
