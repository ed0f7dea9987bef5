// Runs once before the Firefox e2e files: makes sure Firefox ESR and a Firefox test build exist, then snapshots the
// build so a rebuild during the run cannot pull files out from under a running browser. `npm test` builds fresh
// just before (scripts/test.sh); this covers `vitest --project e2e-firefox` alone.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildExtension } from '../harness/extension-build';
import { firefoxPath } from '../harness/firefox';
import { repoRoot } from '../harness/paths';

export default function setup(): () => void {
  if (!existsSync(firefoxPath)) {
    throw new Error(
      `e2e-firefox needs ${firefoxPath}: run \`bash scripts/ensure-system-deps.sh\` (it says what to install).`,
    );
  }
  const buildDir = path.join(repoRoot, '.output/test/firefox-mv2');
  if (!existsSync(path.join(buildDir, 'manifest.json'))) {
    console.log('[e2e-firefox] no Firefox test build found; running VOCALID_BUILD=test wxt build -b firefox …');
    buildExtension('test', { browser: 'firefox' });
  }
  const snapshotRoot = mkdtempSync(path.join(tmpdir(), 'vocalid-e2e-ff-'));
  const snapshot = path.join(snapshotRoot, 'firefox-mv2');
  cpSync(buildDir, snapshot, { recursive: true });
  // Test workers inherit this environment; test/harness/firefox.ts installs the add-on from here.
  process.env.VOCALID_E2E_FIREFOX_EXTENSION_DIR = snapshot;
  return () => rmSync(snapshotRoot, { recursive: true, force: true });
}
