// Export and import of settings as a JSON file. Secrets are never part of it (they are not in Settings at all);
// an import is checked completely before anything is written, so a bad file changes nothing.
import { i18n } from '../i18n/i18n';
import { formatNumber } from '../i18n/locale-format';
import {
  migrateSettings,
  SETTINGS_VERSION,
  SettingsValidationError,
  validateSettingsPatch,
  type Settings,
} from './settings-schema';
import { SECRET_FIELDS } from './secrets-store';

export const EXPORT_KIND = 'vocalid-read-aloud-settings';
/** Fields that must never travel in a file even if someone adds them to one. */
const NEVER_IMPORTED = new Set<string>([...SECRET_FIELDS, 'secrets', 'accessToken']);

export function exportSettings(settings: Settings, now = new Date()): string {
  return JSON.stringify({ kind: EXPORT_KIND, exportedAt: now.toISOString(), settings }, null, 2);
}

export class ImportError extends Error {
  override name = 'ImportError';
}

/** Parses and checks a file's text; returns the settings to store, or throws ImportError saying what is wrong. */
export function parseImport(text: string): Settings {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ImportError(i18n.t('transfer.notJson'));
  }
  const record = data as { kind?: unknown; settings?: unknown } | null;
  if (
    typeof record !== 'object' ||
    record === null ||
    record.kind !== EXPORT_KIND ||
    typeof record.settings !== 'object' ||
    record.settings === null
  ) {
    throw new ImportError(i18n.t('transfer.notExport'));
  }
  const raw = { ...(record.settings as Record<string, unknown>) };
  for (const key of Object.keys(raw)) if (NEVER_IMPORTED.has(key)) delete raw[key];
  const version = typeof raw.version === 'number' ? raw.version : 0;
  if (version > SETTINGS_VERSION)
    throw new ImportError(i18n.t('transfer.newer', { version: formatNumber(version, { useGrouping: false }) }));
  // Bring it to the current layout, then check each field strictly: a wrong value is reported, not repaired.
  const { version: _v, ...fields } = raw;
  const migrated = migrateSettings(raw);
  const problems: string[] = [];
  for (const [key, value] of Object.entries(version === SETTINGS_VERSION ? fields : {})) {
    try {
      validateSettingsPatch({ [key]: value });
    } catch (err) {
      if (err instanceof SettingsValidationError) problems.push(err.message);
      else throw err;
    }
  }
  if (problems.length) throw new ImportError(i18n.t('transfer.badValues', { problems: problems.join(' ') }));
  return migrated;
}
