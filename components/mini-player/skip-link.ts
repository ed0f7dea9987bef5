/**
 * "Skip to reading controls": the first Tab stop of the page while a reading is active (WCAG 2.4.1 Bypass Blocks,
 * https://www.w3.org/WAI/WCAG22/Understanding/bypass-blocks), since the player is appended last and would otherwise
 * be the page's last Tab stop (161 Tabs on a news page). Hidden until focused, like a site's own skip link; its
 * host is the first child of <body> so sequential focus reaches it first.
 */
import { i18n } from '../../utils/i18n/i18n';
import { createShadowHost } from '../../utils/dom/shadow-host';
import { trusted } from '../../utils/dom/trusted-event';
import { applyUiLanguage } from '../../utils/i18n/ui-language';

export const SKIP_LINK_TAG = 'vocalid-skip-link';

const CSS = `
a {
  position: fixed; inset-inline-start: 8px; top: 8px; z-index: 2147483647; padding: 10px 14px; border-radius: 8px;
  font: 16px/1.3 system-ui, sans-serif; color: #ffffff; background: #1a73e8; text-decoration: underline;
  transform: translateY(-200%);
}
a:focus { transform: none; outline: 3px solid #202124; outline-offset: 2px; }
@media (forced-colors: active) { a { border: 2px solid LinkText; } }
`;

export interface SkipLink {
  destroy(): void;
}

export function mountSkipLink(doc: Document, onActivate: () => void, mode: ShadowRootMode = 'closed'): SkipLink {
  const { host, root } = createShadowHost(doc, SKIP_LINK_TAG, { display: 'block' }, mode);
  // In the UI's language and direction (top right in Arabic), whatever the page's.
  applyUiLanguage(host);
  const style = doc.createElement('style');
  style.textContent = CSS;
  const link = doc.createElement('a');
  // A real link target keeps it in the Tab order (an <a> without href is not focusable); activation is ours.
  link.href = '#';
  link.textContent = i18n.t('player.skipLink');
  link.addEventListener(
    'click',
    trusted((e: MouseEvent) => {
      e.preventDefault();
      onActivate();
    }),
  );
  // In a landmark of its own: content outside every landmark is a finding of its own for screen-reader users
  // (axe "region"), and this link does not target an element id, which is how checkers recognise a skip link.
  const nav = doc.createElement('nav');
  nav.setAttribute('aria-label', i18n.t('player.skipLinkRegion'));
  nav.append(link);
  root.append(style, nav);
  const parent = doc.body ?? doc.documentElement;
  parent.insertBefore(host, parent.firstChild);
  return { destroy: () => host.remove() };
}
