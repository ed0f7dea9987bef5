import { i18n, type GeneratedI18nStructure } from './i18n';

type MessageKey = keyof GeneratedI18nStructure;
const translate = i18n.t as (key: MessageKey) => string;

/** Attributes that may be localised by `data-i18n-<attribute>="<key>"`. */
const ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt'] as const;

/**
 * Fills a static page's text from the messages files: `data-i18n="<key>"` sets the element's text (as its first
 * text, before any child elements such as a label's input), `data-i18n-aria-label="<key>"` etc. set attributes.
 * Static HTML cannot call i18n itself, and Chrome substitutes `__MSG_…__` only in the manifest and CSS.
 */
export function localizeDocument(root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const text = translate(element.dataset.i18n as MessageKey);
    const first = element.firstChild;
    if (first?.nodeType === Node.TEXT_NODE) first.textContent = text;
    else element.insertBefore(document.createTextNode(text), first);
  }
  for (const attribute of ATTRIBUTES) {
    for (const element of root.querySelectorAll<HTMLElement>(`[data-i18n-${attribute}]`)) {
      element.setAttribute(attribute, translate(element.getAttribute(`data-i18n-${attribute}`) as MessageKey));
    }
  }
}
