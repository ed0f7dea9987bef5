import { describe, expect, it } from 'vitest';
import { ariaKeyShortcut, ariaShortcutsOf } from '../../utils/commands/aria-key-shortcut';

describe('aria-keyshortcuts from commands.getAll()', () => {
  it('keeps Chrome’s Linux/Windows form and spells out macOS symbols', () => {
    expect(ariaKeyShortcut('Alt+Shift+K')).toBe('Alt+Shift+K');
    expect(ariaKeyShortcut('Ctrl+Shift+Y')).toBe('Control+Shift+Y');
    expect(ariaKeyShortcut('⌥⇧K')).toBe('Alt+Shift+K');
    expect(ariaKeyShortcut('⌘⇧Y')).toBe('Meta+Shift+Y');
  });

  it('leaves out commands without keys', () => {
    expect(ariaKeyShortcut('')).toBeUndefined();
    expect(ariaKeyShortcut(undefined)).toBeUndefined();
    expect(
      ariaShortcutsOf([
        { name: 'pause-resume', shortcut: 'Alt+Shift+K' },
        { name: 'faster', shortcut: '' },
        { shortcut: 'Alt+Q' },
      ]),
    ).toEqual({ 'pause-resume': 'Alt+Shift+K' });
  });
});
