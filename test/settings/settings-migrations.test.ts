// One stored fixture per settings version, each migrated to the current version.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FOLLOW_DEFAULTS } from '../../utils/settings/follow-fields';
import { READING_DEFAULTS } from '../../utils/settings/reading-fields';
import { migrateSettings, SETTINGS_VERSION, validateSettingsPatch } from '../../utils/settings/settings-schema';

const fixture = (v: number) =>
  JSON.parse(readFileSync(path.join(__dirname, 'fixtures', `settings-v${v}.json`), 'utf8')) as Record<string, unknown>;

afterEach(() => vi.unstubAllGlobals());

describe('settings migrations, one fixture per version', () => {
  it('the current version is 3', () => {
    expect(SETTINGS_VERSION).toBe(3);
  });

  it('v0 (prototype layout) keeps its values and gains empty presets and privacy answers', () => {
    const s = migrateSettings(fixture(0));
    expect(s).toMatchObject({
      version: 3,
      baseUrl: 'https://voices.example.org',
      voiceToken: 'tok-123',
      rate: 1.5,
      pitch: 0.8,
      sentencePauseMs: 300,
      cacheCapMB: 50,
      prefetchSeconds: 12,
    });
    expect(s).toMatchObject({ presets: [], sitePresets: {}, siteConsent: {}, denyList: [] });
  });

  it('v1 keeps every field but the scheduling mode and gains the v2 fields', () => {
    const { schedulingMode: _dropped, ...v1 } = fixture(1);
    const s = migrateSettings(fixture(1));
    expect(s).toEqual({
      ...v1,
      ...FOLLOW_DEFAULTS,
      ...READING_DEFAULTS,
      version: 3,
      presets: [],
      sitePresets: {},
      siteConsent: {},
      denyList: [],
    });
  });

  it('v1 in a dev/test build gets the loopback pre-allowance, which a release build never has', () => {
    vi.stubGlobal('__BUILD_KIND__', 'test');
    expect(migrateSettings(fixture(1)).siteConsent).toEqual({
      'http://127.0.0.1': 'always',
      'http://localhost': 'always',
    });
    vi.stubGlobal('__BUILD_KIND__', 'release');
    expect(migrateSettings(fixture(1)).siteConsent).toEqual({});
  });

  it('v2 loses only the scheduling mode (the benchmark baseline is no longer a setting)', () => {
    // Fields added to version 2 after this fixture was written (page-follow and reading options) take their defaults.
    const { schedulingMode, ...rest } = fixture(2);
    expect(schedulingMode).toBe('smart');
    const s = migrateSettings(fixture(2));
    expect(s).toEqual({ ...FOLLOW_DEFAULTS, ...READING_DEFAULTS, ...rest, version: 3 });
    expect(s).not.toHaveProperty('schedulingMode');
  });

  it('a valid v3 record is kept as it is', () => {
    expect(migrateSettings(fixture(3))).toEqual({ ...FOLLOW_DEFAULTS, ...READING_DEFAULTS, ...fixture(3) });
  });

  it('the scheduling mode cannot be set any more', () => {
    expect(() => validateSettingsPatch({ schedulingMode: 'naive' })).toThrow(/Unknown setting "schedulingMode"/);
  });

  it('an invalid v2 preset list is replaced by the default and the rest kept', () => {
    const broken = {
      ...fixture(2),
      presets: [{ id: 'x', name: '', pitch: 1, rate: 1, sentencePauseMs: 0, paragraphPauseMs: 0 }],
    };
    const s = migrateSettings(broken);
    expect(s.presets).toEqual([]);
    expect(s.sitePresets).toEqual({ 'news.example.com': 'slow' });
    expect(s.voiceToken).toBe('tok-a');
  });
});

describe('v2 field checks', () => {
  it('normalises host names typed as addresses', () => {
    expect(
      validateSettingsPatch({ denyList: ['https://Bank.Example/login', '*.mail.example.', 'bank.example'] }).denyList,
    ).toEqual(['bank.example', 'mail.example']);
    expect(validateSettingsPatch({ sitePresets: { 'https://WWW.News.Example.com/a': 'slow' } }).sitePresets).toEqual({
      'www.news.example.com': 'slow',
    });
  });

  it.each([
    [{ denyList: ['not a host!'] }, /not a valid site name/],
    [{ siteConsent: { 'https://a.example': 'sometimes' } }, /must be "always" or "never"/],
    [{ siteConsent: { 'a.example': 'always' } }, /is not a site address/],
    [
      { presets: [{ id: 'a', name: 'A', pitch: 11, rate: 1, sentencePauseMs: 0, paragraphPauseMs: 0 }] },
      /Pitch of preset "A" must be greater than 0 and at most 10/,
    ],
    [
      {
        presets: [
          { id: 'a', name: 'A', pitch: 1, rate: 1, sentencePauseMs: 0, paragraphPauseMs: 0 },
          { id: 'a', name: 'B', pitch: 1, rate: 1, sentencePauseMs: 0, paragraphPauseMs: 0 },
        ],
      },
      /share the id "a"/,
    ],
  ])('rejects %j', (patch, message) => {
    expect(() => validateSettingsPatch(patch)).toThrow(message);
  });
});
