// The keys a command is bound to, as aria-keyshortcuts wants them. Chrome reports a command's shortcut the way the
// user sees it — "Alt+Shift+K" on Linux and Windows, "⌥⇧K" on macOS — and the user may have changed or removed it
// at chrome://extensions/shortcuts, so the popup asks commands.getAll() instead of repeating the manifest.
// Format: modifier names and the key joined by "+" (https://www.w3.org/TR/wai-aria-1.2/#aria-keyshortcuts).

const MAC_MODIFIERS: Record<string, string> = { '⌘': 'Meta', '⌥': 'Alt', '⇧': 'Shift', '⌃': 'Control' };
const NAMES: Record<string, string> = { Ctrl: 'Control', Command: 'Meta', MacCtrl: 'Control' };

/** undefined when the command has no shortcut (unassigned, or taken by another extension). */
export function ariaKeyShortcut(shortcut: string | undefined): string | undefined {
  if (!shortcut) return undefined;
  if (shortcut.includes('+'))
    return shortcut
      .split('+')
      .map((part) => NAMES[part] ?? part)
      .join('+');
  const parts: string[] = [];
  let rest = shortcut;
  while (rest && MAC_MODIFIERS[rest[0]!]) {
    parts.push(MAC_MODIFIERS[rest[0]!]!);
    rest = rest.slice(1);
  }
  return rest ? [...parts, rest].join('+') : undefined;
}

/** command name → aria-keyshortcuts value, for the commands that have keys. */
export function ariaShortcutsOf(commands: readonly { name?: string; shortcut?: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of commands) {
    const keys = ariaKeyShortcut(c.shortcut);
    if (c.name && keys) out[c.name] = keys;
  }
  return out;
}
