// Field checks for the presets part of the settings (version 2). Kept apart from the general schema so the
// preset rules read in one place.
import { LIMITS } from './limits';
import { SettingsValidationError } from './settings-error';
import { InvalidHostError, normalizeHost } from '../privacy/host-pattern';

/** A named set of voice parameters; '' as voiceToken means "the voice chosen in Options". */
export interface Preset {
  id: string;
  name: string;
  voiceToken: string;
  pitch: number;
  rate: number;
  sentencePauseMs: number;
  paragraphPauseMs: number;
}

export const MAX_PRESETS = 50;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function record(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(field: string, label: string, value: unknown, min: number, max: number, minExclusive: boolean): number {
  const ok =
    typeof value === 'number' && Number.isFinite(value) && (minExclusive ? value > min : value >= min) && value <= max;
  if (!ok)
    throw new SettingsValidationError(
      field,
      `${label} must be ${minExclusive ? `greater than ${min}` : `at least ${min}`} and at most ${max} (got ${String(value)}).`,
    );
  return value;
}

export function checkPreset(value: unknown, index: number): Preset {
  const field = `presets[${index}]`;
  if (!record(value)) throw new SettingsValidationError(field, `Preset ${index + 1} is not an object.`);
  const id = value.id;
  if (typeof id !== 'string' || !ID.test(id))
    throw new SettingsValidationError(field, `Preset ${index + 1} has no valid id.`);
  const name = typeof value.name === 'string' ? value.name.trim() : '';
  if (name === '' || name.length > 60)
    throw new SettingsValidationError(field, `Preset ${index + 1} needs a name of 1 to 60 characters.`);
  const voiceToken = value.voiceToken ?? '';
  if (typeof voiceToken !== 'string' || voiceToken.length > 512)
    throw new SettingsValidationError(field, `Preset "${name}" has an invalid voice.`);
  return {
    id,
    name,
    voiceToken: voiceToken.trim(),
    pitch: num(field, `Pitch of preset "${name}"`, value.pitch, LIMITS.pitch.min, LIMITS.pitch.max, true),
    rate: num(field, `Rate of preset "${name}"`, value.rate, LIMITS.rate.min, LIMITS.rate.max, false),
    sentencePauseMs: num(
      field,
      `Sentence pause of preset "${name}"`,
      value.sentencePauseMs,
      LIMITS.sentencePauseMs.min,
      LIMITS.sentencePauseMs.max,
      false,
    ),
    paragraphPauseMs: num(
      field,
      `Paragraph pause of preset "${name}"`,
      value.paragraphPauseMs,
      LIMITS.paragraphPauseMs.min,
      LIMITS.paragraphPauseMs.max,
      false,
    ),
  };
}

export function checkPresets(value: unknown): Preset[] {
  if (!Array.isArray(value)) throw new SettingsValidationError('presets', 'Presets must be a list.');
  if (value.length > MAX_PRESETS) throw new SettingsValidationError('presets', `At most ${MAX_PRESETS} presets.`);
  const presets = value.map(checkPreset);
  const ids = new Set<string>();
  for (const p of presets) {
    if (ids.has(p.id)) throw new SettingsValidationError('presets', `Two presets share the id "${p.id}".`);
    ids.add(p.id);
  }
  return presets;
}

/** hostname → preset id. Host names are normalised ("https://WWW.Example.com/x" → "www.example.com"). */
export function checkSitePresets(value: unknown): Record<string, string> {
  if (!record(value))
    throw new SettingsValidationError('sitePresets', 'Site presets must be an object of site → preset.');
  const out: Record<string, string> = {};
  for (const [host, id] of Object.entries(value)) {
    let clean: string;
    try {
      clean = normalizeHost(host);
    } catch (err) {
      if (err instanceof InvalidHostError) throw new SettingsValidationError('sitePresets', err.message);
      throw err;
    }
    if (typeof id !== 'string' || !ID.test(id))
      throw new SettingsValidationError('sitePresets', `The preset for ${clean} is not a valid preset id.`);
    out[clean] = id;
  }
  return out;
}
