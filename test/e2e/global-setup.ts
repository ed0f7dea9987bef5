// Runs once before the e2e files: makes sure a test build of the extension exists and that Chromium is there,
// then snapshots the build so a rebuild during the run (`wxt build` replaces .output/test) cannot pull files out
// from under a running browser. `npm test` builds fresh just before; this covers `vitest --project e2e` alone.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildExtension } from '../harness/extension-build';
import { chromiumPath, repoRoot } from '../harness/paths';

export default function setup(): () => void {
  if (!existsSync(chromiumPath)) {
    throw new Error(`e2e needs ${chromiumPath}: run \`bash scripts/ensure-system-deps.sh\` (it says what to install).`);
  }
  const buildDir = path.join(repoRoot, '.output/test/chrome-mv3');
  const manifest = path.join(buildDir, 'manifest.json');
  if (!existsSync(manifest)) {
    console.log('[e2e] no test build found; running VOCALID_BUILD=test wxt build …');
    buildExtension('test');
  }

  const snapshotRoot = mkdtempSync(path.join(tmpdir(), 'vocalid-e2e-ext-'));
  const snapshot = path.join(snapshotRoot, 'chrome-mv3');
  cpSync(buildDir, snapshot, { recursive: true });
  // Test workers inherit this environment; test/harness/paths.ts loads the extension from here.
  process.env.VOCALID_E2E_EXTENSION_DIR = snapshot;
  return () => rmSync(snapshotRoot, { recursive: true, force: true });
}
