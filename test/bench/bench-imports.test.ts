// The benchmark and the e2e harness run in plain Node and import the worker's pure reading code (the scheduler's
// session ids, the seam analysis). A module of theirs that pulls in a storage item (WXT's storage runs its
// migrations as soon as an item is defined) throws there: `npm run bench` and `bench/demo-article.ts` died at
// start-up when the resume offer's pure helper imported the reading-positions store.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

describe('the benchmark in plain Node', () => {
  it.each(['bench/lib/run.ts', 'bench/demo-article.ts'])(
    '%s loads without a browser',
    (file) => {
      // Imported, then left a moment for anything started at import time to fail, then ended before main() acts.
      const script = `process.argv.push('--help'); import(${JSON.stringify('./' + file)}).catch((e) => { console.error(e); process.exit(3); }); setTimeout(() => process.exit(0), 1500);`;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.stderr).not.toMatch(/must be loaded in a web extension environment|TypeError/);
      expect(run.status, run.stderr).toBe(0);
    },
    90_000,
  );
});
