// @vitest-environment happy-dom
// The Options sections for reading and display, presets, privacy and transfer speak the UI language: with the
// Arabic messages installed, their headings, sentences with an element inside, counted messages and the errors
// they show come out in Arabic (the other tests run in English, as the extension does in an English browser).
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PresetsSection } from '../../components/options/PresetsSection';
import { PrivacySection } from '../../components/options/PrivacySection';
import { ReadingDisplaySection } from '../../components/options/ReadingDisplaySection';
import { NUMBER_FIELDS, parseNumberDraft } from '../../components/options/reading-fields';
import { parseImport } from '../../utils/settings/settings-transfer';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/settings/settings-schema';
import { installLocale } from '../harness/locale-messages';
import { waitFor } from '../harness/wait';

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

beforeEach(async () => {
  fakeBrowser.reset();
  await installLocale('ar');
});

afterEach(async () => {
  render(null, document.body);
  await installLocale('en');
});

describe('Options sections in Arabic', () => {
  it('Reading and display: heading, the preview sentence around its highlighted word, and number hints', () => {
    render(<ReadingDisplaySection settings={settings({ highlightGranularity: 'word' })} />, document.body);
    expect(document.querySelector('h2')?.textContent).toBe('القراءة والعرض');
    const sentence = document.querySelector('[data-testid="preview-sentence"]');
    // One message, cut where the highlighted word goes: the word stays inside the sentence, in its Arabic place.
    expect(sentence?.textContent).toBe('تُقرأ هذه الجملة بصوت عالٍ كلمةً بكلمة.');
    expect(document.querySelector('[data-testid="preview-word"]')?.textContent).toBe('كلمةً');
    expect(document.querySelector('label[for="reading-sentence-color"]')?.textContent).toBe('لون تمييز الجملة');
    // Read when shown, not when the module loaded (in English, before this test switched language).
    expect(NUMBER_FIELDS.sentencePauseMs.label).toBe('الوقفة الافتراضية بعد كل جملة (مللي ثانية)');
    expect(NUMBER_FIELDS.sentencePauseMs.hint).toMatch(/من 0 إلى 5000\.$/);
    const refused = parseNumberDraft('pitch', '');
    expect(!refused.ok && refused.message).toBe('طبقة الصوت الافتراضية: أدخل رقمًا أكبر من 0 وبحد أقصى 10.');
  });

  it('Privacy: the statement keeps the server in bold inside the Arabic sentence; an empty cache takes the zero form', async () => {
    render(<PrivacySection settings={settings({ baseUrl: 'http://127.0.0.1:9/' })} />, document.body);
    expect(document.querySelector('h2')?.textContent).toBe('الخصوصية');
    const statement = document.querySelector('[data-testid="privacy-statement"]');
    expect(statement?.querySelector('strong')?.textContent).toBe('http://127.0.0.1:9');
    expect(statement?.textContent).toMatch(
      /^عندما تطلب قراءة صفحة، .* إلى خادم VocaliD على http:\/\/127\.0\.0\.1:9، مع /,
    );
    const usage = () => document.querySelector('[data-testid="cache-usage"]')?.textContent ?? '';
    await waitFor(async () => usage().includes('بلا أي مقطع صوتي'), 5_000, 'the cache usage in Arabic');
    expect(usage()).toMatch(/\(الحد .+\)\.$/);
  });

  it('Presets: buttons named in Arabic around the preset name, values in the summary', () => {
    const preset = {
      id: 'p-1',
      name: 'بطيء',
      voiceToken: '',
      pitch: 1.5,
      rate: 0.75,
      sentencePauseMs: 400,
      paragraphPauseMs: 900,
    };
    render(<PresetsSection settings={settings({ presets: [preset] })} voices={[]} />, document.body);
    expect(document.querySelector('h3')?.textContent).toBe('صوت أو سرعة مختلفة لبعض المواقع');
    const names = [...document.querySelectorAll('[data-testid="preset-list"] button')].map((b) =>
      b.getAttribute('aria-label'),
    );
    expect(names).toEqual(['تعديل الإعداد المسبق بطيء', 'حذف الإعداد المسبق بطيء']);
    expect(document.querySelector('[data-testid="preset-list"] li')?.textContent).toMatch(/الصوت الافتراضي/);
  });

  it('Transfer: a file that is not an export is refused in Arabic, saying nothing changed', () => {
    expect(() => parseImport('not json')).toThrow('هذا الملف ليس تصديرًا للإعدادات (ليس بتنسيق JSON). لم يتغير شيء.');
  });
});
