// Field checks for the presets part of the settings (version 2). Kept apart from the general schema so the
// preset rules read in one place.
import { i18n } from '../i18n/i18n';
import { formatNumber } from '../i18n/locale-format';
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
  if (!ok) {
    const bound = (n: number) => formatNumber(n, { useGrouping: false });
    throw new SettingsValidationError(
      field,
      i18n.t(minExclusive ? 'presets.outOfRangeAbove' : 'presets.outOfRange', {
        label,
        min: bound(min),
        max: bound(max),
        value: String(value),
      }),
    );
  }
  return value;
}

export function checkPreset(value: unknown, index: number): Preset {
  const field = `presets[${index}]`;
  const number = formatNumber(index + 1);
  if (!record(value)) throw new SettingsValidationError(field, i18n.t('presets.notObject', { number }));
  const id = value.id;
  if (typeof id !== 'string' || !ID.test(id))
    throw new SettingsValidationError(field, i18n.t('presets.noId', { number }));
  const name = typeof value.name === 'string' ? value.name.trim() : '';
  if (name === '' || name.length > 60) throw new SettingsValidationError(field, i18n.t('presets.badName', { number }));
  const voiceToken = value.voiceToken ?? '';
  if (typeof voiceToken !== 'string' || voiceToken.length > 512)
    throw new SettingsValidationError(field, i18n.t('presets.badVoice', { name }));
  return {
    id,
    name,
    voiceToken: voiceToken.trim(),
    pitch: num(field, i18n.t('presets.pitchOf', { name }), value.pitch, LIMITS.pitch.min, LIMITS.pitch.max, true),
    rate: num(field, i18n.t('presets.rateOf', { name }), value.rate, LIMITS.rate.min, LIMITS.rate.max, false),
    sentencePauseMs: num(
      field,
      i18n.t('presets.sentencePauseOf', { name }),
      value.sentencePauseMs,
      LIMITS.sentencePauseMs.min,
      LIMITS.sentencePauseMs.max,
      false,
    ),
    paragraphPauseMs: num(
      field,
      i18n.t('presets.paragraphPauseOf', { name }),
      value.paragraphPauseMs,
      LIMITS.paragraphPauseMs.min,
      LIMITS.paragraphPauseMs.max,
      false,
    ),
  };
}

export function checkPresets(value: unknown): Preset[] {
  if (!Array.isArray(value)) throw new SettingsValidationError('presets', i18n.t('presets.notList'));
  if (value.length > MAX_PRESETS)
    throw new SettingsValidationError('presets', i18n.t('presets.tooMany', { max: formatNumber(MAX_PRESETS) }));
  const presets = value.map(checkPreset);
  const ids = new Set<string>();
  for (const p of presets) {
    if (ids.has(p.id)) throw new SettingsValidationError('presets', i18n.t('presets.sharedId', { id: p.id }));
    ids.add(p.id);
  }
  return presets;
}

/** hostname → preset id. Host names are normalised ("https://WWW.Example.com/x" → "www.example.com"). */
export function checkSitePresets(value: unknown): Record<string, string> {
  if (!record(value)) throw new SettingsValidationError('sitePresets', i18n.t('presets.sitesNotObject'));
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
      throw new SettingsValidationError('sitePresets', i18n.t('presets.siteBadId', { host: clean }));
    out[clean] = id;
  }
  return out;
}
