import { i18n } from '../i18n/i18n';
import { formatNumber } from '../i18n/locale-format';
import { InvalidServerUrlError, parseServerUrl } from '../vocalid/base-url';
import { demoClientId, devServerUrl, isDevBuild } from './build-kind';
import { clampSpeed } from './speed-steps';
import { LIMITS } from './limits';
import {
  booleanCheck,
  checkGranularity,
  checkVolume,
  colorCheck,
  FOLLOW_DEFAULTS,
  type FollowFields,
} from './follow-fields';
import { checkPresets, checkSitePresets, type Preset } from './preset-fields';
import { checkCodeBlocks, READING_DEFAULTS, readingBooleanCheck, type ReadingFields } from './reading-fields';
import { checkDenyList, checkSiteConsent, type SiteDecision } from './privacy-fields';
import { SettingsValidationError } from './settings-error';

export { LIMITS } from './limits';
export { SettingsValidationError } from './settings-error';
export type { Preset } from './preset-fields';
export type { SiteDecision } from './privacy-fields';

export type AuthMethod = 'client_credentials' | 'hmac' | 'pkce';
export type SampleRate = 8000 | 11025 | 16000 | 22050 | 32000 | 44100 | 48000;

export interface Settings extends FollowFields, ReadingFields {
  version: number;
  baseUrl: string;
  authMethod: AuthMethod;
  clientId: string;
  scopes: string[];
  /** HMAC api key (not secret); the HMAC secret lives in the secrets store. */
  apiKey: string;
  /** '' = the first voice the account can stream. */
  voiceToken: string;
  pitch: number;
  rate: number;
  sampleRate: SampleRate;
  sentencePauseMs: number;
  paragraphPauseMs: number;
  prefetchSeconds: number;
  cacheCapMB: number;
  /** Named voice parameter sets (version 2). */
  presets: Preset[];
  /** hostname → preset id, applied when reading on that host or its subdomains (version 2). */
  sitePresets: Record<string, string>;
  /** site (origin, or scheme://host for every port) → the user's standing answer about sending its text (v2). */
  siteConsent: Record<string, SiteDecision>;
  /** Host names (and their subdomains) whose text is never sent (version 2). */
  denyList: string[];
}

export const SETTINGS_VERSION = 3;

export const AUTH_METHODS: readonly AuthMethod[] = ['client_credentials', 'hmac', 'pkce'];
export const SAMPLE_RATES: readonly SampleRate[] = [8000, 11025, 16000, 22050, 32000, 44100, 48000];

/** Release defaults. Dev/test builds start from `defaultSettings()`, which points at the local server. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  baseUrl: 'https://vocalid.co',
  // A new user signs in with their VocaliD account; client credentials and HMAC are for self-hosted servers.
  authMethod: 'pkce',
  clientId: '',
  scopes: ['user:info', 'voice:list', 'voice:synthesis'],
  apiKey: '',
  voiceToken: '',
  pitch: 1,
  rate: 1,
  sampleRate: 22050,
  sentencePauseMs: 250,
  paragraphPauseMs: 600,
  prefetchSeconds: 10,
  cacheCapMB: 200,
  presets: [],
  sitePresets: {},
  siteConsent: {},
  denyList: [],
  ...FOLLOW_DEFAULTS,
  ...READING_DEFAULTS,
});

/** Defaults for the running build: release defaults, or the local server and demo client in dev/test. */
export function defaultSettings(): Settings {
  const base: Settings = {
    ...DEFAULT_SETTINGS,
    scopes: [...DEFAULT_SETTINGS.scopes],
    presets: [],
    sitePresets: {},
    siteConsent: {},
    denyList: [],
  };
  if (isDevBuild()) {
    base.baseUrl = devServerUrl();
    base.authMethod = 'client_credentials';
    base.clientId = demoClientId();
    // The demo article and test fixtures are served from this machine: reading them is not interrupted by the
    // privacy question (any port). Pages elsewhere are still asked about; the privacy e2e test clears these.
    base.siteConsent = { 'http://127.0.0.1': 'always', 'http://localhost': 'always' };
  }
  return base;
}

