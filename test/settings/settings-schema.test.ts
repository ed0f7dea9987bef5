import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  SettingsValidationError,
  defaultSettings,
  migrateSettings,
  validateSettingsPatch,
} from '../../utils/settings/settings-schema';
import { FOLLOW_DEFAULTS } from '../../utils/settings/follow-fields';
import { READING_DEFAULTS } from '../../utils/settings/reading-fields';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('defaults', () => {
  it('release builds (no build constant) talk to vocalid.co with no demo client', () => {
    const d = defaultSettings();
    expect(d.baseUrl).toBe('https://vocalid.co');
    expect(d.clientId).toBe('');
    expect(d).toMatchObject({ sampleRate: 22050, pitch: 1, rate: 1, prefetchSeconds: 10, cacheCapMB: 200 });
    expect(d).not.toHaveProperty('schedulingMode');
  });

  it('dev and test builds use the local server and the demo client', () => {
    vi.stubGlobal('__BUILD_KIND__', 'test');
    vi.stubGlobal('__DEV_SERVER__', 'http://127.0.0.1:9999');
    expect(defaultSettings()).toMatchObject({
      baseUrl: 'http://127.0.0.1:9999',
      authMethod: 'client_credentials',
      clientId: 'demo-client',
    });
    expect(migrateSettings(undefined).baseUrl).toBe('http://127.0.0.1:9999');
  });

  it('release stays release even when the constant says so explicitly', () => {
    vi.stubGlobal('__BUILD_KIND__', 'release');
    vi.stubGlobal('__DEV_SERVER__', 'http://127.0.0.1:9999');
    expect(defaultSettings().baseUrl).toBe('https://vocalid.co');
  });
});

describe('migrateSettings', () => {
  it('returns defaults for nothing or garbage', () => {
    expect(migrateSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettings('settings')).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettings([1, 2])).toEqual(DEFAULT_SETTINGS);
  });

  it('migrates the unversioned prototype layout (v0)', () => {
    const legacy = {
      server: 'https://voices.example.org/',
      voice: 'tok-123',
      speed: 1.5,
      pitch: 0.8,
      pauseMs: 300,
      cacheMB: 50,
      prefetchChunks: 4,
    };
    expect(migrateSettings(legacy)).toEqual({
      ...DEFAULT_SETTINGS,
      version: SETTINGS_VERSION,
      baseUrl: 'https://voices.example.org',
      voiceToken: 'tok-123',
      rate: 1.5,
      pitch: 0.8,
      sentencePauseMs: 300,
      paragraphPauseMs: 600,
      cacheCapMB: 50,
      prefetchSeconds: 12,
    });
  });

  it('keeps every field of a valid v1 record', () => {
    const v1 = {
      version: 1,
      baseUrl: 'http://localhost:8787',
      authMethod: 'hmac',
      clientId: 'abc',
      scopes: ['voice:synthesis'],
      apiKey: 'key-1',
      voiceToken: 'tok',
      pitch: 2,
      rate: 0.5,
      sampleRate: 48000,
      sentencePauseMs: 100,
      paragraphPauseMs: 900,
      prefetchSeconds: 30,
      cacheCapMB: 500,
    };
    expect(migrateSettings({ ...v1, schedulingMode: 'naive' })).toEqual({
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

  it('repairs each invalid field to its default and keeps the valid ones', () => {
    const broken = {
      version: 1,
      baseUrl: 'http://evil.example.com', // plain http off loopback
      authMethod: 'password',
      pitch: 0,
      rate: 11,
      sampleRate: 22000,
      sentencePauseMs: -5,
      prefetchSeconds: 'ten',
      scopes: 'voice:list',
      schedulingMode: 'smart',
      voiceToken: 'keep-me',
      unknownField: true,
    };
    const repaired = migrateSettings(broken);
    // A speed above the range offered now is kept at the fastest step, not reset (speed-steps.ts clampSpeed).
    expect(repaired).toEqual({ ...DEFAULT_SETTINGS, voiceToken: 'keep-me', rate: 4 });
    expect(repaired).not.toHaveProperty('unknownField');
  });
});

describe('validateSettingsPatch', () => {
  it('accepts and cleans a valid patch', () => {
    expect(
      validateSettingsPatch({ pitch: 1.2, baseUrl: ' https://host.example/vocalid/ ', voiceToken: ' t ' }),
    ).toEqual({
      pitch: 1.2,
      baseUrl: 'https://host.example/vocalid',
      voiceToken: 't',
    });
  });

  it.each([
    [{ pitch: 0 }, 'pitch', /Pitch must be greater than 0 and at most 10/],
    [{ rate: 10.5 }, 'rate', /Rate must be between 0.5 and 4 \(got 10.5\)/],
    [{ rate: Number.NaN }, 'rate', /Rate must be a number/],
    [{ sampleRate: 12345 }, 'sampleRate', /Sample rate must be one of 8000/],
    [{ baseUrl: 'http://vocalid.co' }, 'baseUrl', /must use https/],
    [{ baseUrl: 'not a url' }, 'baseUrl', /not a valid URL/],
    [{ sentencePauseMs: 6000 }, 'sentencePauseMs', /between 0 and 5000/],
    [{ scopes: ['voice list'] }, 'scopes', /not a valid OAuth scope/],
    [{ colour: 'red' }, 'colour', /Unknown setting "colour"/],
    [{ version: 3 }, 'version', /cannot be changed/],
  ])('rejects %j with a clear message', (patch, field, message) => {
    try {
      validateSettingsPatch(patch);
      expect.unreachable('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(SettingsValidationError);
      expect((err as SettingsValidationError).field).toBe(field);
      expect((err as Error).message).toMatch(message);
    }
  });

  it('allows http only for loopback servers', () => {
    for (const url of ['http://127.0.0.1:8787', 'http://127.1.2.3', 'http://localhost:3000', 'http://[::1]:8787']) {
      expect(validateSettingsPatch({ baseUrl: url }).baseUrl).toBe(url);
    }
    expect(() => validateSettingsPatch({ baseUrl: 'http://128.0.0.1' })).toThrow(/https/);
    expect(() => validateSettingsPatch({ baseUrl: 'http://localhost.evil.com' })).toThrow(/https/);
  });

  it('rejects a non-object patch', () => {
    expect(() => validateSettingsPatch(null)).toThrow(/must be an object/);
  });
});
