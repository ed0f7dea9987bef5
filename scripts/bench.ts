// `npm run bench`: the extension's performance in real Chromium against the local server, with the naive
// baseline pacing (bench/lib/naive-pacing.ts, what Read Aloud does) measured side by side in the same run.
// What each figure means and how it is measured: bench/README.md. Options:
//   --server-profile cloud|fast   how the server answers synthesis (default cloud: 150 ms + 0.3 × audio duration,
//                    streamed; fast: a fixed 300 ms), bench/lib/server-profile.ts
//   --latency <ms>   overrides the profile's fixed part
//   --rate <r>       reading rate of the reading scenarios (default 2; the underrun target is at 3)
//   --repeats <n>    runs per time-to-first-audio scenario and mode (default 5)
//   --no-build       reuse .output/bench/chrome-mv3
//   --headless       no Xvfb (Chromium then closes the player after 30 s: long readings stall; see bench/README.md)
//   --skip <names>   comma-separated scenarios to leave out (ttfa,seams,replay,extraction,memory,server)
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_RATE, runBench } from '../bench/lib/run';
import { isServerProfileName, SERVER_PROFILES } from '../bench/lib/server-profile';

const { values } = parseArgs({
  options: {
    'server-profile': { type: 'string', default: 'cloud' },
    latency: { type: 'string' },
    repeats: { type: 'string', default: '5' },
    rate: { type: 'string', default: String(DEFAULT_RATE) },
    'no-build': { type: 'boolean', default: false },
    headless: { type: 'boolean', default: false },
    skip: { type: 'string', default: '' },
  },
});

async function main() {
  const profile = values['server-profile'];
  if (!isServerProfileName(profile))
    throw new Error(`--server-profile must be one of ${Object.keys(SERVER_PROFILES).join(', ')}`);
  const latencyMs = values.latency === undefined ? undefined : Number(values.latency);
  const repeats = Number(values.repeats);
  if (latencyMs !== undefined && !(Number.isInteger(latencyMs) && latencyMs >= 0))
    throw new Error('--latency must be a whole number of ms');
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error('--repeats must be a whole number >= 1');
  const rate = Number(values.rate);
  if (!(rate > 0 && rate <= 10)) throw new Error('--rate must be a number in (0, 10]');
  const skip = new Set(values.skip.split(',').filter(Boolean));
  const dir = path.join('bench', 'results');
  mkdirSync(dir, { recursive: true });
  const fileOf = (startedAt: unknown) =>
    path.join(dir, `bench-${profile}-${String(startedAt).replace(/[:.]/g, '-')}.json`);
  const write = (partial: Record<string, unknown>) =>
    writeFileSync(fileOf(partial.startedAt), JSON.stringify(partial, null, 2) + '\n');
  const result = await runBench({
    profile,
    rate,
    latencyMs,
    repeats,
    build: !values['no-build'],
    headless: values.headless,
    skip,
    // Each scenario's results are written as it ends (marked partial) and the file is completed at the end.
    checkpoint: (partial) => write({ ...partial, partial: true }),
  });
  const file = fileOf(result.startedAt);
  write(result);
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
