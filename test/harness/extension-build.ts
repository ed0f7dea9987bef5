// Building the extension for the harness: `wxt build` with the build kind (wxt.config.ts) and, for the benchmark,
// an output folder of its own so it never replaces the build an e2e run of someone else on the machine is using.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';

export type BuildKind = 'dev' | 'test' | 'release';

/** Builds and returns the unpacked extension's folder (Chrome unless asked); throws with wxt's output on failure. */
export function buildExtension(
  kind: BuildKind,
  opts: { outDir?: string; quiet?: boolean; browser?: 'chrome' | 'firefox' } = {},
): string {
  const outDir = opts.outDir ?? path.join(repoRoot, `.output/${kind}`);
  const firefox = opts.browser === 'firefox';
  const r = spawnSync('npx', ['wxt', 'build', ...(firefox ? ['-b', 'firefox'] : [])], {
    cwd: repoRoot,
    stdio: opts.quiet ? 'pipe' : 'inherit',
    env: { ...process.env, VOCALID_BUILD: kind, VOCALID_OUT_DIR: outDir },
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    const output = opts.quiet ? `\n${r.stdout}${r.stderr}` : '';
    throw new Error(`VOCALID_BUILD=${kind} wxt build failed (exit ${r.status ?? r.signal})${output}`);
  }
  const dir = path.join(outDir, firefox ? 'firefox-mv2' : 'chrome-mv3');
  if (!existsSync(path.join(dir, 'manifest.json')))
    throw new Error(`build finished but ${dir}/manifest.json is missing`);
  return dir;
}

/** Whether a build carries the test automation API (compiled only into test builds): its worker names it. */
export function buildHasTestApi(extDir: string): boolean {
  return readdirSync(extDir)
    .filter((f) => f.endsWith('.js'))
    .some((f) => readFileSync(path.join(extDir, f), 'utf8').includes('__vocalidTest'));
}
