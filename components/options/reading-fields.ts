// What the "Reading and display" section of Options edits, and the small pure helpers it needs: labels, units and
// ranges of the numeric defaults (taken from the schema's LIMITS so the page never offers what the schema refuses),
// checking a typed value before it is stored, and the colour input's #rrggbb form of a stored CSS colour.
import type { HighlightGranularity } from '../../utils/highlight/page-highlighter';
import { readableOn } from '../../utils/highlight/contrast-ratio';
import { parseCssColor, type Rgb } from '../../utils/highlight/rgb-color';
import { HIGHLIGHT_GRANULARITIES } from '../../utils/settings/follow-fields';
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
  unit: string;
  /** For the input's min attribute; where the schema's lower bound is exclusive, the smallest step above it. */
  min: number;
  max: number;
  step: number;
  hint: string;
  /** The schema's lower bound is exclusive (pitch, rate). */
  minExclusive?: boolean;
}

function range(min: number, max: number, minExclusive = false): string {
  return minExclusive ? `greater than ${min}, at most ${max}` : `from ${min} to ${max}`;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// Labels differ from the preset editor's ("Pitch", "Rate", "Pause after a sentence (ms)"): these are the general
// defaults, and a label must name one control on the page.
export const NUMBER_FIELDS: Readonly<Record<NumberField, NumberFieldSpec>> = {
  pitch: {
    field: 'pitch',
    id: 'reading-pitch',
    label: 'Default pitch',
    name: 'Default pitch',
    unit: '',
    min: 0.1,
    max: LIMITS.pitch.max,
    step: 0.1,
    minExclusive: true,
    hint: `1 is the voice’s own pitch; ${range(LIMITS.pitch.min, LIMITS.pitch.max, true)}.`,
  },
  rate: {
    field: 'rate',
    id: 'reading-rate',
    label: 'Default speed (× normal)',
    name: 'Default speed',
    unit: '×',
    // The speed range and grain every control shares (utils/settings/speed-steps.ts).
    min: LIMITS.rate.min,
    max: LIMITS.rate.max,
    step: SPEED_GRAIN,
    hint: `1 is normal speed; ${range(LIMITS.rate.min, LIMITS.rate.max)}.`,
  },
  sentencePauseMs: {
    field: 'sentencePauseMs',
    id: 'reading-sentence-pause',
    label: 'Default pause after each sentence (ms)',
    name: 'Default pause after each sentence',
    unit: 'ms',
    min: LIMITS.sentencePauseMs.min,
    max: LIMITS.sentencePauseMs.max,
    step: 50,
    hint: `How long to wait when a sentence ends, in thousandths of a second (1000 ms is one second): 0 runs sentences together, ${DEFAULT_SETTINGS.sentencePauseMs} is a short breath. ${capital(range(LIMITS.sentencePauseMs.min, LIMITS.sentencePauseMs.max))}.`,
  },
  paragraphPauseMs: {
    field: 'paragraphPauseMs',
    id: 'reading-paragraph-pause',
    label: 'Default pause after each paragraph (ms)',
    name: 'Default pause after each paragraph',
    unit: 'ms',
    min: LIMITS.paragraphPauseMs.min,
    max: LIMITS.paragraphPauseMs.max,
    step: 50,
    hint: `How long to wait between paragraphs, so you hear where one ends (1000 ms is one second); ${DEFAULT_SETTINGS.paragraphPauseMs} is a clear break. ${capital(range(LIMITS.paragraphPauseMs.min, LIMITS.paragraphPauseMs.max))}.`,
  },
  cacheCapMB: {
    field: 'cacheCapMB',
    id: 'reading-cache-cap',
    label: 'Audio cache size limit (MB)',
    name: 'Audio cache size limit',
    unit: 'MB',
    min: LIMITS.cacheCapMB.min,
    max: LIMITS.cacheCapMB.max,
    step: 10,
    hint: `Audio you have heard is kept on this computer so it plays again at once, even offline. In megabytes, ${range(LIMITS.cacheCapMB.min, LIMITS.cacheCapMB.max)}; a smaller limit removes the least recently heard audio at once.`,
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
      message: `${spec.name}: enter a number ${range(LIMITS[field].min, LIMITS[field].max, spec.minExclusive)}.`,
    };
  }
  return checkPatch({ [field]: value });
}

/** "1.5 ×", "250 ms", "22,050 Hz" (no unit: "1.2"): a value as the "Saved" message shows it. */
export function formatValue(value: number, unit: string): string {
  const number = value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return unit ? `${number} ${unit}` : number;
}

export function sampleRateLabel(rate: SampleRate): string {
  const base = formatValue(rate, 'Hz');
  return rate === DEFAULT_SETTINGS.sampleRate ? `${base} (default)` : base;
}

/** What the sample rate means for a listener, under the Advanced choice. */
export const SAMPLE_RATE_HELP =
  'How finely the voice is reproduced, in samples per second (Hz). The default is clear speech; a higher rate sounds slightly crisper but needs more data and cache space, a lower one saves space and sounds like a telephone.';

export const SAMPLE_RATE_OPTIONS: readonly { value: SampleRate; label: string }[] = SAMPLE_RATES.map((value) => ({
  value,
  label: sampleRateLabel(value),
}));

const GRANULARITY_LABELS: Record<HighlightGranularity, string> = {
  sentence: 'The sentence',
  word: 'The sentence and the word',
  off: 'Nothing (no highlight)',
};

export const GRANULARITY_OPTIONS: readonly { value: HighlightGranularity; label: string }[] =
  HIGHLIGHT_GRANULARITIES.map((value) => ({
    value,
    label: GRANULARITY_LABELS[value],
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
