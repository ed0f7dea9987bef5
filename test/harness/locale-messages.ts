import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { repoRoot } from './paths';

export const LOCALES_DIR = join(repoRoot, 'locales');

/** The languages shipped: one messages file each in locales/. */
export function shippedLanguages(): string[] {
  return readdirSync(LOCALES_DIR)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => f.replace(/\.yml$/, ''))
    .sort();
}

export type ChromeMessages = Record<string, { message: string }>;

/** A language's messages as the browser gets them (`_locales/<lang>/messages.json`, built by @wxt-dev/i18n). */
export async function chromeMessages(language: string): Promise<ChromeMessages> {
  return generateChromeMessages(await parseMessagesFile(join(LOCALES_DIR, `${language}.yml`))) as ChromeMessages;
}

/**
 * Gives fakeBrowser a working `i18n` in one language, with chrome.i18n's rules: `$1`…`$9` positional substitutions,
 * `$$` for a dollar sign, '' for an unknown key, English for a key the language lacks (default_locale fallback).
 */
export async function installLocale(language: string): Promise<void> {
  const fallback = await chromeMessages('en');
  const messages = language === 'en' ? fallback : await chromeMessages(language);
  const direction = (messages.meta_direction ?? fallback.meta_direction)?.message ?? 'ltr';
  fakeBrowser.i18n.getMessage = ((name: string, substitutions?: string | string[]) => {
    if (name === '@@bidi_dir') return direction;
    if (name === '@@ui_locale') return language;
    const text = (messages[name] ?? fallback[name])?.message;
    if (text === undefined) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return text.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
  }) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => language;
}
