// A virtual X display: real keystrokes reach Chromium's command handling only as X events to a headed browser, and
// headless Chromium closes an offscreen document it does not count as audible after 30 s (bench/README.md).
import { spawn, type ChildProcess } from 'node:child_process';

export interface XDisplay {
  display: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startXvfb(): Promise<XDisplay> {
  // -displayfd lets Xvfb pick a free display itself, so parallel runs on one machine cannot collide.
  const proc: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const displayNumber = await new Promise<string>((resolve, reject) => {
    let out = '';
    const fd3 = proc.stdio[3] as NodeJS.ReadableStream;
    fd3.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready: ${stderr}`)));
    setTimeout(() => reject(new Error(`Xvfb did not report a display within 15 s: ${stderr}`)), 15_000);
  });
  const display = `:${displayNumber}`;
  return {
    display,
    env: { DISPLAY: display },
    close: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

export function runXdotool(display: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('xdotool', args, { env: { ...process.env, DISPLAY: display } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.once('error', reject);
    p.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`xdotool ${args.join(' ')} exited ${code}: ${err}`)),
    );
  });
}

/** Chrome's shortcut text ("Alt+Shift+Y", "Ctrl+Comma") as an xdotool key chord ("alt+shift+y", "ctrl+comma"). */
export function shortcutToXdotool(shortcut: string): string {
  const names: Record<string, string> = {
    Ctrl: 'ctrl',
    MacCtrl: 'ctrl',
    Command: 'super',
    Alt: 'alt',
    Shift: 'shift',
    Comma: 'comma',
    Period: 'period',
    Space: 'space',
    Home: 'Home',
    End: 'End',
    PageUp: 'Prior',
    PageDown: 'Next',
    Insert: 'Insert',
    Delete: 'Delete',
    Up: 'Up',
    Down: 'Down',
    Left: 'Left',
    Right: 'Right',
    MediaNextTrack: 'XF86AudioNext',
    MediaPrevTrack: 'XF86AudioPrev',
    MediaPlayPause: 'XF86AudioPlay',
    MediaStop: 'XF86AudioStop',
  };
  return shortcut
    .split('+')
    .map((k) => names[k] ?? (k.length === 1 ? k.toLowerCase() : k))
    .join('+');
}

/**
 * Presses a Chrome shortcut as a real X key event in the (last) visible Chromium window on `display`, focused and
 * with the pointer over it: extension commands fire only for real input.
 */
export function pressShortcutInChromium(display: string, shortcut: string): Promise<void> {
  return pressShortcutInWindow(display, 'chromium', shortcut);
}

/** The same in the (last) visible window of the X class `windowClass` ('chromium', 'firefox-esr'). */
export async function pressShortcutInWindow(display: string, windowClass: string, shortcut: string): Promise<void> {
  const windows = (await runXdotool(display, ['search', '--sync', '--onlyvisible', '--class', windowClass]))
    .trim()
    .split('\n')
    .filter(Boolean);
  const win = windows.at(-1);
  if (!win) throw new Error(`no visible ${windowClass} window on the Xvfb display ${display}`);
  await runXdotool(display, ['windowfocus', '--sync', win]);
  await runXdotool(display, ['mousemove', '--window', win, '400', '300']);
  await runXdotool(display, ['key', '--clearmodifiers', shortcutToXdotool(shortcut)]);
}
