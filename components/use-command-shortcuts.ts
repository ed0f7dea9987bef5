// The extension's keyboard commands as they are bound now (utils/commands/aria-key-shortcut.ts).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import { ariaShortcutsOf } from '../utils/commands/aria-key-shortcut';

export type Command = Browser.commands.Command;

/** The commands with their keys now (a command the user left unassigned has no `shortcut`). */
export function useCommands(): Command[] {
  const [commands, setCommands] = useState<Command[]>([]);
  useEffect(() => {
    browser.commands.getAll().then(setCommands, () => undefined);
  }, []);
  return commands;
}

/** command name → its keys in `aria-keyshortcuts` form. */
export function useCommandShortcuts(): Record<string, string> {
  const commands = useCommands();
  return useMemo(() => ariaShortcutsOf(commands), [commands]);
}
