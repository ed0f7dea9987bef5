import { describe, expect, it } from 'vitest';
import { chromeMessages, shippedLanguages, type ChromeMessages } from '../harness/locale-messages';

const PLURAL_CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
const named = (text: string) => [...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]).sort();
const positional = (text: string) => [...text.matchAll(/(?<!\$)\$([1-9])/g)].map((m) => m[1]).sort();

/** Splits message keys into plain ones and plural groups (keys `<group>_<category>` where `<group>_other` exists). */
function shape(messages: ChromeMessages) {
  const groups = new Map<string, Map<string, string>>();
  const plain = new Map<string, string>();
  for (const [key, { message }] of Object.entries(messages)) {
    const cut = key.lastIndexOf('_');
    const group = key.slice(0, cut);
    const category = key.slice(cut + 1);
    if (PLURAL_CATEGORIES.has(category) && messages[`${group}_other`]) {
      if (!groups.has(group)) groups.set(group, new Map());
      groups.get(group)!.set(category, message);
    } else plain.set(key, message);
  }
  return { groups, plain };
}

const languages = shippedLanguages();
const english = shape(await chromeMessages('en'));

describe('locale files', () => {
  it('ship the six UI languages', () => {
    expect(languages).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ja']);
  });

  describe.each(languages.filter((l) => l !== 'en'))('%s', async (language) => {
    const own = shape(await chromeMessages(language));
    const tag = own.plain.get('meta_languageTag') ?? '';

    it('names its own language', () => {
      expect(tag).toBe(language);
    });

    it('has every English message and no other', () => {
      expect([...own.plain.keys()].sort()).toEqual([...english.plain.keys()].sort());
      expect([...own.groups.keys()].sort()).toEqual([...english.groups.keys()].sort());
    });

    it('keeps the substitutions of each message', () => {
      for (const [key, text] of english.plain) {
        const translated = own.plain.get(key) ?? '';
        expect([key, named(translated)]).toEqual([key, named(text)]);
        expect([key, positional(translated)]).toEqual([key, positional(text)]);
      }
    });

    it('gives each counted message every plural form its language uses, and only those', () => {
      const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories.map(String).sort();
      for (const [group, forms] of own.groups) {
        expect([group, [...forms.keys()].sort()]).toEqual([group, categories]);
        const allowed = new Set([...english.groups.get(group)!.values()].flatMap(named));
        for (const form of forms.values())
          for (const name of named(form)) expect([group, allowed.has(name)]).toEqual([group, true]);
      }
    });

    it('is translated, not copied from English', () => {
      const same = [...english.plain].filter(([key, text]) => !key.startsWith('meta_') && own.plain.get(key) === text);
      // Only names and codes may stay as they are (a brand, "OAuth2", "HMAC").
      expect(same.length / english.plain.size).toBeLessThan(0.1);
    });
  });

  it('English gives each counted message its one and other forms', () => {
    for (const [group, forms] of english.groups)
      expect([group, [...forms.keys()].sort()]).toEqual([group, ['one', 'other']]);
  });
});
