// @vitest-environment happy-dom
// Options states how much speech the cache's limit holds: as WAV where this browser has no Opus encoder, as Opus
// (issue 18's target: at least 3 minutes of speech per MB) where it has one; a counted message in the UI language.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PrivacySection } from '../../components/options/PrivacySection';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/settings/settings-schema';
import { installLocale } from '../harness/locale-messages';
import { waitFor } from '../harness/wait';

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });
const capacity = () => document.querySelector('[data-testid="cache-capacity"]')?.textContent ?? '';

/** A browser whose WebCodecs takes the Opus configuration (only the feature test is asked here). */
function stubOpusSupport(): void {
  const supported = { isConfigSupported: () => Promise.resolve({ supported: true }) };
  vi.stubGlobal('AudioEncoder', supported);
  vi.stubGlobal('AudioDecoder', supported);
}

beforeEach(() => fakeBrowser.reset());

afterEach(async () => {
  render(null, document.body);
  vi.unstubAllGlobals();
  await installLocale('en');
});

describe('the cache limit in minutes of speech', () => {
  it('without an Opus encoder: what the limit holds as 16-bit mono WAV at the voice rate', async () => {
    render(<PrivacySection settings={settings({ cacheCapMB: 200, sampleRate: 22050 })} />, document.body);
    // 200 MiB / (22 050 samples/s × 2 bytes × 60 s) = 79.3 minutes.
    await waitFor(async () => capacity().includes('79'), 5_000, 'the WAV capacity');
    expect(capacity()).toBe('The 200 MB limit holds about 79 minutes of speech.');
  });

  it('with an Opus encoder: at least 3 minutes of speech per MB, numbers grouped', async () => {
    stubOpusSupport();
    render(<PrivacySection settings={settings({ cacheCapMB: 200 })} />, document.body);
    await waitFor(async () => !capacity().includes(' 79 '), 5_000, 'the Opus capacity');
    const minutes = Number(/about ([\d,.]+) minutes/.exec(capacity())?.[1]?.replaceAll(',', ''));
    expect(minutes).toBeGreaterThanOrEqual(3 * 200);
    expect(capacity()).toMatch(/^The 200 MB limit holds about \d{1,3}(,\d{3})* minutes of speech\.$/);
  });

  it('in Arabic: the counted form', { timeout: 20_000 }, async () => {
    stubOpusSupport();
    await installLocale('ar');
    render(<PrivacySection settings={settings({ cacheCapMB: 10 })} />, document.body);
    await waitFor(async () => capacity().startsWith('يتسع'), 5_000, 'the capacity in Arabic');
    // Tens of minutes take the "many" form (CLDR: 11–99), singular noun after the number.
    // Digits as Intl gives them for Arabic (Latin or Arabic-Indic, depending on the ICU data).
    expect(capacity()).toMatch(/^يتسع الحد .+ لنحو [0-9٠-٩]{2} دقيقة من الكلام\.$/);
  });
});
