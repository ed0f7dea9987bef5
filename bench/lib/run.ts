// The benchmark's scenarios (bench/README.md). Every reading figure is measured for both scheduling modes in the
// same browser and the same run, interleaved per repeat so that machine noise falls on both alike.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'playwright-core';
import type { ReadSource } from '../../utils/messages/background-protocol';
import type { ReadingState } from '../../utils/reading/reading-state';
import { launchBrowser, type LaunchedBrowser } from '../../test/harness/chromium';
import { ExtensionTargets } from '../../test/harness/devtools';
import { buildExtension } from '../../test/harness/extension-build';
import { openTab, selectText } from '../../test/harness/extension-pages';
import { startLocalServer } from '../../test/harness/local-server';
import { startPageServer, type PageServer } from '../../test/harness/page-server';
import { repoRoot } from '../../test/harness/paths';
import { playbackLog, type PlaybackEventRecord } from '../../test/harness/playback-log';
import { waitForEndWithProgress, waitForState } from '../../test/harness/reading-waits';
import {
  clearServerRequests,
  serverRequests,
  setServerFaults,
  SYNTHESIS_PATH,
} from '../../test/harness/server-test-api';
import { ext } from '../../test/harness/test-api-client';
import { sleep } from '../../test/harness/wait';
import { startXvfb } from '../../test/harness/xvfb';
import { percentile } from '../../utils/instrumentation/seam-detector';
import {
  contextToWall,
  decodeLevels,
  firstSoundContextTime,
  seamsFromUnits,
  unitTimings,
  type LevelTrack,
  type UnitTiming,
} from '../../utils/instrumentation/tap-analysis';
import { playerSessionOf } from '../../utils/reading/synthesis-scheduler';
import type { TapRecording } from '../../utils/instrumentation/output-tap';
import { articlePage, heavyPage, proseOfChars } from './pages';
import { describeProfile, profileRule, SERVER_PROFILES, type ServerProfileName } from './server-profile';
import { formatTable, type Row } from './table';

/** Its own output folder: e2e runs of other people on this machine use .output/test. */
const BENCH_OUT_DIR = path.join(repoRoot, '.output/bench');
export const BENCH_EXTENSION = process.env.BENCH_EXT ?? path.join(BENCH_OUT_DIR, 'chrome-mv3');
const MODES = ['smart', 'naive'] as const;
type Mode = (typeof MODES)[number];
/** The pacing each mode installs through the test API (the naive one is bench/lib/naive-pacing.ts). */
const PACING: Record<Mode, 'product' | 'naive'> = { smart: 'product', naive: 'naive' };

/** Default reading rate for the reading scenarios: the 30-sentence article then takes about a minute per mode. */
export const DEFAULT_RATE = 2;
/** Memory runs: the fastest speech the server makes (450 wpm) played 16× faster by the test-build speed knob. */
const MEMORY_RATE = 2.5;
const MEMORY_SPEED = 16;
/** Replay after the seam run plays at this speed once the player exists: it counts requests, not seams. */
const REPLAY_SPEED = 8;
const SYNTHESIS_FAULT_PATH = '/api/v1/external/synthesis*';
/** The bench article's headline: 60 characters, see where the article page is made. */
const ARTICLE_HEADLINE = 'Riverside towns agree on a shared plan to keep floods at bay';

export interface BenchOptions {
  profile: ServerProfileName;
  /** Overrides the profile's fixed part. */
  latencyMs?: number;
  repeats: number;
  /** Reading rate of the reading scenarios (the server's `rate`; pauses scale with it). */
  rate: number;
  build: boolean;
  headless: boolean;
  skip: Set<string>;
  /**
   * Called with the results so far after each scenario, so a long run that fails or is stopped later still leaves
   * what it measured (scripts/bench.ts writes it to the results file).
   */
  checkpoint?: (partial: Record<string, unknown>) => void;
}

interface ChromeApi {
  chrome: {
    offscreen: {
      closeDocument(): Promise<void>;
      createDocument(o: { url: string; reasons: string[]; justification: string }): Promise<void>;
    };
    runtime: { getContexts(f: { contextTypes: string[] }): Promise<unknown[]> };
  };
}

/** What a first-audio sample read: a selection, the article, or the same article under a two-word headline. */
const SHORT_HEADLINE_CASE = 'article, two-word headline';
type TtfaCase = 'selection' | 'article' | typeof SHORT_HEADLINE_CASE;

