import { i18n } from './i18n';

export type TextDirection = 'ltr' | 'rtl';

/**
 * The language of the messages being shown, as a BCP 47 tag. Not `i18n.getUILanguage()`: that is the browser's
 * language, and a browser in a language we do not ship shows the English messages, which must then be marked `en`.
 */
export function uiLanguage(): string {
  return i18n.t('meta.languageTag') || 'en';
}

export function uiDirection(): TextDirection {
  return i18n.t('meta.direction') === 'rtl' ? 'rtl' : 'ltr';
}

/** Marks an extension page (or the page player's shadow host) with the messages' language and direction. */
export function applyUiLanguage(element: HTMLElement): void {
  element.lang = uiLanguage();
  element.dir = uiDirection();
}
