// Firefox ESR with the extension, driven by puppeteer-core over WebDriver BiDi (playwright-core cannot drive Debian's
// Firefox; ../shared/notes/browser-testing.md). The add-on is installed as a temporary add-on
// (`webExtension.install`) into a throwaway profile. BiDi neither shows extension contexts nor navigates to
// moz-extension://, so the background's test API is reached over a loopback command queue that the test build's
// background polls (utils/instrumentation/test-bridge.ts).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser } from 'puppeteer-core';
import type { ReadSource } from '../../utils/messages/background-protocol';
import type { ReadingState } from '../../utils/reading/reading-state';
import { repoRoot } from './paths';
import { filterSession, type PlaybackEventRecord } from './playback-log';
import { playbackLogFrom } from '../../utils/instrumentation/playback-log';
import { waitForReadingState } from './reading-waits';
import type { SettingsPatch } from './test-api-client';
import { waitFor } from './wait';

export const firefoxPath = '/usr/bin/firefox-esr';
/** The gecko id in wxt.config.ts. */
export const GECKO_ID = 'read-aloud@vocalid.co';
/** The Firefox test build, or the e2e snapshot test/e2e-firefox/global-setup.ts made of it. */
export const firefoxExtensionDir =
  process.env.VOCALID_E2E_FIREFOX_EXTENSION_DIR ?? path.join(repoRoot, '.output/test/firefox-mv2');

/** What the bridge needs of a launched Firefox: a way to open a web page in a new tab. */
export interface FirefoxTabs {
  openTab(url: string): Promise<void>;
}

export interface LaunchedFirefox extends FirefoxTabs {
  browser: Browser;
  /** moz-extension://<uuid>/ — fixed per launch through the `extensions.webextensions.uuids` preference. */
  origin: string;
  close(): Promise<void>;
}

/** The preferences every test Firefox runs with; `uuid` fixes the extension's moz-extension:// host. */
export function firefoxPrefs(uuid: string): Record<string, unknown> {
  return {
    ...(process.env.VOCALID_FIREFOX_LOG === '1' ? { 'devtools.console.stdout.chrome': true } : {}),
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    // These machines have no audio device (no sound server): without one, Firefox's AudioContext stays
    // 'suspended' and resume() never settles (verified with ESR 153). The mock device Gecko's own tests use
    // runs the audio clock in real time, like Chromium headless does with no device.
    'media.cubeb.force_mock_context': true,
    // No user gesture is needed for audio, as in Chrome's offscreen document.
    'media.autoplay.default': 0,
    'media.autoplay.block-webaudio': false,
    // Keep Firefox's own traffic off the machine's network: only loopback is reachable here.
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'app.update.enabled': false,
    'browser.safebrowsing.update.enabled': false,
  };
}

/** The extension build to install, checked. */
export function firefoxBuild(extensionDir?: string): string {
  const dir = extensionDir ?? firefoxExtensionDir;
  if (!existsSync(path.join(dir, 'manifest.json')))
    throw new Error(`no Firefox build at ${dir}: run VOCALID_BUILD=test npx wxt build -b firefox`);
  return dir;
}

export interface FirefoxLaunchOptions {
  extensionDir?: string;
  /** Headed on this X display (an Xvfb of the test's own), for real keystrokes; headless by default. */
  display?: string;
}

export async function launchFirefox(opts: FirefoxLaunchOptions = {}): Promise<LaunchedFirefox> {
  const dir = firefoxBuild(opts.extensionDir);
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: opts.display === undefined,
    ...(opts.display !== undefined ? { env: { ...process.env, DISPLAY: opts.display } } : {}),
    // VOCALID_FIREFOX_LOG=1: Firefox's output, the extension's console included, on this process's stderr.
    dumpio: process.env.VOCALID_FIREFOX_LOG === '1',
    extraPrefsFirefox: firefoxPrefs(uuid),
  });
  try {
    await browser.installExtension(dir);
  } catch (err) {
    await browser.close();
    throw err;
  }
  return {
    browser,
    origin: `moz-extension://${uuid}/`,
    openTab: async (url) => {
      const tab = await browser.newPage();
      await tab.goto(url).catch(() => undefined);
    },
    close: () => browser.close(),
  };
}

