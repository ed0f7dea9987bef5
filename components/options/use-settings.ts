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

// Options sections import it from here.
export { messageOf } from '../error-message';
