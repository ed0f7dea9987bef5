// Reads the bundled demo article (server/public/article.html) through the built test extension in real Chromium,
// against the real local server with no injected latency, and prints what a person starting `npm start` gets:
// time from the trigger to the first audio, and the silence between sentences beyond the chosen pause, on the
// player's AudioContext timeline. `npm run bench` is the full benchmark (generated pages, output tap, baseline).
//
//   npm run build:test && npm run bench:demo -- [--runs 3] [--browsers chrome,firefox]
//
// With Firefox (its test build: VOCALID_BUILD=test wxt build -b firefox), each browser reads the same page against
// the same server run, one after the other, so the figures stand side by side.
import { percentile } from '../utils/instrumentation/seam-detector';
import { unitTimings } from '../utils/instrumentation/tap-analysis';
import type { ReadingState } from '../utils/reading/reading-state';
import { playerSessionOf } from '../utils/reading/synthesis-scheduler';
import { launchBrowser } from '../test/harness/chromium';
import { connectBackground, ffExt, firefoxTabId, launchFirefox } from '../test/harness/firefox';
import { openTab } from '../test/harness/extension-pages';
import { startTestServer } from '../test/harness/local-server';
import { playbackLog, type PlaybackEventRecord } from '../test/harness/playback-log';
import { waitForEnd } from '../test/harness/reading-waits';
import type { LocalServer } from '../test/harness/local-server';
import { synthesisRequests } from '../test/harness/server-test-api';
import { configureExtension, ext } from '../test/harness/test-api-client';

// Before anything starts: the import check (test/bench/bench-imports.test.ts) asks for --help, and a server or a
// browser started here would race its exit.
if (process.argv.includes('--help')) {
  console.log('npm run build:test && npm run bench:demo -- [--runs 3] [--browsers chrome,firefox]');
  process.exit(0);
}

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const browsersArg = process.argv.indexOf('--browsers');
const browsers = (browsersArg > 0 ? process.argv[browsersArg + 1]! : 'chrome').split(',');

/** One browser with the extension, as this benchmark drives it. */
interface Reader {
  clearCache(): Promise<unknown>;
  /** Reads the page at `url` in a new tab to its end; the final state and that reading's playback events. */
  readToEnd(url: string): Promise<{ end: ReadingState; events: PlaybackEventRecord[] }>;
  close(): Promise<unknown>;
}

async function chromeReader(server: LocalServer): Promise<Reader> {
  const browser = await launchBrowser();
  await configureExtension(browser.sw, server);
  return {
    clearCache: () => ext.clearCache(browser.sw),
    async readToEnd(url) {
      const { page, tabId } = await openTab(browser, url);
      await ext.read(browser.sw, tabId, { source: 'article' });
      const end = await waitForEnd(browser.sw, 180_000);
      const events = await playbackLog(browser.sw, end.sessionId);
      await page.close();
      return { end, events };
    },
    close: () => browser.close(),
  };
}

async function firefoxReader(server: LocalServer): Promise<Reader> {
  const ff = await launchFirefox();
  const bg = await connectBackground(ff);
  await ffExt.setSettings(bg, { baseUrl: server.url, rate: 2 });
  return {
    clearCache: () => bg.call('clearCache'),
    async readToEnd(url) {
      const page = await ff.browser.newPage();
      await page.goto(url);
      await ffExt.read(bg, await firefoxTabId(bg, page.url()), { source: 'article' });
      const end = await ffExt.waitForState(bg, (s) => ['done', 'stopped', 'error'].includes(s.status), 180_000);
      const events = await ffExt.playbackLog(bg, end.sessionId!);
      await page.close();
      return { end, events };
    },
    close: async () => {
      await bg.close();
      await ff.close();
    },
  };
}

/** Silence at each seam beyond the unit's own pause, from the player's context-time events (the playback log). */
function seamExcessMs(state: ReadingState, events: PlaybackEventRecord[]): number[] {
  const units = unitTimings(
    [...state.units].sort((a, b) => a.index - b.index),
    events,
    playerSessionOf(state),
  );
  const out: number[] = [];
  for (let i = 0; i + 1 < units.length; i++) {
    const a = units[i]!;
    const b = units[i + 1]!;
    if (a.endContextTime === undefined || b.startContextTime === undefined) continue;
    out.push((b.startContextTime - a.endContextTime) * 1000 - a.pauseAfterMs);
  }
  return out;
}

const server = await startTestServer();
try {
  for (const name of browsers) {
    const reader = await (name === 'firefox' ? firefoxReader(server) : chromeReader(server));
    try {
      const ttfa: number[] = [];
      const excess: number[] = [];
      for (let run = 0; run < runs; run++) {
        await reader.clearCache();
        const { end, events } = await reader.readToEnd(`${server.url}/demo/article.html`);
        if (end.status !== 'done') throw new Error(`reading ended ${end.status}: ${end.error?.message ?? ''}`);
        if (end.firstAudioAt === undefined || end.triggeredAt === undefined) throw new Error('no first-audio time');
        ttfa.push(end.firstAudioAt - end.triggeredAt);
        excess.push(...seamExcessMs(end, events));
        console.log(
          `${name} run ${run + 1}: ${end.units.length} sentences, first audio ${ttfa.at(-1)} ms, ${(await synthesisRequests(server)).length} requests so far`,
        );
      }
      const fmt = (v: number) => v.toFixed(1);
      console.log(`\n${name}: demo article, ${runs} cold runs (cache cleared), local server, no injected latency`);
      console.log(
        `${name}: time to first audio (trigger → first unit started), ms: median ${fmt(percentile(ttfa, 50))}, worst ${fmt(Math.max(...ttfa))}`,
      );
      console.log(
        `${name}: silence beyond the chosen pause, ${excess.length} seams, ms: median ${fmt(percentile(excess, 50))}, worst ${fmt(Math.max(...excess))}\n`,
      );
    } finally {
      await reader.close();
    }
  }
} finally {
  await server.close();
}
