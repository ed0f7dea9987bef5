// `npm run bench`: the extension's performance in real Chromium against the local server, with the naive
// baseline pacing (bench/lib/naive-pacing.ts, what Read Aloud does) measured side by side in the same run.
// What each figure means and how it is measured: bench/README.md. Options:
//   --latency <ms>   extra latency per synthesis request (default 300)
//   --repeats <n>    runs per time-to-first-audio scenario and mode (default 5)
//   --no-build       reuse .output/bench/chrome-mv3
//   --headless       no Xvfb (Chromium then closes the player after 30 s: long readings stall; see bench/README.md)
//   --skip <names>   comma-separated scenarios to leave out (ttfa,seams,replay,extraction,memory,server)
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBench } from '../bench/lib/run';

const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: '300' },
    repeats: { type: 'string', default: '5' },
    'no-build': { type: 'boolean', default: false },
    headless: { type: 'boolean', default: false },
    skip: { type: 'string', default: '' },
  },
});

async function main() {
  const latencyMs = Number(values.latency);
  const repeats = Number(values.repeats);
  if (!Number.isInteger(latencyMs) || latencyMs < 0) throw new Error('--latency must be a whole number of ms');
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error('--repeats must be a whole number >= 1');
  const skip = new Set(values.skip.split(',').filter(Boolean));
  const result = await runBench({ latencyMs, repeats, build: !values['no-build'], headless: values.headless, skip });
  const dir = path.join('bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${result.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  console.log(
    `\nload average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`wrote ${file}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
