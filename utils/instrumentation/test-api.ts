// The automation API for end-to-end tests (docs/architecture.md "Test automation API"). Installed on the service
// worker global only in dev/test builds: background.ts calls it behind `__BUILD_KIND__ !== 'release'`, so the
// release bundle drops this module entirely.
import type { Menus } from 'webextension-polyfill';
import type { Settings } from '../settings/settings-schema';
import type { ReadOptions } from '../reading/reading-runtime';
import type { ReadingState } from '../reading/reading-state';
import type { ExtractionTiming } from './extract-timing';
import type { SpokenText } from './spoken-text';
import type { TestPacingName } from './test-pacing';

export interface TestApi {
  read(tabId: number, options: ReadOptions): Promise<ReadingState>;
  contextMenuClick(info: Partial<Menus.OnClickData>, tabId: number): Promise<ReadingState | undefined>;
  command(name: string, tabId: number): Promise<ReadingState | undefined>;
  stop(): Promise<ReadingState>;
  pause(): Promise<ReadingState>;
  resume(): Promise<ReadingState>;
  state(): Promise<ReadingState>;
  settings: { get(): Promise<Settings>; set(patch: Partial<Settings>): Promise<Settings> };
  clearCache(): Promise<void>;
  cacheStats(): Promise<unknown>;
  /** The benchmark's extraction figure: inject + extract timed apart (utils/instrumentation/extract-timing.ts). */
  extractTiming?(tabId: number, source: ReadOptions['source'], whole?: boolean): Promise<ExtractionTiming>;
  /** `npm run bench:extraction`: what reading the tab would speak, per block (utils/instrumentation/spoken-text.ts). */
  spokenText?(tabId: number, source: ReadOptions['source']): Promise<SpokenText>;
  /** The pacing of the readings started from now on: the product's, or the benchmark's naive baseline. */
  usePacing(name: TestPacingName): void;
}

export function installTestApi(api: TestApi): void {
  (globalThis as typeof globalThis & { __vocalidTest?: TestApi }).__vocalidTest = api;
}