type Field = Exclude<keyof Settings, 'version'>;
type Checker<K extends Field> = (value: unknown) => Settings[K];

function fail(field: string, message: string): never {
  throw new SettingsValidationError(field, message);
}

/**
 * A field's name as the messages say it. A function, read when a check fails: the checks are built when this module
 * loads (the build imports it in Node, where there are no messages), and the message is in the language shown then.
 */
type Label = () => string;

/** A limit or a typed value in a message: the UI language's digits, no grouping ("10240", as typed). */
const shown = (n: number) => formatNumber(n, { useGrouping: false, maximumFractionDigits: 20 });

function numberIn(field: Field, label: Label, min: number, max: number, minExclusive = false) {
  return (value: unknown): number => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      fail(field, i18n.t('settings.checks.notANumber', { field: label() }));
    const tooLow = minExclusive ? value <= min : value < min;
    if (tooLow || value > max) {
      const subs = { field: label(), min: shown(min), max: shown(max), value: shown(value) };
      fail(
        field,
        minExclusive ? i18n.t('settings.checks.aboveAndAtMost', subs) : i18n.t('settings.checks.between', subs),
      );
    }
    return value;
  };
}

function oneOf<T>(field: Field, label: Label, allowed: readonly T[]) {
  return (value: unknown): T => {
    if (!allowed.includes(value as T)) {
      const list = allowed.map((a) => (typeof a === 'number' ? shown(a) : String(a))).join(', ');
      fail(field, i18n.t('settings.checks.oneOf', { field: label(), allowed: list, value: String(value) }));
    }
    return value as T;
  };
}

function shortString(field: Field, label: Label, maxLength = 512) {
  return (value: unknown): string => {
    if (typeof value !== 'string') fail(field, i18n.t('settings.checks.notText', { field: label() }));
    const trimmed = value.trim();
    if (trimmed.length > maxLength)
      fail(field, i18n.t('settings.checks.tooLong', { field: label(), max: shown(maxLength) }));
    return trimmed;
  };
}

/**
 * follow-fields' and reading-fields' checks take the field's name as text: each is made when it runs, so the name is
 * read then, in the language shown — never when this module loads (the build imports it in Node, with no messages).
 */
function named<T>(make: () => (value: unknown) => T): (value: unknown) => T {
  return (value) => make()(value);
}

