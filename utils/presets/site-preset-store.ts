// Changing which preset a site uses, from the popup or Options. A thin layer over the settings store so the
// rule "one entry per host name; choosing 'no preset' removes the entry" lives in one place.
import { i18n } from '../i18n/i18n';
import type { Preset, Settings } from '../settings/settings-schema';
import { getSettings, updateSettings } from '../settings/settings-store';

/** Sets (presetId) or clears (null) the preset for exactly this host name. */
export async function setSitePreset(hostname: string, presetId: string | null): Promise<Settings> {
  const { sitePresets, presets } = await getSettings();
  const next = { ...sitePresets };
  if (presetId === null) delete next[hostname];
  else {
    if (!presets.some((p) => p.id === presetId)) throw new Error(i18n.t('presets.gone'));
    next[hostname] = presetId;
  }
  return updateSettings({ sitePresets: next });
}

/** Adds or replaces a preset (by id). */
export async function savePreset(preset: Preset): Promise<Settings> {
  const { presets } = await getSettings();
  const i = presets.findIndex((p) => p.id === preset.id);
  const next = i >= 0 ? presets.map((p, j) => (j === i ? preset : p)) : [...presets, preset];
  return updateSettings({ presets: next });
}

/** Removes a preset and every site entry that used it. */
export async function deletePreset(id: string): Promise<Settings> {
  const { presets, sitePresets } = await getSettings();
  const sites = Object.fromEntries(Object.entries(sitePresets).filter(([, p]) => p !== id));
  return updateSettings({ presets: presets.filter((p) => p.id !== id), sitePresets: sites });
}

export function newPresetId(): string {
  return `p-${crypto.randomUUID().slice(0, 8)}`;
}
