// Where the harness finds the repository, the built extension, the e2e fixtures and the browser.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// test/e2e/global-setup.ts snapshots the build and says where; outside vitest (probes, benchmarks) use the build.
export const extensionDir = process.env.VOCALID_E2E_EXTENSION_DIR ?? path.join(repoRoot, '.output/test/chrome-mv3');
export const fixturesDir = path.join(repoRoot, 'test/e2e/fixtures');
export const chromiumPath = '/usr/bin/chromium';
