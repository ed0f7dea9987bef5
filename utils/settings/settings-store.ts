import { browser } from 'wxt/browser';
import { migrateSettings, validateSettingsPatch, type Settings } from './settings-schema';

export const SETTINGS_KEY = 'settings';

/** Reads the stored settings, migrated and repaired; defaults when nothing is stored. */
export async function getSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return migrateSettings(stored[SETTINGS_KEY]);
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
    await browser.storage.local.set({ [SETTINGS_KEY]: next });
    return next;
  });
  writeChain = run.catch(() => undefined);
  return run;
}

/** Calls `cb` with the new settings whenever any context changes them. Returns the function that stops it. */
export function watchSettings(cb: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    cb(migrateSettings(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
