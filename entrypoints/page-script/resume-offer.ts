/**
 * "Continue from '<first words>'": a small card offering to jump to where the user stopped reading this page
 * last time. Same isolation as the mini player: a host with inline `all: initial !important` and a shadow root,
 * so page styles cannot reach in; text goes in with textContent only.
 */
import { isolate } from '../../utils/text/bidi-isolate';
import { applyUiLanguage, uiDirection } from '../../utils/i18n/ui-language';
import { i18n } from '../../utils/i18n/i18n';
import { createShadowHost } from '../../utils/dom/shadow-host';
import { trusted } from '../../utils/dom/trusted-event';

export interface ResumeOfferOptions {
  document?: Document;
  key: string;
  firstWords: string;
  shadowMode?: ShadowRootMode;
  onAccept(): void;
  onDismiss(): void;
}

export interface ResumeOfferHandle {
  readonly key: string;
  readonly host: HTMLElement;
  destroy(): void;
}

export const RESUME_OFFER_TAG = 'vocalid-resume-offer';

const CSS = `
:host { all: initial; }
.card {
  box-sizing: border-box; display: flex; align-items: center; gap: 8px; padding: 8px 10px; max-width: min(480px, 90vw);
  font: 13px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202124; background: #ffffff;
  border: 1px solid #dadce0; border-radius: 12px; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.25);
}
.text { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
button {
  all: unset; box-sizing: border-box; padding: 6px 10px; border-radius: 8px; cursor: pointer; font: inherit;
  font-weight: 600; color: #1a73e8; white-space: nowrap;
}
button.primary { background: #1a73e8; color: #ffffff; }
button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
@media (forced-colors: active) { button { border: 1px solid ButtonText; } }
`;

/** At most this many characters of the stored words are shown. */
const MAX_SHOWN = 60;

export function offerText(firstWords: string): string {
  const words = firstWords.replace(/\s+/g, ' ').trim();
  const shown = words.length > MAX_SHOWN ? `${words.slice(0, MAX_SHOWN - 1).trimEnd()}…` : words;
  return i18n.t('player.resumeQuestion', { words: isolate(shown) });
}

export function showResumeOffer(options: ResumeOfferOptions): ResumeOfferHandle {
  const doc = options.document ?? document;
  const { host, root } = createShadowHost(
    doc,
    RESUME_OFFER_TAG,
    {
      position: 'fixed',
      'z-index': '2147483647',
      display: 'block',
      // The inline-start corner as the UI's language reads (bottom right in Arabic), opposite the player.
      [uiDirection() === 'rtl' ? 'right' : 'left']: '16px',
      bottom: '16px',
    },
    options.shadowMode,
  );
  applyUiLanguage(host);
  const style = doc.createElement('style');
  style.textContent = CSS;
  const card = doc.createElement('div');
  card.className = 'card';
  card.setAttribute('role', 'region');
  card.setAttribute('aria-label', i18n.t('player.resumeRegion'));
  const text = doc.createElement('span');
  text.className = 'text';
  text.textContent = offerText(options.firstWords);
  const accept = doc.createElement('button');
  accept.type = 'button';
  accept.className = 'primary';
  accept.textContent = i18n.t('player.resumeAccept');
  accept.dataset.action = 'continue';
  // Only the user's own click (trusted-event.ts): a page's script must not start or dismiss a reading.
  accept.addEventListener(
    'click',
    trusted(() => options.onAccept()),
  );
  const dismiss = doc.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = i18n.t('player.resumeDismiss');
  dismiss.dataset.action = 'dismiss';
  dismiss.addEventListener(
    'click',
    trusted(() => options.onDismiss()),
  );
  card.append(text, accept, dismiss);
  root.append(style, card);
  doc.documentElement.append(host);
  return {
    key: options.key,
    host,
    destroy: () => host.remove(),
  };
}
