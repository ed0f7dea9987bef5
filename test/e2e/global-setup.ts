// Runs once before the e2e files: makes sure a test build of the extension exists and that Chromium is there.
// `npm test` builds fresh just before; this covers `npx vitest run --project e2e` on its own.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default function setup(): void {
  if (!existsSync('/usr/bin/chromium')) {
    throw new Error('e2e needs /usr/bin/chromium: run `bash scripts/ensure-system-deps.sh` (it says what to install).');
  }
  const manifest = path.join(repoRoot, '.output/test/chrome-mv3/manifest.json');
  if (existsSync(manifest)) return;
  console.log('[e2e] no test build found; running VOCALID_BUILD=test wxt build …');
  execFileSync('npx', ['wxt', 'build'], {
    cwd: repoRoot,
    env: { ...process.env, VOCALID_BUILD: 'test' },
    stdio: 'inherit',
  });
  if (!existsSync(manifest)) throw new Error(`wxt build finished but ${manifest} is missing`);
}
