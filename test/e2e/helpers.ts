// Harness for the real-browser tests: the built test extension in real Chromium (playwright-core), the real
// VocaliD-compatible server on loopback, fixtures served over HTTP, and an Xvfb display for real keystrokes.
// Everything here talks to the extension through the test automation API (`__vocalidTest`, test builds only)
// and to the server through its `/__test/` API — both contracts live in docs/architecture.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startServer } from '../../server/src/start-server';
import type { ReadSource } from '../../utils/messages/background-protocol';
import type { ReadingState, ReadingStatus, ReadingUnit } from '../../utils/reading/reading-state';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// global-setup.ts snapshots the build and says where; outside vitest (probes, benchmarks) use the build itself.
export const extensionDir = process.env.VOCALID_E2E_EXTENSION_DIR ?? path.join(repoRoot, '.output/test/chrome-mv3');
export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const chromiumPath = '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------------------------------
// Contract types (docs/architecture.md, "Reading state" and "Test automation API"), from the runtime itself and
// re-exported for the tests and the benchmark.
export type { ReadSource } from '../../utils/messages/background-protocol';
export type { ReadingState, ReadingStatus, ReadingUnit, UnitStatus } from '../../utils/reading/reading-state';

/** Settings patch the tests use; the store may hold more fields. */
export interface SettingsPatch {
  baseUrl?: string;
  rate?: number;
  pitch?: number;
  voiceToken?: string;
  [key: string]: unknown;
}

interface VocalidTestApi {
  read(tabId: number, opts: { source: ReadSource; fromBlock?: number }): Promise<ReadingState>;
  contextMenuClick(info: Record<string, unknown>, tabId: number): Promise<unknown>;
  command(name: string, tabId: number): Promise<unknown>;
  stop(): Promise<unknown>;
  pause(): Promise<unknown>;
  resume(): Promise<unknown>;
  state(): Promise<ReadingState>;
  settings: { get(): Promise<Record<string, unknown>>; set(patch: SettingsPatch): Promise<unknown> };
  clearCache(): Promise<unknown>;
  cacheStats(): Promise<unknown>;
  usePacing(name: 'product' | 'naive'): void;
}
interface ChromeInWorker {
  tabs: { query(q: object): Promise<{ id?: number; url?: string; pendingUrl?: string }[]> };
  commands: { getAll(): Promise<{ name?: string; shortcut?: string; description?: string }[]> };
}
// Functions passed to sw.evaluate run in the service worker, where these globals exist.
type SwGlobal = typeof globalThis & { __vocalidTest: VocalidTestApi; chrome: ChromeInWorker };

// ---------------------------------------------------------------------------------------------------------------
// Generic polling (the only way to wait on state living in another process). Timeouts are generous upper bounds,
// never measurements.

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs: number,
  what: string,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== null && v !== false) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const suffix = lastError ? ` (last error: ${String(lastError)})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${suffix}`);
    }
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// Server

export interface TestServer {
  url: string;
  port: number;
  close(): Promise<void>;
  dataDir: string;
}

