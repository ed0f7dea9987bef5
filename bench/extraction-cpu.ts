// Page-side extraction cost in CPU time, for comparing builds on a shared machine: wall times there measure the
// other workers as much as the code, the page renderer's main-thread CPU time (DevTools `Performance.getMetrics`
// `ThreadTime`) much less. Each build runs in its own headless Chromium; loads alternate between builds so a busy
// minute hits both. Per load: the first extraction (the page script injected and run, a cold page), then
// `--per-load` more on the same page (warm). The page is the benchmark's generated heavy page (bench/lib/pages.ts).
//
//   npx tsx bench/extraction-cpu.ts --ext .output/bench/chrome-mv3 --ext /tmp/old/chrome-mv3 --size 500000
import { parseArgs } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from '../test/harness/chromium';
import { openTab } from '../test/harness/extension-pages';
import { startPageServer } from '../test/harness/page-server';
import { repoRoot } from '../test/harness/paths';
import { heavyPage } from './lib/pages';

/** The part of a DevTools `Profiler.Profile` read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

interface Timing {
  injectMs: number;
  extractMs: number;
  blocks: number;
  chars: number;
  source: string;
}

const { values } = parseArgs({
  options: {
    ext: { type: 'string', multiple: true },
    size: { type: 'string', default: '500000' },
    loads: { type: 'string', default: '4' },
    'per-load': { type: 'string', default: '5' },
    /** Write a CPU profile of the first build's warm extractions and print the functions with most self time. */
    profile: { type: 'string' },
    /** With --profile: profile the cold extractions (the page script injected and run on a fresh page) instead. */
    'profile-cold': { type: 'boolean', default: false },
  },
});
const builds = values.ext?.length ? values.ext : [path.join(repoRoot, '.output/bench/chrome-mv3')];
const size = Number(values.size);
const loads = Number(values.loads);
const perLoad = Number(values['per-load']);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} (best ${Math.min(...xs).toFixed(0)}, n ${xs.length})`;

async function threadTimeMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN) * 1000;
}

function extractOnce(b: LaunchedBrowser, tabId: number): Promise<Timing> {
  return b.sw.evaluate(
    (t) =>
      (
        globalThis as unknown as {
          __vocalidTest: { extractTiming(t: number, src: string): Promise<Timing> };
        }
      ).__vocalidTest.extractTiming(t, 'auto'),
    tabId,
  );
}

/** Self time per function (name and location) over the profiles, the top 40. */
function printSelfTimes(profiles: CpuProfile[]) {
  const self = new Map<string, number>();
  let total = 0;
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const dts = p.timeDeltas ?? [];
    (p.samples ?? []).forEach((id, i) => {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber + 1}`;
      const dt = (dts[i + 1] ?? 0) / 1000;
      self.set(key, (self.get(key) ?? 0) + dt);
      total += dt;
    });
  }
  console.log(`self time over ${profiles.length} profiles, ${total.toFixed(0)} ms`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`  ${v.toFixed(1).padStart(8)} ms  ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
}

async function main() {
  const pages = await startPageServer();
  pages.set('/heavy.html', heavyPage(size, size));
  const browsers: LaunchedBrowser[] = [];
  for (const dir of builds) browsers.push(await launchBrowser({ extensionPath: path.resolve(dir) }));
  const cold = builds.map(() => [] as number[]);
  const warm = builds.map(() => [] as number[]);
  // Wall time of the same calls (inject + extract for the cold one, the extract round trip for the warm ones).
  const coldWall = builds.map(() => [] as number[]);
  const warmWall = builds.map(() => [] as number[]);
  const shapes = builds.map(() => new Set<string>());
  const load0 = os.loadavg()[0]!;
  const profiles: CpuProfile[] = [];
  try {
    for (let l = 0; l < loads; l++) {
      for (let i = 0; i < builds.length; i++) {
        const b = browsers[(i + l) % builds.length]!;
        const k = browsers.indexOf(b);
        const tab = await openTab(b, pages.url('/heavy.html'));
        const cdp = await b.context.newCDPSession(tab.page);
        await cdp.send('Performance.enable');
        const profiling = values.profile !== undefined && k === 0;
        const profileFrom = values['profile-cold'] ? 0 : 1;
        for (let r = 0; r <= perLoad; r++) {
          if (profiling && r === profileFrom) {
            await cdp.send('Profiler.enable');
            await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
            await cdp.send('Profiler.start');
          }
          const before = await threadTimeMs(cdp);
          const t = await extractOnce(b, tab.tabId);
          const cpu = (await threadTimeMs(cdp)) - before;
          (r === 0 ? cold : warm)[k]!.push(cpu);
          (r === 0 ? coldWall : warmWall)[k]!.push(t.injectMs + t.extractMs);
          if (profiling && values['profile-cold'] && r === 0)
            profiles.push((await cdp.send('Profiler.stop')).profile as CpuProfile);
          shapes[k]!.add(`${t.source} ${t.blocks} blocks ${t.chars} chars`);
        }
        if (profiling && !values['profile-cold'])
          profiles.push((await cdp.send('Profiler.stop')).profile as CpuProfile);
        await cdp.detach();
        await tab.page.close();
      }
    }
  } finally {
    for (const b of browsers) await b.close();
    await pages.close();
  }
  console.log(
    `${size} bytes, ${loads} loads × (1 cold + ${perLoad} warm), load average ${load0.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)}`,
  );
  if (values.profile !== undefined && profiles.length) {
    writeFileSync(values.profile, JSON.stringify(profiles[0]));
    printSelfTimes(profiles);
  }
  builds.forEach((dir, k) => {
    console.log(`${dir}: ${[...shapes[k]!].join(' | ')}`);
    console.log(`  cold (inject + extract) CPU ms ${fmt(cold[k]!)}`);
    console.log(`  warm (extract) CPU ms ${fmt(warm[k]!)}`);
    console.log(`  cold wall ms ${fmt(coldWall[k]!)}; warm wall ms ${fmt(warmWall[k]!)}`);
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
