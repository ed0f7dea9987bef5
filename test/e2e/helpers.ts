// The e2e tests' vocabulary: the shared harness (test/harness/: Chromium with the extension, the local server, the
// test API clients, pages on loopback, Xvfb, DevTools access) re-exported, plus what only the tests use — the
// per-file lifecycle, follow-along and storage probes, playback checks, console capture, cache seeding.
import type { ConsoleMessage, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ReadingState, ReadingUnit } from '../../utils/reading/reading-state';
import { launchBrowser, type LaunchedBrowser } from '../harness/chromium';
import { ExtensionTargets } from '../harness/devtools';
import { startFixtureServer, type FixtureServer } from '../harness/page-server';
import { sameSession, type PlaybackEventRecord } from '../harness/playback-log';
import { describeState, waitForState } from '../harness/reading-waits';
import { startTestServer, type TestServer } from '../harness/local-server';
import { clearServerRequests } from '../harness/server-test-api';
import { configureExtension, ext, type SettingsPatch } from '../harness/test-api-client';
import { sleep } from '../harness/wait';
import { startXvfb, type XDisplay } from '../harness/xvfb';

export * from '../harness/chromium';
export * from '../harness/devtools';
export * from '../harness/extension-pages';
export * from '../harness/local-server';
export * from '../harness/page-server';
export * from '../harness/paths';
export * from '../harness/playback-log';
export * from '../harness/reading-waits';
export * from '../harness/server-test-api';
export * from '../harness/test-api-client';
export * from '../harness/wait';
export * from '../harness/xvfb';
// Contract types (docs/architecture.md, "Reading state" and "Test automation API"), from the runtime itself.
export type { ReadSource } from '../../utils/messages/background-protocol';
export type { ReadingState, ReadingStatus, ReadingUnit, UnitStatus } from '../../utils/reading/reading-state';

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
  /** The browser's UI language (`--lang`), which picks the extension's messages and direction (default English). */
  language?: string;
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
    const args = opts.language ? [`--lang=${opts.language}`] : [];
    browser = await launchBrowser(xvfb ? { headed: true, env: xvfb.env, args } : { args });
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

/** Whitespace-insensitive comparison key for text that went through extraction and segmentation. */
export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

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
// Storage probes (options/privacy/security e2e tests)

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

// Playback checks, console capture and cache seeding (reliability and bad-input suites)

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
  const onPage = (m: ConsoleMessage) => lines.push(`[page ${m.type()}] ${m.text()}`);
  const onWorker = (m: ConsoleMessage) => lines.push(`[sw ${m.type()}] ${m.text()}`);
  b.context.on('console', onPage);
  b.sw.on('console', onWorker);
  const targets = new ExtensionTargets(b);
  const attached = new Set<string>();
  let stopped = false;
  const poll = async () => {
    while (!stopped) {
      try {
        // Each offscreen document the extension creates is a new target: attach to every one as it appears.
        const session = await targets.offscreen();
        if (session && !attached.has(session.targetId)) {
          attached.add(session.targetId);
          session.onEvent((method, params) => {
            if (stopped || method !== 'Runtime.consoleAPICalled') return;
            const p = params as { type: string; args: { value?: unknown; description?: string }[] };
            const text = p.args.map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? ''))).join(' ');
            lines.push(`[offscreen ${p.type}] ${text}`);
          });
          await session.call('Runtime.enable');
        }
      } catch {
        // The browser may be closing, or the document closed between listing and attaching: next round.
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
/** The keys `seedAudioCache` gives its first `count` entries, oldest first. */
export function fillerKeys(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `filler-${i}`);
}

export async function seedAudioCache(target: Pick<Worker, 'evaluate'>, count: number, size: number): Promise<void> {
  await target.evaluate(
    async ({ keys, size }) => {
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
      for (const [i, key] of keys.entries()) {
        await put(bytes, 'audio', key, new ArrayBuffer(size));
        await put(index, 'entries', key, { size, lastUsed: 1000 + i });
      }
      bytes.close();
      index.close();
    },
    { keys: fillerKeys(count), size },
  );
}