interface TtfaSample {
  mode: Mode;
  source: TtfaCase;
  /** trigger → first audible window in the tapped output, mapped to wall time */
  tapTtfaMs: number | null;
  /** trigger → the first unit's `started` event (its scheduled start, back-dated) */
  eventTtfaMs: number | null;
  /** the server's own time for the first unit's request, to its last byte (request log `bodyMs` or `ms`) */
  serverMs: number | null;
  serverHeadersMs: number | null;
  dispatchMs: number | null;
  synthesisRequests: number;
  /** where the time went: trigger → request sent → audio cached → scheduled start */
  breakdown: { extractMs: number | null; fetchMs: number | null; playerMs: number | null };
}

const median = (xs: number[]) => (xs.length ? percentile(xs, 50) : Number.NaN);
const worst = (xs: number[]) => (xs.length ? Math.max(...xs) : Number.NaN);
const nums = (xs: (number | null | undefined)[]) =>
  xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
const round = (x: number, d = 0) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

export function buildBenchExtension(): void {
  console.log('[bench] building the test extension into .output/bench …');
  const started = Date.now();
  buildExtension('test', { outDir: BENCH_OUT_DIR, quiet: true });
  console.log(`[bench] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

class Session {
  readonly targets: ExtensionTargets;
  constructor(
    readonly b: LaunchedBrowser,
    readonly server: { url: string },
  ) {
    this.targets = new ExtensionTargets(b);
  }
  get sw(): Worker {
    return this.b.sw;
  }

  static async open(server: { url: string }, pages: PageServer, rate: number, headless: boolean): Promise<Session> {
    // Headed under Xvfb: headless Chromium never counts the offscreen document as audible and closes it after
    // 30 s (measured: the 30-sentence reading stalled at sentence 10 every time), which no real browser does.
    const display = headless ? undefined : await startXvfb();
    const launched = await launchBrowser({
      extensionPath: BENCH_EXTENSION,
      ...(display ? { headed: true, env: display.env } : {}),
    });
    const b = { ...launched, close: async () => (await launched.close(), await display?.close()) };
    // tsx compiles with esbuild's keepNames, which wraps inner functions in __name(); functions that Playwright
    // ships to the page or the worker need it defined there too.
    await b.context.addInitScript('globalThis.__name = (f) => f;');
    await b.sw.evaluate('globalThis.__name = (f) => f;');
    await ext.setSettings(b.sw, { baseUrl: server.url, rate });
    // Reading on loopback pages is pre-approved, as a user who answered "always" would have it.
    await ext.setSettings(b.sw, { siteConsent: { [pages.origin]: 'always' } }).catch(() => undefined);
    return new Session(b, server);
  }

  closeOffscreen(): Promise<void> {
    return this.sw.evaluate(async () => {
      const { chrome } = globalThis as unknown as ChromeApi;
      const open = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
      if (open.length > 0) await chrome.offscreen.closeDocument();
    });
  }

  createOffscreen(): Promise<void> {
    return this.sw.evaluate(async () => {
      const { chrome } = globalThis as unknown as ChromeApi;
      const open = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
      if (open.length === 0)
        await chrome.offscreen.createDocument({
          url: 'offscreen.html',
          reasons: ['AUDIO_PLAYBACK'],
          justification: 'benchmark',
        });
    });
  }

  async offscreenEval<T>(expression: string): Promise<T | undefined> {
    const session = await this.targets.offscreen();
    return session?.evaluate<T>(expression);
  }

  async tap(): Promise<LevelTrack | undefined> {
    const rec = await this.offscreenEval<TapRecording>('globalThis.__vocalidOffscreenTest.tap.read()');
    if (!rec || !rec.armed || !Number.isFinite(rec.originContextTime)) return undefined;
    return { ...rec, levels: decodeLevels(rec.levelsBase64) };
  }

  async heaps(): Promise<{ swBytes: number; offscreenBytes: number | null }> {
    const sw = await this.targets.serviceWorker();
    const off = await this.targets.offscreen();
    return { swBytes: await sw!.heapAfterGc(), offscreenBytes: off ? await off.heapAfterGc() : null };
  }

  async read(tabId: number, source: ReadSource): Promise<ReadingState> {
    const state = await ext.read(this.sw, tabId, { source });
    if (state.status === 'error') throw new Error(`read failed: ${JSON.stringify(state.error)}`);
    return state;
  }
}

function ttfaFrom(
  state: ReadingState,
  timings: UnitTiming[],
  track: LevelTrack | undefined,
  requests: { path: string; ms: number; bodyMs?: number; query: unknown; at?: string | number }[],
): Omit<TtfaSample, 'mode' | 'source'> {
  const first = [...state.units].sort((a, b) => a.index - b.index)[0];
  const trig = state.triggeredAt;
  let tapTtfaMs: number | null = null;
  const startCtx = timings.find((t) => t.index === first?.index)?.startContextTime;
  if (track && trig !== undefined && startCtx !== undefined) {
    const t = firstSoundContextTime(track, startCtx - 0.05);
    if (t !== undefined) tapTtfaMs = contextToWall(track, t) - trig;
  }
  const synth = requests.filter((r) => SYNTHESIS_PATH.test(r.path));
  const firstReq = synth.find((r) => (r.query as Record<string, string>).script === first?.text);
  return {
    tapTtfaMs: tapTtfaMs === null ? null : Math.round(tapTtfaMs),
    eventTtfaMs: state.firstAudioAt !== undefined && trig !== undefined ? state.firstAudioAt - trig : null,
    // A streamed answer is logged when its headers leave; the unit's audio is whole at `bodyMs`.
    serverMs: firstReq ? (firstReq.bodyMs ?? firstReq.ms) : null,
    // Streamed: when its headers (and the samples already made) left; the first sound can come no sooner.
    serverHeadersMs: firstReq?.bodyMs !== undefined ? firstReq.ms : null,
    // The worker's own time before the request reached the server (cache key, cache lookup, signing, the fetch).
    dispatchMs:
      firstReq?.at !== undefined && first?.requestedAt !== undefined
        ? Math.round(new Date(firstReq.at).getTime() - firstReq.ms - first.requestedAt)
        : null,
    synthesisRequests: synth.length,
    breakdown: {
      extractMs: first?.requestedAt !== undefined && trig !== undefined ? first.requestedAt - trig : null,
      fetchMs:
        first?.readyAt !== undefined && first.requestedAt !== undefined ? first.readyAt - first.requestedAt : null,
      playerMs: first?.startedAt !== undefined && first.readyAt !== undefined ? first.startedAt - first.readyAt : null,
    },
  };
}

async function measureTtfa(
  s: Session,
  mode: Mode,
  tabId: number,
  source: ReadSource,
  opts: { cold: boolean; toEnd?: boolean; label?: TtfaCase },
): Promise<{
  sample: TtfaSample;
  state: ReadingState;
  timings: UnitTiming[];
  track: LevelTrack | undefined;
  log: PlaybackEventRecord[];
}> {
  await ext.usePacing(s.sw, PACING[mode]);
  // A player created for this reading, as after any pause longer than Chrome's 30 s offscreen lifetime.
  await s.closeOffscreen();
  if (opts.cold) await ext.clearCache(s.sw);
  await clearServerRequests(s.server);
  await s.read(tabId, source);
  await waitForState(s.sw, (st) => st.firstAudioAt !== undefined || st.status === 'error', 60_000, 'first audio');
  let state: ReadingState;
  if (opts.toEnd) {
    state = await waitForEndWithProgress(s.sw, { timeoutMs: 600_000, stallMs: 30_000 }).catch(async (err: unknown) => {
      const open = await s.sw.evaluate(() =>
        (globalThis as unknown as ChromeApi).chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] }),
      );
      throw new Error(`${String(err)}; offscreen documents open: ${open.length}`);
    });
    if (state.status !== 'done') throw new Error(`reading ended ${state.status}: ${JSON.stringify(state.error)}`);
  } else {
    // The tap posts its levels every ~130 ms: give it time to deliver the first sound.
    await sleep(500);
    state = await ext.state(s.sw);
  }
  const track = await s.tap();
  if (!opts.toEnd) await ext.stop(s.sw);
  // Context times of each unit come from the test-build playback log, not from the reading's state.
  const log = await playbackLog(s.sw, state.sessionId);
  const timings = unitTimings(state.units, log, playerSessionOf(state));
  const label: TtfaCase = opts.label ?? (source === 'selection' ? 'selection' : 'article');
  const sample = { mode, source: label, ...ttfaFrom(state, timings, track, await serverRequests(s.server)) };
  return { sample, state, timings, track, log };
}

function summarise(xs: number[]) {
  return { median: round(median(xs), 1), worst: round(worst(xs), 1), n: xs.length };
}

export async function runBench(opts: BenchOptions) {
  const startedAt = new Date().toISOString();
  const profile = SERVER_PROFILES[opts.profile];
  const synthesisRule = profileRule(SYNTHESIS_FAULT_PATH, profile, opts.latencyMs);
  const loadAtStart = os.loadavg();
  if (opts.build) buildBenchExtension();
  const server = await startLocalServer({ testFaults: true, rateLimitPerMinute: 0 });
  const serverInfo = { url: server.url };
  const pages = await startPageServer();
  const result: Record<string, unknown> = {
    startedAt,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    options: {
      headless: opts.headless,
      serverProfile: opts.profile,
      serverRule: synthesisRule,
      repeats: opts.repeats,
      rate: opts.rate,
      memoryRate: MEMORY_RATE,
      memorySpeed: MEMORY_SPEED,
      replaySpeed: REPLAY_SPEED,
    },
  };
  const rows: Row[] = [];
  const checkpoint = () =>
    opts.checkpoint?.({ ...result, table: rows, load: { atStart: loadAtStart, now: os.loadavg() } });
  try {
    await setServerFaults(serverInfo, [synthesisRule]);
    // An article is heard headline first (issue 11), so the headline is the first unit of both modes and its
    // length sets how long a whole-answer reader waits. This one has the median length of the headlines the
    // extension reads first on the public article-extraction benchmark (60 characters; quartiles 47 and 75,
    // 155 of its 181 pages have one: `npm run bench:extraction -- --keep <dir>`, first line of each reading).
    const article = articlePage(ARTICLE_HEADLINE, 30, 7);
    pages.set('/article.html', article.html);
    // The same article under a two-word headline: the first unit is then too short for streaming to matter, and
    // the row shows the floor (extraction, the request, the service's fixed part).
    pages.set('/article-short-headline.html', articlePage('Thirty sentences', 30, 7).html);
    const selectionPage = articlePage('Selection page', 10, 11);
    pages.set('/selection.html', selectionPage.html);
    pages.set('/warmup.html', articlePage('Warm-up', 3, 3).html);

    const s = await Session.open(serverInfo, pages, opts.rate, opts.headless);
    try {
      // Warm-up: the first reading of a fresh profile signs in and lists voices; every later one reuses both.
      const warm = await openTab(s.b, pages.url('/warmup.html'));
      await s.read(warm.tabId, 'article');
      await waitForState(s.sw, (st) => st.firstAudioAt !== undefined, 60_000, 'warm-up audio');
      await ext.stop(s.sw);
      await warm.page.close();

      const ttfa: TtfaSample[] = [];
      const seams: Record<string, unknown> = {};
      const replay: Record<string, unknown[]> = { smart: [], naive: [] };
      const bytes: Record<string, unknown> = {};
      if (!opts.skip.has('ttfa')) {
        console.log('[bench] time to first audio (selection, article) …');
        for (let r = 0; r < opts.repeats; r++) {
          for (const mode of r % 2 === 0 ? MODES : [...MODES].reverse()) {
            const sel = await openTab(s.b, pages.url('/selection.html'));
            await selectText(
              sel.page,
              selectionPage.sentences[2]!.slice(0, 20),
              selectionPage.sentences[3]!.slice(-12),
            );
            ttfa.push((await measureTtfa(s, mode, sel.tabId, 'selection', { cold: true })).sample);
            await sel.page.close();
            const art = await openTab(s.b, pages.url('/article.html'));
            ttfa.push((await measureTtfa(s, mode, art.tabId, 'article', { cold: true })).sample);
            await art.page.close();
            const short = await openTab(s.b, pages.url('/article-short-headline.html'));
            const label = SHORT_HEADLINE_CASE;
            ttfa.push((await measureTtfa(s, mode, short.tabId, 'article', { cold: true, label })).sample);
            await short.page.close();
          }
        }
      }
      if (!opts.skip.has('seams')) {
        for (const mode of MODES) {
          console.log(`[bench] seams over the 30-sentence article (${mode}, about a minute) …`);
          const art = await openTab(s.b, pages.url('/article.html'));
          const run = await measureTtfa(s, mode, art.tabId, 'article', { cold: true, toEnd: true });
          ttfa.push(run.sample);
          if (!run.track) throw new Error('no tap recording for the seam run');
          if (process.env.BENCH_DUMP)
            writeFileSync(
              `/tmp/bench-dump-${mode}.json`,
              JSON.stringify({
                track: { ...run.track, levels: Array.from(run.track.levels) },
                units: run.state.units,
                timings: run.timings,
                log: run.log,
              }),
            );
          const { seams: measured, missing } = seamsFromUnits(run.track, run.timings);
          const excess = measured.map((m) => m.excessMs);
          const units = run.state.units;
          const timings = run.timings;
          const lateUnits = timings.filter((cur, i) => {
            const prev = timings[i - 1];
            return (
              prev !== undefined &&
              prev.endContextTime !== undefined &&
              cur.startContextTime !== undefined &&
              cur.startContextTime - (prev.endContextTime + prev.pauseAfterMs / 1000) > 0.02
            );
          }).length;
          seams[mode] = {
            seams: measured.length,
            missing,
            excessP50Ms: round(percentile(excess, 50), 1),
            excessP95Ms: round(percentile(excess, 95), 1),
            excessMaxMs: round(worst(excess), 1),
            underrunsInSignal: measured.filter((m) => m.underrun).length + missing.length,
            lateUnitsByEvents: lateUnits,
            pausesMs: [...new Set(units.map((u) => u.pauseAfterMs))],
            perSeam: measured.map((m) => ({
              index: m.index,
              gapMs: m.gapMs,
              excessMs: m.excessMs,
              underrun: m.underrun,
            })),
          };
          const stats = (await ext.cacheStats(s.sw)) as { bytes: number };
          const speechMs = units.reduce((n, u) => n + (u.durationMs ?? 0), 0);
          const first = Math.min(...units.map((u) => u.startedAt ?? Infinity));
          const last = Math.max(...units.map((u) => u.endedAt ?? 0));
          bytes[mode] = {
            bytes: stats.bytes,
            speechMinutes: round(speechMs / 60_000, 3),
            bytesPerSpeechMinute: Math.round(stats.bytes / (speechMs / 60_000)),
            readingMinutes: round((last - first) / 60_000, 3),
            bytesPerReadingMinute: Math.round(stats.bytes / ((last - first) / 60_000)),
          };

          if (!opts.skip.has('replay')) {
            // Same article again, cache kept. The player is created anew, as for any later reading.
            for (let r = 0; r < Math.min(opts.repeats, 3); r++) {
              const again = await measureTtfa(s, mode, art.tabId, 'article', { cold: false });
              let requests = again.sample.synthesisRequests;
              if (r === 0) {
                // Once, play the whole replay (fast) to count every request it makes, not only the first ones.
                await s.offscreenEval(`globalThis.__vocalidOffscreenTest.setSpeed(${REPLAY_SPEED})`);
                await clearServerRequests(s.server);
                await s.read(art.tabId, 'article');
                await waitForEndWithProgress(s.sw, { timeoutMs: 300_000, stallMs: 30_000 });
                requests = (await serverRequests(s.server)).filter((q) => SYNTHESIS_PATH.test(q.path)).length;
                await s.offscreenEval('globalThis.__vocalidOffscreenTest.setSpeed(1)');
              }
              // How long the player spent turning the first cached entry back into samples (test-build codec log).
              const decoded = await s.offscreenEval<{ decodeMs: number; speechMs: number; atMs: number }[]>(
                'globalThis.__vocalidOffscreenTest.codecLog.decoded',
              );
              replay[mode]!.push({
                tapTtfaMs: again.sample.tapTtfaMs,
                firstDecodeMs: decoded?.[0] ? round(decoded[0].decodeMs, 1) : null,
                firstSpeechMs: decoded?.[0]?.speechMs ?? null,
                firstDecodeAtMs: decoded?.[0] ? round(decoded[0].atMs, 1) : null,
                eventTtfaMs: again.sample.eventTtfaMs,
                breakdown: again.sample.breakdown,
                requestsFirstSecond: again.sample.synthesisRequests,
                ...(r === 0 ? { requestsWholeReplay: requests } : {}),
              });
            }
          }
          await art.page.close();
        }
      }
      result.ttfaSamples = ttfa;
      result.seams = seams;
      result.replay = replay;
      result.bytes = bytes;

      // -------- rows for the reading figures
      for (const source of ['selection', 'article', SHORT_HEADLINE_CASE] as const) {
        const by = (mode: Mode) => ttfa.filter((t) => t.mode === mode && t.source === source);
        if (by('smart').length === 0) continue;
        const tap = (mode: Mode) => nums(by(mode).map((t) => t.tapTtfaMs));
        const ev = (mode: Mode) => nums(by(mode).map((t) => t.eventTtfaMs));
        const over = (mode: Mode) =>
          nums(by(mode).map((t) => (t.tapTtfaMs !== null && t.serverMs !== null ? t.tapTtfaMs - t.serverMs : null)));
        const srv = (mode: Mode) => nums(by(mode).map((t) => t.serverMs));
        // The target is set for a selection and an article; the two-word headline is shown for its floor.
        const target = source === SHORT_HEADLINE_CASE ? undefined : '≤ 0.5× naive';
        rows.push(
          target
            ? row(`TTFA ${source} (tap), ms`, tap('smart'), tap('naive'), target, (sm, nv) => sm <= 0.5 * nv)
            : row(`TTFA ${source} (tap), ms`, tap('smart'), tap('naive')),
        );
        rows.push(row(`TTFA ${source} (started event), ms`, ev('smart'), ev('naive')));
        rows.push(row(`  first-unit server time, ms`, srv('smart'), srv('naive')));
        rows.push(row(`  TTFA − server time, ms`, over('smart'), over('naive'), '≤ 150', (sm) => sm <= 150));
        result[`ttfa_${source === SHORT_HEADLINE_CASE ? 'article_short_headline' : source}`] = {
          smart: {
            tap: summarise(tap('smart')),
            event: summarise(ev('smart')),
            server: summarise(srv('smart')),
            overhead: summarise(over('smart')),
          },
          naive: {
            tap: summarise(tap('naive')),
            event: summarise(ev('naive')),
            server: summarise(srv('naive')),
            overhead: summarise(over('naive')),
          },
        };
      }
      const seamOf = (mode: Mode) =>
        seams[mode] as
          { excessP50Ms: number; excessP95Ms: number; excessMaxMs: number; underrunsInSignal: number } | undefined;
      if (seamOf('smart') && seamOf('naive')) {
        const sm = seamOf('smart')!;
        const nv = seamOf('naive')!;
        rows.push(fixedRow('seam excess p50, ms', sm.excessP50Ms, nv.excessP50Ms));
        rows.push(fixedRow('seam excess p95, ms', sm.excessP95Ms, nv.excessP95Ms, '≤ 20', sm.excessP95Ms <= 20));
        rows.push(fixedRow('seam excess max, ms', sm.excessMaxMs, nv.excessMaxMs));
        rows.push(
          fixedRow(
            `underruns (30 sentences, rate ${opts.rate})`,
            sm.underrunsInSignal,
            nv.underrunsInSignal,
            '0',
            sm.underrunsInSignal === 0,
          ),
        );
        const bs = bytes.smart as { bytesPerSpeechMinute: number };
        const bn = bytes.naive as { bytesPerSpeechMinute: number };
        rows.push(fixedRow('bytes per minute of speech', bs.bytesPerSpeechMinute, bn.bytesPerSpeechMinute));
      }
      if (replay.smart!.length > 0) {
        const rs = replay.smart as { tapTtfaMs: number | null; requestsWholeReplay?: number }[];
        const rn = replay.naive as { tapTtfaMs: number | null; requestsWholeReplay?: number }[];
        rows.push(
          row(
            'cached replay TTFA (tap), ms',
            nums(rs.map((x) => x.tapTtfaMs)),
            nums(rn.map((x) => x.tapTtfaMs)),
            '≤ 150',
            (sm) => sm <= 150,
          ),
        );
        const reqS = rs[0]?.requestsWholeReplay ?? Number.NaN;
        const reqN = rn[0]?.requestsWholeReplay ?? Number.NaN;
        rows.push(fixedRow('cached replay synthesis requests', reqS, reqN, '0', reqS === 0));
      }

      checkpoint();

      // -------- extraction
      if (!opts.skip.has('extraction')) {
        console.log('[bench] extraction at 50 KB, 500 KB, 2 MB …');
        const extraction: Record<string, unknown> = {};
        for (const [label, size] of [
          ['50KB', 50_000],
          ['500KB', 500_000],
          ['2MB', 2_000_000],
        ] as const) {
          const html = heavyPage(size, size);
          pages.set(`/heavy-${label}.html`, html);
          // Each in a fresh tab (a cold page script), the page drawn first: a reading starts on a page the user sees,
          // and right after `load` the script's injection waits for the page's own first layout.
          const timed = async (whole: boolean) => {
            const tab = await openTab(s.b, pages.url(`/heavy-${label}.html`));
            await tab.page.evaluate(
              () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))),
            );
            const t = await s.sw.evaluate(
              ([id, w]) =>
                (
                  globalThis as unknown as {
                    __vocalidTest: {
                      extractTiming(
                        t: number,
                        src: string,
                        whole: boolean,
                      ): Promise<{
                        injectMs: number;
                        extractMs: number;
                        chars: number;
                        blocks: number;
                        source: string;
                        more: boolean;
                      }>;
                    };
                  }
                ).__vocalidTest.extractTiming(id, 'auto', w),
              [tab.tabId, whole] as const,
            );
            await tab.page.close();
            return t;
          };
          const samples = [];
          const wholes = [];
          for (let r = 0; r < Math.max(3, opts.repeats); r++) {
            samples.push(await timed(false));
            wholes.push(await timed(true));
          }
          const ex = samples.map((x) => x.extractMs);
          const exWhole = wholes.map((x) => x.extractMs);
          const inj = samples.map((x) => x.injectMs);
          extraction[label] = {
            htmlBytes: html.length,
            chars: wholes[0]?.chars,
            blocks: wholes[0]?.blocks,
            firstPartBlocks: samples[0]?.more ? samples[0]?.blocks : undefined,
            source: samples[0]?.source,
            extractMs: summarise(ex),
            wholeExtractMs: summarise(exWhole),
            injectMs: summarise(inj),
          };
          rows.push({
            metric: `extraction ${label} (page-side + reply${samples[0]?.more ? `: first ${samples[0].blocks} blocks` : ''}), ms`,
            smart: fmt(median(ex), worst(ex)),
            naive: 'same code',
            ratio: '—',
            target: label === '500KB' ? '≤ 100' : '',
            pass: label === '500KB' ? median(ex) <= 100 : undefined,
          });
          rows.push({
            metric: `  whole extraction ${label} (all ${wholes[0]?.blocks ?? '?'} blocks in the reply), ms`,
            smart: fmt(median(exWhole), worst(exWhole)),
            naive: 'same code',
            ratio: '—',
            target: '',
            pass: undefined,
          });
          rows.push({
            metric: `  script injection ${label}, ms`,
            smart: fmt(median(inj), worst(inj)),
            naive: 'same code',
            ratio: '—',
            target: '',
            pass: undefined,
          });
        }
        result.extraction = extraction;
        checkpoint();
      }
    } finally {
      await s.b.close();
    }

    // -------- memory: a fresh browser per mode so that neither inherits the other's garbage
    if (!opts.skip.has('memory')) {
      const memory: Record<string, unknown> = {};
      const small = proseOfChars('Five thousand characters', 5_000, 21);
      const large = proseOfChars('A hundred thousand characters', 100_000, 22);
      pages.set('/mem-5k.html', small.html);
      pages.set('/mem-100k.html', large.html);
      // Latency is not what these runs measure; without it the fast-played reading is not starved for audio.
      await setServerFaults(serverInfo, []);
      // Both modes at once, each in its own browser: heap sizes do not depend on timing, and the two readings
      // take minutes each (the naive one is bound by its one-request-at-a-time fetching).
      console.log('[bench] memory after 5 000 and 100 000 characters (both modes side by side, a few minutes) …');
      // One mode failing (a timeout) must not throw away the other's figures.
      const settled = await Promise.allSettled(
        MODES.map(async (mode) => {
          const m = await Session.open(serverInfo, pages, MEMORY_RATE, opts.headless);
          try {
            await ext.usePacing(m.sw, PACING[mode]);
            // Filled as each reading ends, so a later failure keeps the earlier points.
            const points: Record<string, unknown> = { atStart: await m.heaps() };
            memory[mode] = points;
            for (const [label, pagePath] of [
              ['after5k', '/mem-5k.html'],
              ['after100k', '/mem-100k.html'],
            ] as const) {
              const tab = await openTab(m.b, pages.url(pagePath));
              await m.createOffscreen();
              await m.offscreenEval(
                `(globalThis.__vocalidOffscreenTest.setSpeed(${MEMORY_SPEED}), globalThis.__vocalidOffscreenTest.tap.arm(false))`,
              );
              const t0 = Date.now();
              await m.read(tab.tabId, 'article');
              let reported = t0;
              const end = await waitForEndWithProgress(m.sw, {
                timeoutMs: 1_200_000,
                stallMs: 60_000,
                intervalMs: 1000,
                // A line a minute: how far the reading is, so a slow run shows where it is slow.
                onState: (st) => {
                  if (Date.now() - reported < 60_000) return;
                  reported = Date.now();
                  const by = new Map<string, number>();
                  for (const u of st.units) by.set(u.status, (by.get(u.status) ?? 0) + 1);
                  const counts = [...by].map(([k, n]) => `${n} ${k}`).join(', ');
                  console.log(
                    `[bench]   ${mode}: ${label} of ${st.units.length} units: ${counts}; ${round((Date.now() - t0) / 1000)} s`,
                  );
                },
              });
              if (end.status !== 'done')
                throw new Error(`memory reading (${mode}) ended ${end.status}: ${JSON.stringify(end.error)}`);
              const chars = end.units.reduce((n, u) => n + u.text.length, 0);
              const seconds = round((Date.now() - t0) / 1000, 1);
              console.log(`[bench]   ${mode}: ${label} done in ${seconds} s`);
              points[label] = { ...(await m.heaps()), chars, units: end.units.length, seconds };
              await tab.page.close();
            }
          } finally {
            await m.b.close();
          }
        }),
      );
      await setServerFaults(serverInfo, [synthesisRule]);
      settled.forEach((r, i) => {
        if (r.status === 'rejected') {
          memory[MODES[i]!] = { ...(memory[MODES[i]!] as object | undefined), error: String(r.reason) };
          console.log(`[bench] memory (${MODES[i]}) failed: ${String(r.reason).slice(0, 300)}`);
        }
      });
      result.memory = memory;
      type Point = { swBytes: number; offscreenBytes: number | null };
      const mb = (x: number) => x / 2 ** 20;
      const growth = (mode: Mode, k: keyof Point) => {
        const p = memory[mode] as { after5k?: Point; after100k?: Point };
        if (!p.after5k || !p.after100k) return Number.NaN;
        return mb((p.after100k[k] ?? 0) - (p.after5k[k] ?? 0));
      };
      const at = (mode: Mode, when: 'after5k' | 'after100k', k: keyof Point) => {
        const p = (memory[mode] as Record<string, Point | undefined>)[when];
        return p ? mb((p[k] ?? 0) as number) : Number.NaN;
      };
      for (const when of ['after5k', 'after100k'] as const) {
        rows.push(
          fixedRow(
            `SW heap ${when === 'after5k' ? 'after 5 000' : 'after 100 000'} chars, MB`,
            round(at('smart', when, 'swBytes'), 2)!,
            round(at('naive', when, 'swBytes'), 2)!,
          ),
        );
        rows.push(
          fixedRow(
            `offscreen heap ${when === 'after5k' ? 'after 5 000' : 'after 100 000'} chars, MB`,
            round(at('smart', when, 'offscreenBytes'), 2)!,
            round(at('naive', when, 'offscreenBytes'), 2)!,
          ),
        );
      }
      const total = (mode: Mode) => growth(mode, 'swBytes') + growth(mode, 'offscreenBytes');
      rows.push(
        fixedRow(
          'heap growth 5 000 → 100 000 chars (SW + offscreen), MB',
          round(total('smart'), 2)!,
          round(total('naive'), 2)!,
          '≤ 20',
          total('smart') <= 20,
        ),
      );
    }

    checkpoint();

    // -------- server
    if (!opts.skip.has('server')) {
      console.log('[bench] server synthesis at 1, 4, 8 clients (scripts/bench-server.ts) …');
      const serverBench = await runServerBench();
      result.server = serverBench;
      for (const level of (
        serverBench as { levels: { clients: number; p50Ms: number; p95Ms: number; rtfP50: number }[] }
      ).levels) {
        rows.push({
          metric: `server ${level.clients} client(s): latency p50/p95 ms, RTF p50`,
          smart: `${level.p50Ms} / ${level.p95Ms}, RTF ${level.rtfP50}`,
          naive: '—',
          ratio: '—',
          target: '',
          pass: undefined,
        });
      }
    }
  } finally {
    await pages.close();
    await server.close();
  }
  result.load = { atStart: loadAtStart, atEnd: os.loadavg() };
  result.table = rows;
  console.log('\n' + formatTable(rows));
  console.log(
    `\nload average at start: ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}; server profile ${describeProfile(opts.profile, profile, opts.latencyMs)}`,
  );
  return result as typeof result & { startedAt: string };
}

function fmt(med: number, w: number): string {
  return Number.isFinite(med) ? `${round(med, med < 10 ? 1 : 0)} (${round(w, w < 10 ? 1 : 0)})` : 'n/a';
}

function row(
  metric: string,
  smart: number[],
  naive: number[],
  target = '',
  pass?: (sm: number, nv: number) => boolean,
): Row {
  const sm = median(smart);
  const nv = median(naive);
  return {
    metric,
    smart: fmt(sm, worst(smart)),
    naive: fmt(nv, worst(naive)),
    ratio: Number.isFinite(sm) && Number.isFinite(nv) && nv !== 0 ? `${(sm / nv).toFixed(2)}×` : '—',
    target,
    pass: pass && Number.isFinite(sm) ? pass(sm, nv) : undefined,
  };
}

function fixedRow(metric: string, smart: number, naive: number, target = '', pass?: boolean): Row {
  return {
    metric,
    smart: Number.isFinite(smart) ? String(smart) : 'n/a',
    naive: Number.isFinite(naive) ? String(naive) : 'n/a',
    ratio: Number.isFinite(smart) && Number.isFinite(naive) && naive !== 0 ? `${(smart / naive).toFixed(2)}×` : '—',
    target,
    pass,
  };
}

/** Runs scripts/bench-server.ts as it is (its own fresh server) and returns the JSON it wrote. */
async function runServerBench(): Promise<unknown> {
  const dir = path.join(repoRoot, 'bench/results');
  const before = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/bench-server.ts')], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench-server exited ${code}`))));
  });
  const newest = readdirSync(dir)
    .filter((f) => f.startsWith('server-') && f.endsWith('.json'))
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).mtimeMs >= before - 1000)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) throw new Error('bench-server wrote no result');
  return JSON.parse(readFileSync(newest, 'utf8'));
}