const CHECKS: { [K in Field]: Checker<K> } = {
  baseUrl: (value) => {
    if (typeof value !== 'string')
      fail('baseUrl', i18n.t('settings.checks.notText', { field: i18n.t('settings.fields.baseUrl') }));
    try {
      return parseServerUrl(value).base;
    } catch (err) {
      if (err instanceof InvalidServerUrlError) fail('baseUrl', err.message);
      throw err;
    }
  },
  authMethod: oneOf('authMethod', () => i18n.t('settings.fields.authMethod'), AUTH_METHODS),
  clientId: shortString('clientId', () => i18n.t('settings.fields.clientId'), 200),
  scopes: (value) => {
    if (!Array.isArray(value)) fail('scopes', i18n.t('settings.checks.scopesNotAList'));
    const scopes = value.map((s) => {
      if (typeof s !== 'string' || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s)) {
        fail('scopes', i18n.t('settings.checks.badScope', { scope: String(s) }));
      }
      return s;
    });
    return [...new Set(scopes)];
  },
  apiKey: shortString('apiKey', () => i18n.t('settings.fields.apiKey'), 512),
  voiceToken: shortString('voiceToken', () => i18n.t('settings.fields.voice'), 512),
  pitch: numberIn('pitch', () => i18n.t('settings.fields.pitch'), LIMITS.pitch.min, LIMITS.pitch.max, true),
  rate: numberIn('rate', () => i18n.t('settings.fields.rate'), LIMITS.rate.min, LIMITS.rate.max),
  sampleRate: oneOf('sampleRate', () => i18n.t('settings.fields.sampleRate'), SAMPLE_RATES),
  sentencePauseMs: numberIn(
    'sentencePauseMs',
    () => i18n.t('settings.fields.sentencePause'),
    LIMITS.sentencePauseMs.min,
    LIMITS.sentencePauseMs.max,
  ),
  paragraphPauseMs: numberIn(
    'paragraphPauseMs',
    () => i18n.t('settings.fields.paragraphPause'),
    LIMITS.paragraphPauseMs.min,
    LIMITS.paragraphPauseMs.max,
  ),
  prefetchSeconds: numberIn(
    'prefetchSeconds',
    () => i18n.t('settings.fields.prefetch'),
    LIMITS.prefetchSeconds.min,
    LIMITS.prefetchSeconds.max,
  ),
  cacheCapMB: numberIn(
    'cacheCapMB',
    () => i18n.t('settings.fields.cacheSize'),
    LIMITS.cacheCapMB.min,
    LIMITS.cacheCapMB.max,
  ),
  presets: checkPresets,
  sitePresets: checkSitePresets,
  siteConsent: checkSiteConsent,
  denyList: checkDenyList,
  highlightGranularity: checkGranularity,
  highlightSentenceColor: named(() =>
    colorCheck('highlightSentenceColor', i18n.t('settings.fields.sentenceHighlightColour')),
  ),
  highlightWordColor: named(() => colorCheck('highlightWordColor', i18n.t('settings.fields.wordHighlightColour'))),
  showMiniPlayer: named(() => booleanCheck('showMiniPlayer', i18n.t('settings.fields.miniPlayer'))),
  paragraphPlayButtons: named(() =>
    booleanCheck('paragraphPlayButtons', i18n.t('settings.fields.paragraphPlayButtons')),
  ),
  autoScroll: named(() => booleanCheck('autoScroll', i18n.t('settings.fields.autoScroll'))),
  volume: checkVolume,
  readHeadline: named(() => readingBooleanCheck('readHeadline', i18n.t('settings.fields.readHeadline'))),
  readBylines: named(() => readingBooleanCheck('readBylines', i18n.t('settings.fields.readBylines'))),
  codeBlocks: checkCodeBlocks,
  readTables: named(() => readingBooleanCheck('readTables', i18n.t('settings.fields.readTables'))),
  readImageAlt: named(() => readingBooleanCheck('readImageAlt', i18n.t('settings.fields.readImageAlt'))),
};

const FIELDS = Object.keys(CHECKS) as Field[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a partial update from the UI or a message. Returns the cleaned patch (trimmed strings, normalised
 * server address); throws SettingsValidationError naming the field and the allowed range otherwise.
 */
export function validateSettingsPatch(patch: unknown): Partial<Omit<Settings, 'version'>> {
  if (!isRecord(patch)) throw new SettingsValidationError('', i18n.t('settings.checks.notAnObject'));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === 'version') throw new SettingsValidationError('version', i18n.t('settings.checks.versionFixed'));
    if (!(key in CHECKS))
      throw new SettingsValidationError(key, i18n.t('settings.checks.unknownSetting', { name: key }));
    out[key] = (CHECKS[key as Field] as (v: unknown) => unknown)(value);
  }
  return out as Partial<Omit<Settings, 'version'>>;
}

/** Stored settings of one version, as plain data, before it is checked field by field. */
type RawSettings = Record<string, unknown>;

interface Migration {
  /** The version this migration reads; it produces `from + 1`. */
  from: number;
  migrate(raw: RawSettings): RawSettings;
}

/**
 * Version 0 is the unversioned prototype layout: `{ server, voice, speed, pitch, pauseMs, cacheMB,
 * prefetchChunks }`. A chunk is about three seconds of speech, which converts its prefetch count.
 */
