// Typed client of the extension's test automation API (`__vocalidTest` on the service worker, test builds only;
// contract in docs/architecture.md, "Test automation API"). Functions given to sw.evaluate run in the worker.
import type { Worker } from 'playwright-core';
import type { ReadSource } from '../../utils/messages/background-protocol';
import type { ReadingState } from '../../utils/reading/reading-state';
import type { TestPacingName } from '../../utils/instrumentation/test-pacing';
import { waitFor } from './wait';

/** Settings patch the tests use; the store may hold more fields. */
export interface SettingsPatch {
  baseUrl?: string;
  rate?: number;
  pitch?: number;
  voiceToken?: string;
  [key: string]: unknown;
}

interface VocalidTestApi {
  read(tabId: number, opts: { source: ReadSource; fromBlock?: number; resume?: boolean }): Promise<ReadingState>;
  contextMenuClick(info: Record<string, unknown>, tabId: number): Promise<unknown>;
  command(name: string, tabId: number): Promise<unknown>;
  stop(): Promise<unknown>;
  pause(): Promise<unknown>;
  resume(): Promise<unknown>;
  state(): Promise<ReadingState>;
  settings: { get(): Promise<Record<string, unknown>>; set(patch: SettingsPatch): Promise<unknown> };
  clearCache(): Promise<unknown>;
  cacheStats(): Promise<unknown>;
  usePacing(name: TestPacingName): void;
}
interface ChromeInWorker {
  tabs: { query(q: object): Promise<{ id?: number; url?: string; pendingUrl?: string }[]> };
  commands: { getAll(): Promise<{ name?: string; shortcut?: string; description?: string }[]> };
}
/** The service worker's global scope as the test build has it. */
export type SwGlobal = typeof globalThis & { __vocalidTest: VocalidTestApi; chrome: ChromeInWorker };

export const ext = {
  read: (sw: Worker, tabId: number, opts: { source: ReadSource; fromBlock?: number; resume?: boolean }) =>
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
  usePacing: (sw: Worker, name: TestPacingName) =>
    sw.evaluate((n) => (globalThis as SwGlobal).__vocalidTest.usePacing(n), name),
};

/** Whether the worker has the test API (it has once a test build's background script ran). */
export function hasTestApi(sw: Worker): Promise<boolean> {
  return sw.evaluate(() => typeof (globalThis as SwGlobal).__vocalidTest === 'object');
}

export async function waitForTestApi(sw: Worker, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    () => hasTestApi(sw),
    timeoutMs,
    '__vocalidTest on the service worker (is this a VOCALID_BUILD=test build?)',
  );
}

/** Point the extension at a server; rate 2 by default because audio plays in real time and tests pay for it. */
export async function configureExtension(sw: Worker, server: { url: string }, patch: SettingsPatch = {}) {
  await ext.setSettings(sw, { baseUrl: server.url, rate: 2, ...patch });
}
