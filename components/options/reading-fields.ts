// What the "Reading and display" section of Options edits, and the small pure helpers it needs: labels, units and
// ranges of the numeric defaults (taken from the schema's LIMITS so the page never offers what the schema refuses),
// checking a typed value before it is stored, and the colour input's #rrggbb form of a stored CSS colour.
import { i18n } from '../../utils/i18n/i18n';
import type { HighlightGranularity } from '../../utils/highlight/page-highlighter';
import { readableOn } from '../../utils/highlight/contrast-ratio';
import { parseCssColor, type Rgb } from '../../utils/highlight/rgb-color';
import { HIGHLIGHT_GRANULARITIES } from '../../utils/settings/follow-fields';
import { formatNumber } from '../../utils/i18n/locale-format';
import { SPEED_GRAIN } from '../../utils/settings/speed-steps';
import {
  DEFAULT_SETTINGS,
  LIMITS,
  SAMPLE_RATES,
  SettingsValidationError,
  validateSettingsPatch,
  type SampleRate,
  type Settings,
} from '../../utils/settings/settings-schema';

export type NumberField = 'pitch' | 'rate' | 'sentencePauseMs' | 'paragraphPauseMs' | 'cacheCapMB';

export interface NumberFieldSpec {
  field: NumberField;
  /** Element id (and the prefix of its hint and error ids). */
  id: string;
  /** Label text, with the unit where there is one. */
  label: string;
  /** The label without the unit, for messages. */
  name: string;
  /** After the value in "Saved" messages ('' for none). */
  unit: ValueUnit;
  /** For the input's min attribute; where the schema's lower bound is exclusive, the smallest step above it. */
  min: number;
  max: number;
  step: number;
  hint: string;
  /** The schema's lower bound is exclusive (pitch, rate). */
  minExclusive?: boolean;
}

const bound = (value: number) => formatNumber(value, { useGrouping: false });

function range(min: number, max: number, minExclusive = false): string {
  return i18n.t(minExclusive ? 'display.rangeAbove' : 'display.rangeBetween', { min: bound(min), max: bound(max) });
}

/** The bounds and default a hint names, formatted for the UI language. */
function bounds(field: NumberField): { min: string; max: string; default: string } {
  return {
    min: bound(LIMITS[field].min),
    max: bound(LIMITS[field].max),
    default: bound(DEFAULT_SETTINGS[field] as number),
  };
}

// Labels differ from the preset editor's ("Pitch", "Rate", "Pause after a sentence (ms)"): these are the general
// defaults, and a label must name one control on the page. Texts are getters so they are read in the UI language
// when shown, not when this module loads.
export const NUMBER_FIELDS: Readonly<Record<NumberField, NumberFieldSpec>> = {
  pitch: {
    field: 'pitch',
    id: 'reading-pitch',
    get label() {
      return i18n.t('display.pitch.label');
    },
    get name() {
      return i18n.t('display.pitch.name');
    },
    unit: '',
    min: 0.1,
    max: LIMITS.pitch.max,
    step: 0.1,
    minExclusive: true,
    get hint() {
      return i18n.t('display.pitch.hint', bounds('pitch'));
    },
  },
  rate: {
    field: 'rate',
    id: 'reading-rate',
    get label() {
      return i18n.t('display.rate.label');
    },
    get name() {
      return i18n.t('display.rate.name');
    },
    unit: '×',
    // The speed range and grain every control shares (utils/settings/speed-steps.ts).
    min: LIMITS.rate.min,
    max: LIMITS.rate.max,
    step: SPEED_GRAIN,
    get hint() {
      return i18n.t('display.rate.hint', bounds('rate'));
    },
  },
  sentencePauseMs: {
    field: 'sentencePauseMs',
    id: 'reading-sentence-pause',
    get label() {
      return i18n.t('display.sentencePause.label');
    },
    get name() {
      return i18n.t('display.sentencePause.name');
    },
    unit: 'ms',
    min: LIMITS.sentencePauseMs.min,
    max: LIMITS.sentencePauseMs.max,
    step: 50,
    get hint() {
      return i18n.t('display.sentencePause.hint', bounds('sentencePauseMs'));
    },
  },
  paragraphPauseMs: {
    field: 'paragraphPauseMs',
    id: 'reading-paragraph-pause',
    get label() {
      return i18n.t('display.paragraphPause.label');
    },
    get name() {
      return i18n.t('display.paragraphPause.name');
    },
    unit: 'ms',
    min: LIMITS.paragraphPauseMs.min,
    max: LIMITS.paragraphPauseMs.max,
    step: 50,
    get hint() {
      return i18n.t('display.paragraphPause.hint', bounds('paragraphPauseMs'));
    },
  },
  cacheCapMB: {
    field: 'cacheCapMB',
    id: 'reading-cache-cap',
    get label() {
      return i18n.t('display.cacheCap.label');
    },
    get name() {
      return i18n.t('display.cacheCap.name');
    },
    unit: 'MB',
    min: LIMITS.cacheCapMB.min,
    max: LIMITS.cacheCapMB.max,
    step: 10,
    get hint() {
      return i18n.t('display.cacheCap.hint', bounds('cacheCapMB'));
    },
  },
};

