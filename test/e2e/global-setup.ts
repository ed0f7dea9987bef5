// Runs once before the e2e files: makes sure a test build of the extension exists and that Chromium is there,
// then snapshots the build so a rebuild during the run (`wxt build` replaces .output/test) cannot pull files out
// from under a running browser. `npm test` builds fresh just before; this covers `vitest --project e2e` alone.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default function setup(): () => void {
  if (!existsSync('/usr/bin/chromium')) {
    throw new Error('e2e needs /usr/bin/chromium: run `bash scripts/ensure-system-deps.sh` (it says what to install).');
  }
  const buildDir = path.join(repoRoot, '.output/test/chrome-mv3');
  const manifest = path.join(buildDir, 'manifest.json');
  if (!existsSync(manifest)) {
    console.log('[e2e] no test build found; running VOCALID_BUILD=test wxt build …');
    execFileSync('npx', ['wxt', 'build'], {
      cwd: repoRoot,
      env: { ...process.env, VOCALID_BUILD: 'test' },
      stdio: 'inherit',
    });
    if (!existsSync(manifest)) throw new Error(`wxt build finished but ${manifest} is missing`);
  }

  const snapshotRoot = mkdtempSync(path.join(tmpdir(), 'vocalid-e2e-ext-'));
  const snapshot = path.join(snapshotRoot, 'chrome-mv3');
  cpSync(buildDir, snapshot, { recursive: true });
  // Test workers inherit this environment; helpers.ts loads the extension from here.
  process.env.VOCALID_E2E_EXTENSION_DIR = snapshot;
  return () => rmSync(snapshotRoot, { recursive: true, force: true });
}
