import { afterEach, describe, expect, it } from 'vitest';
import { plural } from '../../utils/i18n/plural-message';
import { formatDuration } from '../../utils/i18n/locale-format';
import { applyUiLanguage, uiDirection, uiLanguage } from '../../utils/i18n/ui-language';
import { installLocale } from '../harness/locale-messages';

afterEach(() => installLocale('en'));

describe('plural', () => {
  it('picks the English one/other form and formats the count', () => {
    expect(plural('common.sentences', 1)).toBe('1 sentence');
    expect(plural('common.sentences', 1234)).toBe('1,234 sentences');
  });

  it('picks each of Arabic’s six forms by CLDR rules', async () => {
    await installLocale('ar');
    const forms = [0, 1, 2, 3, 11, 100].map((n) => plural('common.sentences', n));
    // Six different sentences: zero, one, two, few (3–10), many (11–99), other (100).
    expect(new Set(forms).size).toBe(6);
  });

  it('falls back to `other` in a language with a single form', async () => {
    await installLocale('ja');
    expect(plural('common.sentences', 1)).toBe(plural('common.sentences', 5).replace('5', '1'));
  });
});

describe('UI language', () => {
  it('takes language and direction from the messages shown', async () => {
    expect([uiLanguage(), uiDirection()]).toEqual(['en', 'ltr']);
    await installLocale('ar');
    expect([uiLanguage(), uiDirection()]).toEqual(['ar', 'rtl']);
    const element = { lang: '', dir: '' } as HTMLElement;
    applyUiLanguage(element);
    expect([element.lang, element.dir]).toEqual(['ar', 'rtl']);
  });

  it('says durations with the language’s own unit words', async () => {
    expect(formatDuration(36 * 60)).toBe('36 minutes');
    expect(formatDuration(60)).toBe('1 minute');
    await installLocale('de');
    expect(formatDuration(36 * 60)).toBe('36 Minuten');
  });
});
