// The stored settings as Preact state, kept current when another context (the popup, the background) changes them.
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../../utils/settings/settings-schema';
import { getSettings, watchSettings } from '../../utils/settings/settings-store';

export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void getSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);
  return settings;
}

export function messageOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'userMessage' in err && typeof (err as { userMessage: unknown }).userMessage === 'string') {
    return (err as { userMessage: string }).userMessage;
  }
  return err instanceof Error ? err.message : String(err);
}