/** The real server with fault injection on, a throwaway data dir and a free port on loopback. */
export async function startTestServer(opts: { tokenTtl?: number; port?: number } = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vocalid-e2e-data-'));
  const server = await startServer({
    host: '127.0.0.1',
    port: opts.port ?? 0,
    dataDir,
    // Dev mode seeds the demo client the dev/test builds carry (demo-client/demo-secret).
    dev: true,
    testFaults: true,
    quiet: true,
    ...(opts.tokenTtl !== undefined ? { tokenTtl: opts.tokenTtl } : {}),
  });
  let closed = false;
  return {
    url: server.url.replace(/\/+$/, ''),
    port: server.port,
    dataDir,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface LoggedRequest {
  id: number | string;
  at: number | string;
  method: string;
  path: string;
  query: unknown;
  status: number;
  ms: number;
  auth: 'hmac' | 'bearer' | null;
}

export async function serverRequests(server: { url: string }): Promise<LoggedRequest[]> {
  const res = await fetch(`${server.url}/__test/requests`);
  if (!res.ok) throw new Error(`GET /__test/requests → ${res.status}`);
  const body = (await res.json()) as { requests: LoggedRequest[] };
  return body.requests;
}

export async function clearServerRequests(server: { url: string }): Promise<void> {
  const res = await fetch(`${server.url}/__test/requests`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`DELETE /__test/requests → ${res.status}`);
}

export async function setServerFaults(server: { url: string }, rules: Record<string, unknown>[]): Promise<void> {
  const res = await fetch(`${server.url}/__test/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });
  if (!res.ok) throw new Error(`PUT /__test/faults → ${res.status}`);
}

/** The log's `query` is specified only by name: accept a raw query string or an already-parsed object. */
export function queryParams(query: unknown): Record<string, string> {
  if (typeof query === 'string') return Object.fromEntries(new URLSearchParams(query.replace(/^\?/, '')));
  if (query && typeof query === 'object') {
    return Object.fromEntries(Object.entries(query as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  }
  return {};
}

export interface SynthesisRequest {
  /** When the server finished answering (the request log is written then). */
  at: number;
  /** When the request reached the server. */
  arrivedAt: number;
  status: number;
  auth: LoggedRequest['auth'];
  script: string;
  pitch: number;
  rate: number;
  params: Record<string, string>;
}

const synthesisPath = /^\/api\/v1\/external\/synthesis\/?$/;

export async function synthesisRequests(server: { url: string }): Promise<SynthesisRequest[]> {
  return (await serverRequests(server))
    .filter((r) => r.method === 'GET' && synthesisPath.test(r.path))
    .map((r) => {
      const params = queryParams(r.query);
      const at = typeof r.at === 'number' ? r.at : Date.parse(r.at);
      return {
        at,
        arrivedAt: at - r.ms,
        status: r.status,
        auth: r.auth,
        script: params.script ?? '',
        // Absent means the documented default of 1.
        pitch: params.pitch === undefined ? 1 : Number(params.pitch),
        rate: params.rate === undefined ? 1 : Number(params.rate),
        params,
      };
    });
}

export async function tokenRequests(server: { url: string }): Promise<LoggedRequest[]> {
  return (await serverRequests(server)).filter((r) => /^\/api\/v1\/oauth\/token\/?$/.test(r.path));
}

// ---------------------------------------------------------------------------------------------------------------
// Static fixture server (test/e2e/fixtures/*.html on loopback, which test builds may script)

export interface FixtureServer {
  url(name: string): string;
  close(): Promise<void>;
}

export async function startFixtureServer(dir = fixturesDir): Promise<FixtureServer> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
  };
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(dir, path.normalize(pathname).replace(/^([/\\])+/, ''));
    if (!file.startsWith(dir + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let seq = 0;
  return {
    // A unique query per page load lets the service worker find exactly this tab by URL.
    url: (name) => `http://127.0.0.1:${port}/${name}?load=${++seq}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Browser

export interface LaunchedBrowser {
  context: BrowserContext;
  sw: Worker;
  extensionId: string;
  profileDir: string;
  close(): Promise<void>;
}

// Without these, Chromium's own background traffic gets refused on these machines, many requests at a time.
export const chromiumQuietFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function extensionFlags(dir = extensionDir): string[] {
  // Playwright adds --disable-extensions; without -except no service worker ever appears.
  return [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`];
}

export async function launchBrowser(
  opts: { headed?: boolean; env?: Record<string, string>; extensionPath?: string; args?: string[] } = {},
): Promise<LaunchedBrowser> {
  const profileDir = await mkdtemp(path.join(tmpdir(), 'vocalid-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: !opts.headed,
    args: [
      ...chromiumQuietFlags,
      ...extensionFlags(opts.extensionPath),
      '--window-size=1280,800',
      ...(opts.args ?? []),
    ],
    viewport: { width: 1200, height: 760 },
    ...(opts.env ? { env: { ...process.env, ...opts.env } as Record<string, string> } : {}),
  });
  try {
    const sw = await getServiceWorker(context);
    const extensionId = extensionIdOf(sw);
    await waitForTestApi(sw);
    return {
      context,
      sw,
      extensionId,
      profileDir,
      async close() {
        await context.close().catch(() => undefined);
        await rm(profileDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await context.close().catch(() => undefined);
    await rm(profileDir, { recursive: true, force: true });
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

async function waitForTestApi(sw: Worker): Promise<void> {
  await waitFor(
    () => sw.evaluate(() => typeof (globalThis as SwGlobal).__vocalidTest === 'object'),
    15_000,
    '__vocalidTest on the service worker (is this a VOCALID_BUILD=test build?)',
  );
}

/** Open a page in a new tab and return it with its tab id as the extension sees it. */
export async function openTab(b: LaunchedBrowser, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await b.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const tabId = await tabIdOf(b.sw, page);
  return { page, tabId };
}

export async function tabIdOf(sw: Worker, page: Page): Promise<number> {
  const url = page.url();
  return waitFor(
    () =>
      sw.evaluate(async (u) => {
        const tabs = await (globalThis as SwGlobal).chrome.tabs.query({});
        return tabs.find((t) => t.url === u || t.pendingUrl === u)?.id ?? null;
      }, url),
    10_000,
    `the tab id of ${url}`,
  );
}

export async function openPopup(b: LaunchedBrowser, tabId: number): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`, { waitUntil: 'load' });
  return page;
}

// ---------------------------------------------------------------------------------------------------------------
// Typed wrappers for __vocalidTest

export const ext = {
  read: (sw: Worker, tabId: number, opts: { source: ReadSource; fromBlock?: number }) =>
    sw.evaluate(([t, o]) => (globalThis as SwGlobal).__vocalidTest.read(t, o), [tabId, opts] as const),
  contextMenuClick: (sw: Worker, info: Record<string, unknown>, tabId: number) =>
    sw.evaluate(([i, t]) => (globalThis as SwGlobal).__vocalidTest.contextMenuClick(i, t), [info, tabId] as const),
  command: (sw: Worker, name: string, tabId: number) =>
    sw.evaluate(([n, t]) => (globalThis as SwGlobal).__vocalidTest.command(n, t), [name, tabId] as const),
  stop: (sw: Worker) => sw.evaluate(() => (globalThis as SwGlobal).__vocalidTest.stop()),
  pause: (sw: Worker) => sw.evaluate(() => (globalThis as SwGlobal).__vocalidTest.pause()),
  resume: (sw: Worker) => sw.evaluate(() => (globalThis as SwGlobal).__vocalidTest.resume()),
  state: (sw: Worker): Promise<ReadingState> => sw.evaluate(() => (globalThis as SwGlobal).__vocalidTest.state()),
  getSettings: (sw: Worker) => sw.evaluate(() => (globalThis as SwGlobal).__vocalidTest.settings.get()),
  setSettings: (sw: Worker, patch: SettingsPatch) =>
    sw.evaluate((p) => (globalThis as SwGlobal).__vocalidTest.settings.set(p), patch),
  clearCache: (sw: Worker) => sw.evaluate(() => (globalThis as SwGlobal).__vocalidTest.clearCache()),
  cacheStats: (sw: Worker) => sw.evaluate(() => (globalThis as SwGlobal).__vocalidTest.cacheStats()),
  commands: (sw: Worker) => sw.evaluate(() => (globalThis as SwGlobal).chrome.commands.getAll()),
  /** The pacing of readings started from now on (the benchmark's naive baseline, or back to the product's). */
  usePacing: (sw: Worker, name: 'product' | 'naive') =>
    sw.evaluate((n) => (globalThis as SwGlobal).__vocalidTest.usePacing(n), name),
};

/** Point the extension at a server; rate 2 by default because audio plays in real time and tests pay for it. */
export async function configureExtension(sw: Worker, server: { url: string }, patch: SettingsPatch = {}) {
  await ext.setSettings(sw, { baseUrl: server.url, rate: 2, ...patch });
}

// ---------------------------------------------------------------------------------------------------------------
// The usual lifecycle of a test file: one server, one fixture server and one configured browser for the whole file.

export interface ExtensionSessionOptions {
  /** Access-token lifetime of the test server, in seconds. */
  tokenTtl?: number;
  /** Serve test/e2e/fixtures (default true). */
  fixtures?: boolean;
  /** Headed Chromium on an Xvfb display of its own, for real keystrokes (default false). */
  headed?: boolean;
  /** Settings on top of configureExtension's defaults (the server's address, rate 2). */
  settings?: SettingsPatch;
  /** Runs once the browser is up, before the extension is configured (e.g. to capture its console from the start). */
  onLaunch?: (browser: LaunchedBrowser) => void | Promise<void>;
  /** Before each test: stop reading, clear the audio cache and the server's request log (default true). */
  reset?: boolean;
}

/** What useExtensionSession set up; each getter throws if read before its beforeAll ran (or without the option). */
export interface ExtensionSession {
  readonly server: TestServer;
  readonly fixtures: FixtureServer;
  readonly browser: LaunchedBrowser;
  readonly xvfb: XDisplay;
}

/**
 * Registers the file's hooks: beforeAll starts the server, the fixture server (and Xvfb when headed), launches the
 * browser and points the extension at the server; afterAll closes them all; beforeEach (unless `reset: false`)
 * starts each test cold. Call at the top level of a test file.
 */
export function useExtensionSession(opts: ExtensionSessionOptions = {}): ExtensionSession {
  let server: TestServer | undefined;
  let fixtures: FixtureServer | undefined;
  let xvfb: XDisplay | undefined;
  let browser: LaunchedBrowser | undefined;

  beforeAll(async () => {
    server = await startTestServer(opts.tokenTtl !== undefined ? { tokenTtl: opts.tokenTtl } : {});
    if (opts.fixtures !== false) fixtures = await startFixtureServer();
    if (opts.headed) xvfb = await startXvfb();
    browser = await launchBrowser(xvfb ? { headed: true, env: xvfb.env } : {});
    await opts.onLaunch?.(browser);
    await configureExtension(browser.sw, server, opts.settings);
  });

  afterAll(async () => {
    await browser?.close();
    await xvfb?.close();
    await fixtures?.close();
    await server?.close();
  });

  if (opts.reset !== false) {
    beforeEach(async () => {
      await ext.stop(session.browser.sw);
      await ext.clearCache(session.browser.sw);
      await clearServerRequests(session.server);
    });
  }

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useExtensionSession: no ${what} (not set up yet, or not asked for)`);
    return value;
  };
  const session: ExtensionSession = {
    get server() {
      return ready(server, 'server');
    },
    get fixtures() {
      return ready(fixtures, 'fixture server');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get xvfb() {
      return ready(xvfb, 'Xvfb display');
    },
  };
  return session;
}

export async function waitForState(
  sw: Worker,
  predicate: (s: ReadingState) => boolean,
  timeoutMs = 60_000,
  what = 'a matching reading state',
): Promise<ReadingState> {
  let last: ReadingState | undefined;
  try {
    return await waitFor(
      async () => {
        last = await ext.state(sw);
        return predicate(last) ? last : undefined;
      },
      timeoutMs,
      what,
      150,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last state: ${describeState(last)}`);
  }
}

const finalStatuses: ReadingStatus[] = ['done', 'stopped', 'error'];

/** Wait until reading ends, whichever way; callers assert the way. */
export function waitForEnd(sw: Worker, timeoutMs = 90_000): Promise<ReadingState> {
  return waitForState(sw, (s) => finalStatuses.includes(s.status), timeoutMs, 'reading to end');
}

/**
 * Wait for the end of a long reading, failing early when it stops making progress (no unit changing status for
 * `stallMs` while not paused) instead of sitting out the whole timeout.
 */
export async function waitForEndWithProgress(
  sw: Worker,
  opts: { timeoutMs: number; stallMs: number },
): Promise<ReadingState> {
  const deadline = Date.now() + opts.timeoutMs;
  let signature = '';
  let changedAt = Date.now();
  for (;;) {
    const s = await ext.state(sw);
    if (finalStatuses.includes(s.status)) return s;
    const sig = `${s.status} ${s.units.map((u) => u.status).join(',')}`;
    if (sig !== signature || s.status === 'paused') {
      signature = sig;
      changedAt = Date.now();
    } else if (Date.now() - changedAt > opts.stallMs) {
      throw new Error(`reading stalled: no progress for ${opts.stallMs} ms; state: ${describeState(s)}`);
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${opts.timeoutMs} ms; state: ${describeState(s)}`);
    await sleep(250);
  }
}

export function describeState(s: ReadingState | undefined): string {
  if (!s) return '(none)';
  const units = s.units.map((u) => `#${u.index}:${u.status}${u.error ? `(${u.error})` : ''}`).join(' ');
  return `status=${s.status}${s.error ? ` error=${JSON.stringify(s.error)}` : ''} units=[${units}]`;
}

// ---------------------------------------------------------------------------------------------------------------
// Page helpers

/** Select from the start of `fromText` to the end of `toText` (both inside the page's text) like a user would. */
export async function selectText(page: Page, fromText: string, toText: string): Promise<string> {
  return page.evaluate(
    ([from, to]) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const find = (needle: string) => {
        for (const node of nodes) {
          const i = node.data.indexOf(needle);
          if (i >= 0) return { node, i };
        }
        throw new Error(`text not found in page: ${needle}`);
      };
      const a = find(from);
      const b = find(to);
      const range = document.createRange();
      range.setStart(a.node, a.i);
      range.setEnd(b.node, b.i + to.length);
      const sel = window.getSelection();
      if (!sel) throw new Error('no selection object');
      sel.removeAllRanges();
      sel.addRange(range);
      return sel.toString();
    },
    [fromText, toText] as const,
  );
}

/** Whitespace-insensitive comparison key for text that went through extraction and segmentation. */
export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------------------------
// Xvfb (real keystrokes reach Chromium's command handling only as X events to a headed browser)

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

// ---------------------------------------------------------------------------------------------------------------
// Measurements (shared with the benchmark). All times are the extension's Date.now() values from ReadingState.

export function playedInOrder(state: ReadingState): ReadingUnit[] {
  return [...state.units].sort((a, b) => a.index - b.index);
}

/** Time from the trigger to the first unit that started playing, in ms (undefined if nothing played). */
export function timeToFirstAudio(state: ReadingState, triggeredAt = state.triggeredAt): number | undefined {
  const starts = state.units.map((u) => u.startedAt).filter((t): t is number => typeof t === 'number');
  if (triggeredAt === undefined || starts.length === 0) return undefined;
  return Math.min(...starts) - triggeredAt;
}

/**
 * Silence between consecutive units beyond the deliberate pause: next.startedAt − (unit.endedAt).
 * `intended` is the unit's own pauseAfterMs, so callers can separate designed pauses from loading gaps.
 */
export function unitGaps(state: ReadingState): { from: number; to: number; gapMs: number; intendedMs: number }[] {
  const units = playedInOrder(state);
  const gaps: { from: number; to: number; gapMs: number; intendedMs: number }[] = [];
  for (let i = 0; i + 1 < units.length; i++) {
    const a = units[i]!;
    const b = units[i + 1]!;
    if (a.endedAt === undefined || b.startedAt === undefined) continue;
    gaps.push({ from: a.index, to: b.index, gapMs: b.startedAt - a.endedAt, intendedMs: a.pauseAfterMs });
  }
  return gaps;
}

// ---------------------------------------------------------------------------------------------------------------
// Follow-along on the page (test builds mirror what the page script shows as attributes of <html>, and use open
// shadow roots for the on-page player so Playwright and axe can reach its controls)

export interface PageFollowState {
  /** Text of the ranges in CSS.highlights('vocalid-sentence') as the page's main world sees them. */
  cssSentence: string | null;
  cssWord: string | null;
  /** The page script's own report (data-vocalid-* attributes, test builds only). */
  sentence: string | null;
  word: string | null;
  /** Offset of the word in the unit's text. */
  wordStart: number | null;
  remainingMs: number | null;
  unit: number | null;
}

export function pageFollowState(page: Page): Promise<PageFollowState> {
  return page.evaluate(() => {
    const registry = (globalThis as unknown as { CSS: { highlights?: Map<string, Set<Range>> } }).CSS.highlights;
    const textOf = (name: string): string | null => {
      const h = registry?.get(name);
      if (!h) return null;
      return [...h].map((r) => r.toString()).join('');
    };
    const attr = (name: string) => document.documentElement.getAttribute(name);
    const num = (name: string) => (attr(name) === null ? null : Number(attr(name)));
    return {
      cssSentence: textOf('vocalid-sentence'),
      cssWord: textOf('vocalid-word'),
      sentence: attr('data-vocalid-sentence'),
      word: attr('data-vocalid-word'),
      wordStart: num('data-vocalid-word-start'),
      remainingMs: num('data-vocalid-remaining-ms'),
      unit: num('data-vocalid-unit'),
    };
  });
}

/** A control of the on-page mini player (open shadow root in test builds; Playwright CSS pierces it). */
export function playerControl(page: Page, action: string) {
  return page.locator(`vocalid-mini-player [data-action="${action}"]`);
}

/** The unit the offscreen player is playing now, by the extension's state (undefined between units). */
export function playingUnit(state: ReadingState): ReadingUnit | undefined {
  return state.units.find((u) => u.status === 'playing');
}

/** The first unit to start playing after `t` (e.g. a control pressed then), with the state that shows it. */
export async function firstUnitStartedAfter(
  sw: Worker,
  t: number,
  what: string,
): Promise<{ unit: ReadingUnit; state: ReadingState }> {
  const state = await waitForState(sw, (s) => s.units.some((u) => (u.startedAt ?? 0) > t), 30_000, what);
  const unit = state.units.filter((u) => (u.startedAt ?? 0) > t).sort((a, b) => a.startedAt! - b.startedAt!)[0]!;
  return { unit, state };
}

// ---------------------------------------------------------------------------------------------------------------
// Options, storage and privacy helpers (options/privacy/security e2e tests)

/** The options page opened as a tab, as a person opens it from the extensions menu. */
export async function openOptions(b: LaunchedBrowser): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html`, { waitUntil: 'load' });
  await page.getByRole('heading', { name: /Options/ }).waitFor({ timeout: 10_000 });
  return page;
}

type StorageGlobal = typeof globalThis & {
  chrome: {
    storage: {
      local: { get(k: null): Promise<Record<string, unknown>> };
      session: { get(k: null): Promise<Record<string, unknown>> };
    };
  };
};

/** Everything in the extension's storage.local, read in the service worker. */
export function localStorageSnapshot(b: LaunchedBrowser): Promise<Record<string, unknown>> {
  return b.sw.evaluate(() => (globalThis as StorageGlobal).chrome.storage.local.get(null));
}

/** Everything in the extension's storage.session, read in the service worker. */
export function sessionStorageSnapshot(b: LaunchedBrowser): Promise<Record<string, unknown>> {
  return b.sw.evaluate(() => (globalThis as StorageGlobal).chrome.storage.session.get(null));
}

// ---------------------------------------------------------------------------------------------------------------
// Reliability suite (test/e2e/reliability*.test.ts, bad-input*.test.ts): browser-level DevTools access to the
// extension's own targets, forced service-worker stops, the test build's playback event log, console capture.

export interface DevToolsTarget {
  targetId: string;
  type: string;
  url: string;
}

const browserSessions = new WeakMap<BrowserContext, Promise<import('playwright-core').CDPSession>>();

/**
 * A browser-level DevTools session. (A page-level session's ServiceWorker.stopAllWorkers closed the whole
 * context; Target.closeTarget on the worker target from a browser session stops just the worker.)
 */
export function browserDevTools(b: LaunchedBrowser): Promise<import('playwright-core').CDPSession> {
  let session = browserSessions.get(b.context);
  if (!session) {
    const owner = b.context.browser();
    if (!owner) throw new Error('this context has no Browser object, so no browser-level DevTools session');
    session = owner.newBrowserCDPSession();
    browserSessions.set(b.context, session);
  }
  return session;
}

export async function devToolsTargets(b: LaunchedBrowser): Promise<DevToolsTarget[]> {
  const cdp = await browserDevTools(b);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: DevToolsTarget[] };
  return targetInfos;
}

const isOurWorker = (b: LaunchedBrowser) => (t: DevToolsTarget) =>
  t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${b.extensionId}/`);
const isOurOffscreen = (b: LaunchedBrowser) => (t: DevToolsTarget) =>
  t.url.startsWith(`chrome-extension://${b.extensionId}/offscreen.html`);

export async function serviceWorkerRunning(b: LaunchedBrowser): Promise<boolean> {
  return (await devToolsTargets(b)).some(isOurWorker(b));
}

export async function offscreenDocumentOpen(b: LaunchedBrowser): Promise<boolean> {
  return (await devToolsTargets(b)).some(isOurOffscreen(b));
}

/**
 * Stops the extension's service worker the way Chrome does when it is idle, without touching the test's
 * connection; Playwright's Worker object (b.sw) attaches to the next instance by itself. Returns once the worker
 * is gone. Something must wake it again (a playback event, a message, an extension page).
 */
export async function stopServiceWorker(b: LaunchedBrowser, timeoutMs = 15_000): Promise<void> {
  const cdp = await browserDevTools(b);
  // A marker on the current instance: the worker can be woken again (by the reading's own events) before a poll
  // sees its target gone, so "stopped" is proven by the marker missing as well.
  const marker = `stop-${Date.now()}-${Math.random()}`;
  type Marked = typeof globalThis & { __reliabilityMarker?: string };
  await b.sw.evaluate((m) => void ((globalThis as Marked).__reliabilityMarker = m), marker);
  const sameInstance = () =>
    Promise.race([
      b.sw.evaluate(() => (globalThis as Marked).__reliabilityMarker ?? null).then((m) => m === marker),
      sleep(500).then(() => true),
    ]).catch(() => false);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const target = (await devToolsTargets(b)).find(isOurWorker(b));
    if (!target) return;
    await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
    const closeSent = Date.now();
    while (Date.now() - closeSent < 3000) {
      if (!(await serviceWorkerRunning(b))) return;
      if (!(await sameInstance())) return;
      await sleep(25);
    }
  }
  throw new Error(`the service worker did not stop within ${timeoutMs} ms`);
}

/** Waits until a worker is running again (woken by the extension's own events) and answers evaluations. */
export async function waitForServiceWorker(b: LaunchedBrowser, timeoutMs = 20_000): Promise<void> {
  await waitFor(() => serviceWorkerRunning(b), timeoutMs, 'the service worker to start again', 25);
  await waitFor(
    () => b.sw.evaluate(() => typeof (globalThis as SwGlobal).__vocalidTest === 'object'),
    timeoutMs,
    'the restarted service worker to install its test API',
  );
}

/** Closes the offscreen document from outside, as Chrome does (the extension is not told). */
export async function closeOffscreenDocument(b: LaunchedBrowser): Promise<boolean> {
  const target = (await devToolsTargets(b)).find(isOurOffscreen(b));
  if (!target) return false;
  const cdp = await browserDevTools(b);
  await cdp.send('Target.closeTarget', { targetId: target.targetId });
  // Wait for that document to be gone, not for "no offscreen document": the extension may already have created the
  // next one (it recreates its player as soon as it needs it), which would hide the close from a poll.
  await waitFor(
    async () => !(await devToolsTargets(b)).some((t) => t.targetId === target.targetId),
    10_000,
    'the offscreen document to close',
    25,
  );
  return true;
}

export interface PlaybackEventRecord {
  sessionId: string;
  index: number;
  kind: 'started' | 'ended' | 'error';
  at: number;
  contextTime?: number;
  message?: string;
}

type SessionStorageGlobal = typeof globalThis & {
  chrome: {
    storage: { session: { get(k: string): Promise<Record<string, unknown>>; remove(k: string): Promise<void> } };
  };
};

/** Every playback event the worker received (test builds: utils/instrumentation/playback-log.ts), in arrival order. */
export async function playbackLog(sw: Worker, sessionId?: string | null): Promise<PlaybackEventRecord[]> {
  const all = await sw.evaluate(async () => {
    const stored = await (globalThis as SessionStorageGlobal).chrome.storage.session.get('__testPlaybackLog');
    return (stored.__testPlaybackLog ?? []) as PlaybackEventRecord[];
  });
  return sessionId ? all.filter((e) => sameSession(e.sessionId, sessionId)) : all;
}

/** A player session is the reading's id, or `<id>#<epoch>` after a seek restarted playback. */
const sameSession = (playerSession: string, sessionId: string) =>
  playerSession === sessionId || playerSession.startsWith(`${sessionId}#`);

export async function clearPlaybackLog(sw: Worker): Promise<void> {
  await sw.evaluate(() => (globalThis as SessionStorageGlobal).chrome.storage.session.remove('__testPlaybackLog'));
}

/**
 * What is wrong with a finished reading, from its final state and the playback events (empty when nothing):
 * every unit played, each unit's `ended` event exactly once, the ends in index order, each start after the
 * previous unit's end, and no `started` more often than `maxStartsPerUnit` (2 allows one interrupted replay).
 */
export function playbackProblems(state: ReadingState, events: PlaybackEventRecord[], maxStartsPerUnit = 1): string[] {
  const problems: string[] = [];
  if (state.status !== 'done') problems.push(`status is ${state.status}, not done (${describeState(state)})`);
  // Delivery is at least once (utils/playback/event-delivery.ts): an identical event twice is one event sent
  // again, not a unit played again, which would carry a new time.
  const seenEvents = new Set<string>();
  const mine = events.filter((e) => {
    if (state.sessionId === null || !sameSession(e.sessionId, state.sessionId)) return false;
    const key = `${e.sessionId}|${e.index}|${e.kind}|${e.at}|${e.contextTime ?? ''}`;
    if (seenEvents.has(key)) return false;
    seenEvents.add(key);
    return true;
  });
  for (const e of mine) if (e.kind === 'error') problems.push(`playback error on unit ${e.index}: ${e.message ?? ''}`);
  for (const u of state.units) {
    if (u.status !== 'played') problems.push(`unit ${u.index} is ${u.status}`);
    const ends = mine.filter((e) => e.index === u.index && e.kind === 'ended').length;
    const starts = mine.filter((e) => e.index === u.index && e.kind === 'started').length;
    if (ends !== 1) problems.push(`unit ${u.index} ended ${ends} times`);
    if (starts < 1 || starts > maxStartsPerUnit) problems.push(`unit ${u.index} started ${starts} times`);
  }
  const endOrder = mine.filter((e) => e.kind === 'ended').map((e) => e.index);
  const sorted = [...endOrder].sort((a, b) => a - b);
  if (endOrder.join(',') !== sorted.join(',')) problems.push(`units ended out of order: ${endOrder.join(',')}`);
  // Each unit's (last) start comes after the previous unit's end: nothing overlapped.
  for (const u of state.units) {
    if (u.index === 0) continue;
    const prevEnd = mine.find((e) => e.index === u.index - 1 && e.kind === 'ended');
    const lastStart = mine.filter((e) => e.index === u.index && e.kind === 'started').at(-1);
    if (prevEnd && lastStart && lastStart.at < prevEnd.at)
      problems.push(`unit ${u.index} started before unit ${u.index - 1} ended`);
  }
  return problems;
}

export interface CapturedConsole {
  lines(): string[];
  stop(): void;
}

/** Console output of every page, the service worker and the offscreen document (polled and attached). */
export function captureConsole(b: LaunchedBrowser): CapturedConsole {
  const lines: string[] = [];
  const onPage = (m: import('playwright-core').ConsoleMessage) => lines.push(`[page ${m.type()}] ${m.text()}`);
  const onWorker = (m: import('playwright-core').ConsoleMessage) => lines.push(`[sw ${m.type()}] ${m.text()}`);
  b.context.on('console', onPage);
  b.sw.on('console', onWorker);
  const attached = new Set<string>();
  let stopped = false;
  const poll = async () => {
    while (!stopped) {
      try {
        const cdp = await browserDevTools(b);
        for (const t of (await devToolsTargets(b)).filter(isOurOffscreen(b))) {
          if (attached.has(t.targetId)) continue;
          attached.add(t.targetId);
          const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false })) as {
            sessionId: string;
          };
          cdp.on('Target.receivedMessageFromTarget', (ev: { sessionId: string; message: string }) => {
            if (ev.sessionId !== sessionId) return;
            const msg = JSON.parse(ev.message) as {
              method?: string;
              params?: { type: string; args: { value?: unknown; description?: string }[] };
            };
            if (msg.method !== 'Runtime.consoleAPICalled' || !msg.params) return;
            const text = msg.params.args
              .map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? '')))
              .join(' ');
            lines.push(`[offscreen ${msg.params.type}] ${text}`);
          });
          await cdp.send('Target.sendMessageToTarget', {
            sessionId,
            message: JSON.stringify({ id: 1, method: 'Runtime.enable' }),
          });
        }
      } catch {
        // The browser may be closing; try again on the next round.
      }
      await sleep(300);
    }
  };
  void poll();
  return {
    lines: () => [...lines],
    stop() {
      stopped = true;
      b.context.off('console', onPage);
      b.sw.off('console', onWorker);
    },
  };
}

/**
 * Fills the extension's audio cache with `count` old entries of `size` bytes (recency 1000, 1001, …), written
 * straight into its two IndexedDB databases from an extension context (a service worker or an extension page).
 */
export async function seedAudioCache(target: Pick<Worker, 'evaluate'>, count: number, size: number): Promise<void> {
  await target.evaluate(
    async ({ count, size }) => {
      const open = (name: string, store: string) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name);
          req.onupgradeneeded = () => req.result.createObjectStore(store);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const put = (db: IDBDatabase, store: string, key: string, value: unknown) =>
        new Promise<void>((resolve, reject) => {
          const tx = db.transaction(store, 'readwrite');
          tx.objectStore(store).put(value, key);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      const bytes = await open('vocalid-audio', 'audio');
      const index = await open('vocalid-audio-index', 'entries');
      for (let i = 0; i < count; i++) {
        await put(bytes, 'audio', `filler-${i}`, new ArrayBuffer(size));
        await put(index, 'entries', `filler-${i}`, { size, lastUsed: 1000 + i });
      }
      bytes.close();
      index.close();
    },
    { count, size },
  );
}