export type CheckResult = { ok: true; patch: Partial<Omit<Settings, 'version'>> } | { ok: false; message: string };

/** Runs a patch through the settings schema: the cleaned patch, or the schema's message for the user. */
export function checkPatch(patch: Partial<Record<keyof Settings, unknown>>): CheckResult {
  try {
    return { ok: true, patch: validateSettingsPatch(patch) };
  } catch (err) {
    if (err instanceof SettingsValidationError) return { ok: false, message: err.message };
    throw err;
  }
}

/**
 * Checks what is typed in a number field. `text` is the input's value: a number input gives '' for an empty field
 * and for text that is not a number, so both get the same message.
 */
export function parseNumberDraft(field: NumberField, text: string): CheckResult {
  const spec = NUMBER_FIELDS[field];
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value)) {
    return {
      ok: false,
      message: i18n.t('display.enterNumber', {
        name: spec.name,
        range: range(LIMITS[field].min, LIMITS[field].max, spec.minExclusive),
      }),
    };
  }
  return checkPatch({ [field]: value });
}

/** Units a value can be shown with: Intl's own unit words where CLDR has them, a message where it does not. */
export type ValueUnit = '' | '×' | 'ms' | 'MB' | 'Hz';

/** "1.5 ×", "250 ms", "22,050 Hz" (no unit: "1.2"): a value as the "Saved" message shows it, in the UI language. */
export function formatValue(value: number, unit: ValueUnit | string): string {
  const number = formatNumber(value, { maximumFractionDigits: 3 });
  switch (unit) {
    case '':
      return number;
    case 'ms':
      return formatNumber(value, { style: 'unit', unit: 'millisecond', maximumFractionDigits: 3 });
    case 'MB':
      return formatNumber(value, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 3 });
    case 'Hz':
      // CLDR has no hertz among Intl's sanctioned units.
      return i18n.t('display.valueHertz', { value: number });
    case '×':
      return i18n.t('display.valueTimes', { value: number });
    default:
      return `${number} ${unit}`;
  }
}

export function sampleRateLabel(rate: SampleRate): string {
  const base = formatValue(rate, 'Hz');
  return rate === DEFAULT_SETTINGS.sampleRate ? i18n.t('display.sampleRateDefault', { rate: base }) : base;
}

/** What the sample rate means for a listener, under the Advanced choice. */
export const SAMPLE_RATE_HELP = i18n.t('display.sampleRateHelp');

export const SAMPLE_RATE_OPTIONS: readonly { value: SampleRate; label: string }[] = SAMPLE_RATES.map((value) => ({
  value,
  get label() {
    return sampleRateLabel(value);
  },
}));

export const GRANULARITY_OPTIONS: readonly { value: HighlightGranularity; label: string; saved: string }[] =
  HIGHLIGHT_GRANULARITIES.map((value) => ({
    value,
    get label() {
      return i18n.t(`display.granularity.${value}`);
    },
    /** How the status line names the choice once stored. */
    get saved() {
      return i18n.t(`display.granularitySaved.${value}`);
    },
  }));

const HEX6 = /^#([0-9a-f]{6})$/i;
const HEX3 = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i;
const HEX8 = /^#([0-9a-f]{6})[0-9a-f]{2}$/i;
const HEX4 = /^#([0-9a-f])([0-9a-f])([0-9a-f])[0-9a-f]$/i;
const RGB =
  /^rgba?\(\s*(\d{1,3}(?:\.\d+)?)\s*[,\s]\s*(\d{1,3}(?:\.\d+)?)\s*[,\s]\s*(\d{1,3}(?:\.\d+)?)\s*(?:[,/]\s*[\d.]+%?\s*)?\)$/i;

/**
 * The `<input type="color">` value (lowercase #rrggbb) for a stored colour written as hex or rgb()/rgba(); null for
 * other syntax (named colours, hsl()…), which the page resolves through the browser first. Alpha is dropped: the
 * input has none.
 */
export function toColorInputValue(css: string): string | null {
  const text = css.trim();
  let m = HEX6.exec(text) ?? HEX8.exec(text);
  if (m) return `#${m[1]!.toLowerCase()}`;
  m = HEX3.exec(text) ?? HEX4.exec(text);
  if (m) return `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toLowerCase();
  m = RGB.exec(text);
  if (m) {
    const parts = [m[1], m[2], m[3]].map((v) => Math.round(Number(v)));
    if (parts.some((v) => v > 255)) return null;
    return `#${parts.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  }
  return null;
}

/**
 * Black or white, whichever contrasts more with a #rrggbb background (WCAG relative luminance). One of the two
 * always reaches at least 4.58:1, so the preview text stays readable on any highlight colour.
 */
export function readableTextColor(background: string): '#000000' | '#ffffff' {
  const rgb = parseCssColor(toColorInputValue(background) ?? '#ffffff') as Rgb;
  return readableOn(rgb).r === 0 ? '#000000' : '#ffffff';
}
