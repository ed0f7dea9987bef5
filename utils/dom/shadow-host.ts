// Our UI inside someone else's page: a custom element whose own styles are reset (`all: initial`) and set with
// !important, so the page's CSS can neither restyle nor move it, holding a shadow root the page's selectors and
// (closed, in release builds) scripts do not reach. The caller fills the root and attaches the host.

/**
 * Marks every host of ours: page reading skips them (in test builds their roots are open, and a later reading of the
 * same page would otherwise hear "Skip to reading controls" or the player's labels as page text).
 */
export const OWN_UI_ATTRIBUTE = 'data-vocalid-ui';

export interface ShadowHost {
  host: HTMLElement;
  root: ShadowRoot;
}

/** `style` is applied after the reset, in order; `mode` is 'open' only in test builds (Playwright, axe). */
export function createShadowHost(
  doc: Document,
  tag: string,
  style: Readonly<Record<string, string>>,
  mode: ShadowRootMode = 'closed',
): ShadowHost {
  const host = doc.createElement(tag);
  host.setAttribute(OWN_UI_ATTRIBUTE, '');
  // The reset first: `all` set after a longhand would undo it.
  host.style.setProperty('all', 'initial', 'important');
  for (const [k, v] of Object.entries(style)) host.style.setProperty(k, v, 'important');
  return { host, root: host.attachShadow({ mode }) };
}
