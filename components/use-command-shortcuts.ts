// The extension's keyboard commands as they are bound now (utils/commands/aria-key-shortcut.ts).
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ariaShortcutsOf } from '../utils/commands/aria-key-shortcut';

export function useCommandShortcuts(): Record<string, string> {
  const [shortcuts, setShortcuts] = useState<Record<string, string>>({});
  useEffect(() => {
    browser.commands.getAll().then(
      (commands) => setShortcuts(ariaShortcutsOf(commands)),
      () => undefined,
    );
  }, []);
  return shortcuts;
}