const MIGRATIONS: Migration[] = [
  {
    from: 0,
    migrate(raw) {
      const { server, voice, speed, pauseMs, cacheMB, prefetchChunks, ...rest } = raw;
      const out: RawSettings = { ...rest, version: 1 };
      if (server !== undefined && out.baseUrl === undefined) out.baseUrl = server;
      if (voice !== undefined && out.voiceToken === undefined) out.voiceToken = voice;
      if (speed !== undefined && out.rate === undefined) out.rate = speed;
      if (typeof pauseMs === 'number') {
        out.sentencePauseMs ??= pauseMs;
        out.paragraphPauseMs ??= Math.max(pauseMs, DEFAULT_SETTINGS.paragraphPauseMs);
      }
      if (cacheMB !== undefined && out.cacheCapMB === undefined) out.cacheCapMB = cacheMB;
      if (typeof prefetchChunks === 'number' && out.prefetchSeconds === undefined) {
        out.prefetchSeconds = Math.min(
          LIMITS.prefetchSeconds.max,
          Math.max(LIMITS.prefetchSeconds.min, prefetchChunks * 3),
        );
      }
      return out;
    },
  },
  {
    // Version 2 adds presets and privacy answers. Nothing of version 1 moves: the voice, pitch, rate and pauses
    // stay what every site uses unless a preset is set for it. The new fields are left out so they take the
    // build's defaults (no presets; in dev/test builds the loopback pre-allowance).
    from: 1,
    migrate(raw) {
      const { presets: _p, sitePresets: _s, siteConsent: _c, denyList: _d, ...rest } = raw;
      return { ...rest, version: 2 };
    },
  },
  {
    // Version 3 keeps only fields that are settings, which drops the scheduling mode: the benchmark's baseline is
    // no longer a setting (test builds install it through the test API). Named nowhere here, so that release
    // bundles do not carry the word (test/e2e/reliability-security.test.ts greps them).
    from: 2,
    migrate(raw) {
      const out: RawSettings = { version: 3 };
      for (const field of FIELDS) if (field in raw) out[field] = raw[field];
      return out;
    },
  },
];

/**
 * Turns whatever is stored (nothing, an old layout, hand-edited or corrupted data) into valid current
 * Settings: runs the migrations from the stored version, then replaces each invalid or missing field by
 * its default. Never throws.
 */
export function migrateSettings(stored: unknown): Settings {
  const defaults = defaultSettings();
  if (!isRecord(stored)) return defaults;
  let raw: RawSettings = { ...stored };
  let version = typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version >= 0 ? raw.version : 0;
  for (const migration of MIGRATIONS) {
    if (migration.from === version) {
      raw = migration.migrate(raw);
      version = migration.from + 1;
    }
  }
  keepSpeedsInRange(raw);
  const out = { ...defaults } as Record<string, unknown>;
  for (const field of FIELDS) {
    if (raw[field] === undefined) continue;
    try {
      out[field] = (CHECKS[field] as (v: unknown) => unknown)(raw[field]);
    } catch (err) {
      if (!(err instanceof SettingsValidationError)) throw err;
    }
  }
  out.version = SETTINGS_VERSION;
  return out as unknown as Settings;
}

/** Speeds saved when the range went to 10× are kept at the nearest speed offered now, not reset (speed-steps.ts). */
function keepSpeedsInRange(raw: RawSettings): void {
  if (typeof raw.rate === 'number' && Number.isFinite(raw.rate) && raw.rate > 0) raw.rate = clampSpeed(raw.rate);
  if (!Array.isArray(raw.presets)) return;
  raw.presets = raw.presets.map((p: unknown) =>
    isRecord(p) && typeof p.rate === 'number' && Number.isFinite(p.rate) && p.rate > 0
      ? { ...p, rate: clampSpeed(p.rate) }
      : p,
  );
}
