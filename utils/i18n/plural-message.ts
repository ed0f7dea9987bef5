import { browser } from 'wxt/browser';
import { i18n, type GeneratedI18nStructure } from './i18n';
import { formatNumber } from './locale-format';
import { uiLanguage } from './ui-language';

type MessageKey = keyof GeneratedI18nStructure;
/** Groups in the messages files keyed by CLDR plural category; `other` is the one every language has. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Group}.other` ? Group : never }[MessageKey];

/**
 * A counted message in the UI language's plural form. @wxt-dev/i18n's own plurals know only 0 / 1 / n, which
 * cannot say Arabic's six forms, so the form is picked with Intl.PluralRules (CLDR) and read by its key.
 * `{count}` is the number formatted for the language.
 */
export function plural(group: PluralKey, count: number, substitutions: Record<string, string | number> = {}): string {
  const language = uiLanguage();
  const category = new Intl.PluralRules(language).select(count);
  const specific = `${group}.${category}`;
  // getMessage answers '' for a key the language does not define (i18n.t would also log a warning).
  const key = (
    (browser.i18n.getMessage as (name: string) => string)(specific.replaceAll('.', '_')) ? specific : `${group}.other`
  ) as MessageKey;
  return (i18n.t as (key: MessageKey, named: Record<string, string | number>) => string)(key, {
    ...substitutions,
    count: formatNumber(count),
  });
}
