// Real Chromium (playwright-core, /usr/bin/chromium) with the built extension loaded, its service worker and its
// extension id — for the e2e tests, the benchmark and `npm start`.
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { chromiumPath, extensionDir } from './paths';
import { waitForTestApi } from './test-api-client';

export interface LaunchedBrowser {
  context: BrowserContext;
  sw: Worker;
  extensionId: string;
  profileDir: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headed?: boolean;
  /** Environment of the browser process on top of this one's (e.g. an Xvfb DISPLAY). */
  env?: Record<string, string>;
  /** The unpacked build to load (default: the test build, extensionDir). */
  extensionPath?: string;
  args?: string[];
  /** A profile kept between runs (`npm start`); by default a throwaway one, removed on close. */
  profileDir?: string;
  /** Wait until the worker has the test API (default true; dev builds have none). */
  testApi?: boolean;
  /**
   * A browser as a person uses it (`npm start`): no "controlled by automated software" bar, the window's own size
   * when headed, the GPU and (unless root or headless) the sandbox left on.
   */
  desktop?: boolean;
}

// Without these, Chromium's own background traffic gets refused on these machines, many requests at a time.
const backgroundTrafficOff = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const chromiumQuietFlags = ['--no-sandbox', '--disable-gpu', ...backgroundTrafficOff];

export function extensionFlags(dir = extensionDir): string[] {
  // Playwright adds --disable-extensions; without -except no service worker ever appears.
  return [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`];
}

function launchArgs(opts: LaunchOptions): string[] {
  if (!opts.desktop) {
    return [
      ...chromiumQuietFlags,
      ...extensionFlags(opts.extensionPath),
      '--window-size=1280,800',
      ...(opts.args ?? []),
    ];
  }
  const sandboxOff = !opts.headed || process.getuid?.() === 0;
  return [
    ...backgroundTrafficOff,
    ...(sandboxOff ? ['--no-sandbox'] : []),
    ...extensionFlags(opts.extensionPath),
    ...(opts.args ?? []),
  ];
}

export async function launchBrowser(opts: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const keepProfile = opts.profileDir !== undefined;
  const profileDir = opts.profileDir ?? (await mkdtemp(path.join(tmpdir(), 'vocalid-e2e-profile-')));
  if (keepProfile) mkdirSync(profileDir, { recursive: true });
  const removeProfile = () => (keepProfile ? Promise.resolve() : rm(profileDir, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: !opts.headed,
    args: launchArgs(opts),
    viewport: opts.desktop && opts.headed ? null : { width: 1200, height: 760 },
    ...(opts.desktop ? { ignoreDefaultArgs: ['--enable-automation'] } : {}),
    ...(opts.env ? { env: { ...process.env, ...opts.env } as Record<string, string> } : {}),
  });
  try {
    const sw = await getServiceWorker(context);
    const extensionId = extensionIdOf(sw);
    if (opts.testApi !== false) await waitForTestApi(sw);
    return {
      context,
      sw,
      extensionId,
      profileDir,
      async close() {
        await context.close().catch(() => undefined);
        await removeProfile();
      },
    };
  } catch (err) {
    await context.close().catch(() => undefined);
    await removeProfile();
    throw err;
  }
}

export async function getServiceWorker(context: BrowserContext, timeoutMs = 20_000): Promise<Worker> {
  const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://');
  const existing = context.serviceWorkers().find(isOurs);
  if (existing) return existing;
  return context.waitForEvent('serviceworker', { predicate: isOurs, timeout: timeoutMs });
}

export function extensionIdOf(sw: Worker): string {
  const id = new URL(sw.url()).host;
  if (!id) throw new Error(`No extension id in service worker URL ${sw.url()}`);
  return id;
}
