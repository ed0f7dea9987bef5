// The settings as every context reads, writes and watches them: stored once (settingsItem), migrated and
// repaired on every read, validated on every write.
import { settingsItem } from '../storage/stored-items';
import { migrateSettings, validateSettingsPatch, type Settings } from './settings-schema';

/** The storage key (storage.local); the settings import in Options replaces the stored value whole under it. */
export const SETTINGS_KEY = 'settings';

/** Reads the stored settings, migrated and repaired; defaults when nothing is stored. */
export async function getSettings(): Promise<Settings> {
  return migrateSettings(await settingsItem.getValue());
}

// Read-modify-write must not interleave inside one context, or two quick updates (a slider being dragged)
// would each start from the same old value and the first change would be lost.
let writeChain: Promise<unknown> = Promise.resolve();

/**
 * Validates the patch (throws SettingsValidationError with a message for the user), merges it into the
 * stored settings and returns the result.
 */
export function updateSettings(patch: unknown): Promise<Settings> {
  const clean = validateSettingsPatch(patch);
  const run = writeChain.then(async () => {
    const next: Settings = { ...(await getSettings()), ...clean };
    await settingsItem.setValue(next);
    return next;
  });
  writeChain = run.catch(() => undefined);
  return run;
}

/** Calls `cb` with the new settings whenever any context changes them. Returns the function that stops it. */
export function watchSettings(cb: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => cb(migrateSettings(value)));
}

/**
 * The settings a long-lived consumer (the reading runtime) works from: read when `refresh` is called (a reading
 * starts) and kept current by one watch, so that per-unit work does not read storage again. `onChange` hears
 * each change after the snapshot took it.
 */
export function createSettingsSnapshot(onChange?: (settings: Settings) => void) {
  let current: Promise<Settings> | undefined;
  const stop = watchSettings((settings) => {
    current = Promise.resolve(settings);
    onChange?.(settings);
  });
  return {
    get: (): Promise<Settings> => (current ??= getSettings()),
    refresh: (): Promise<Settings> => (current = getSettings()),
    /** A change this context made itself, known before its storage event arrives. */
    set: (settings: Settings): void => {
      current = Promise.resolve(settings);
    },
    stop,
  };
}