/** A call of the background's test API over the loopback bridge (utils/instrumentation/test-bridge.ts). */
export interface FirefoxBackground {
  call<T = unknown>(op: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

interface Pending {
  command: { id: number; op: string; args: unknown[] };
  resolve(value: unknown): void;
  reject(err: Error): void;
}

const BRIDGE_PATH = '/__vocalid-bridge';
/** A poll with nothing to do ends after this long and the background asks again. */
const POLL_WINDOW_MS = 20_000;

/**
 * Serves the command queue, opens the tab that tells the background where it is, and waits for its first answer.
 */
export async function connectBackground(ff: FirefoxTabs, timeoutMs = 20_000): Promise<FirefoxBackground> {
  let nextId = 1;
  let closed = false;
  const queue: Pending[] = [];
  const inFlight = new Map<number, Pending>();
  const waiting: ServerResponse[] = [];

  const dispatch = () => {
    while (queue.length > 0 && waiting.length > 0) {
      const res = waiting.shift()!;
      const p = queue.shift()!;
      inFlight.set(p.command.id, p);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(p.command));
    }
  };

  const server = createServer((req, res) => {
    if (req.url === `${BRIDGE_PATH}/next`) {
      if (closed) return void res.writeHead(410).end();
      waiting.push(res);
      const timer = setTimeout(() => {
        const i = waiting.indexOf(res);
        if (i >= 0) waiting.splice(i, 1)[0]!.writeHead(204).end();
      }, POLL_WINDOW_MS);
      res.on('close', () => clearTimeout(timer));
      dispatch();
      return;
    }
    if (req.url === `${BRIDGE_PATH}/result` && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        res.writeHead(204).end();
        const answer = JSON.parse(body) as { id: number; result?: unknown; error?: string };
        const p = inFlight.get(answer.id);
        if (!p) return;
        inFlight.delete(answer.id);
        if (answer.error !== undefined) p.reject(new Error(`${p.command.op}: ${answer.error}`));
        else p.resolve(answer.result);
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bridge</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = <T>(op: string, ...args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (closed) return reject(new Error('bridge closed'));
      queue.push({ command: { id: nextId++, op, args }, resolve: resolve as (v: unknown) => void, reject });
      dispatch();
    });
  const close = async () => {
    closed = true;
    for (const res of waiting.splice(0)) res.writeHead(410).end();
    for (const p of [...queue.splice(0), ...inFlight.values()]) p.reject(new Error('bridge closed'));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  await ff.openTab(`${origin}${BRIDGE_PATH}`);
  try {
    await waitFor(
      () => call<unknown[]>('tabs.query').then(() => true),
      timeoutMs,
      'the background to answer the bridge',
    );
  } catch (err) {
    await close();
    throw new Error(`${(err as Error).message} (is this a VOCALID_BUILD=test Firefox build?)`);
  }
  return { call, close };
}

/** The id Firefox gives a page's tab, as the extension sees it. */
export async function firefoxTabId(bg: FirefoxBackground, url: string): Promise<number> {
  return waitFor(
    async () => (await bg.call<{ id?: number; url?: string }[]>('tabs.query')).find((t) => t.url === url)?.id,
    10_000,
    `the tab of ${url}`,
  );
}

/** The test API calls the Firefox tests make (the same functions the Chromium tests call in the worker). */
export const ffExt = {
  read: (bg: FirefoxBackground, tabId: number, opts: { source: ReadSource; fromBlock?: number }) =>
    bg.call<ReadingState>('read', tabId, opts),
  state: (bg: FirefoxBackground) => bg.call<ReadingState>('state'),
  pause: (bg: FirefoxBackground) => bg.call<ReadingState>('pause'),
  resume: (bg: FirefoxBackground) => bg.call<ReadingState>('resume'),
  stop: (bg: FirefoxBackground) => bg.call<ReadingState>('stop'),
  contextMenuClick: (bg: FirefoxBackground, info: Record<string, unknown>, tabId: number) =>
    bg.call<ReadingState>('contextMenuClick', info, tabId),
  command: (bg: FirefoxBackground, name: string, tabId: number) => bg.call<ReadingState>('command', name, tabId),
  setSettings: (bg: FirefoxBackground, patch: SettingsPatch) => bg.call('settings.set', patch),
  commands: (bg: FirefoxBackground) => bg.call<{ name?: string; shortcut?: string }[]>('commands.getAll'),
  /** Every playback event the background received (test builds' log), for one reading. */
  playbackLog: async (bg: FirefoxBackground, sessionId: string): Promise<PlaybackEventRecord[]> =>
    filterSession(
      playbackLogFrom(await bg.call<Record<string, unknown>>('storage.session.get', null)) as PlaybackEventRecord[],
      sessionId,
    ),
  waitForState: (bg: FirefoxBackground, predicate: (s: ReadingState) => boolean, timeoutMs?: number, what?: string) =>
    waitForReadingState(() => bg.call<ReadingState>('state'), predicate, timeoutMs, what),
};
