// Reads the bundled demo article (server/public/article.html) through the built test extension in real Chromium,
// against the real local server with no injected latency, and prints what a person starting `npm start` gets:
// time from the trigger to the first audio, and the silence between sentences beyond the chosen pause, on the
// player's AudioContext timeline. `npm run bench` is the full benchmark (generated pages, output tap, baseline).
//
//   npm run build:test && npm run bench:demo -- [--runs 3]
import { percentile } from '../utils/instrumentation/seam-detector';
import { unitTimings } from '../utils/instrumentation/tap-analysis';
import type { ReadingState } from '../utils/reading/reading-state';
import { playerSessionOf } from '../utils/reading/synthesis-scheduler';
import { launchBrowser } from '../test/harness/chromium';
import { openTab } from '../test/harness/extension-pages';
import { startTestServer } from '../test/harness/local-server';
import { playbackLog, type PlaybackEventRecord } from '../test/harness/playback-log';
import { waitForEnd } from '../test/harness/reading-waits';
import { synthesisRequests } from '../test/harness/server-test-api';
import { configureExtension, ext } from '../test/harness/test-api-client';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

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
const browser = await launchBrowser();
try {
  await configureExtension(browser.sw, server);
  const ttfa: number[] = [];
  const excess: number[] = [];
  for (let run = 0; run < runs; run++) {
    await ext.clearCache(browser.sw);
    const { page, tabId } = await openTab(browser, `${server.url}/demo/article.html`);
    await ext.read(browser.sw, tabId, { source: 'article' });
    const end = await waitForEnd(browser.sw, 180_000);
    if (end.status !== 'done') throw new Error(`reading ended ${end.status}: ${end.error?.message ?? ''}`);
    if (end.firstAudioAt === undefined || end.triggeredAt === undefined) throw new Error('no first-audio time');
    ttfa.push(end.firstAudioAt - end.triggeredAt);
    excess.push(...seamExcessMs(end, await playbackLog(browser.sw, end.sessionId)));
    console.log(
      `run ${run + 1}: ${end.units.length} sentences, first audio ${ttfa.at(-1)} ms, ${(await synthesisRequests(server)).length} requests so far`,
    );
    await page.close();
  }
  const fmt = (v: number) => v.toFixed(1);
  console.log(`\ndemo article, ${runs} cold runs (cache cleared), local server, no injected latency`);
  console.log(
    `time to first audio (trigger → first unit started), ms: median ${fmt(percentile(ttfa, 50))}, worst ${fmt(Math.max(...ttfa))}`,
  );
  console.log(
    `silence beyond the chosen pause, ${excess.length} seams, ms: median ${fmt(percentile(excess, 50))}, worst ${fmt(Math.max(...excess))}`,
  );
} finally {
  await browser.close();
  await server.close();
}
