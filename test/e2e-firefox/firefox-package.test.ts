// The Firefox package as AMO receives it: `npm run zip:firefox` gives the add-on and the sources archive, and
// Mozilla's linter (addons-linter, what `web-ext lint` runs) finds no error in the release build's manifest or code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../harness/paths';

let outDir: string;
let zips: string[];

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'vocalid-ff-release-'));
  const r = spawnSync('npx', ['wxt', 'zip', '-b', 'firefox'], {
    cwd: repoRoot,
    env: { ...process.env, VOCALID_BUILD: 'release', VOCALID_OUT_DIR: outDir },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`wxt zip -b firefox failed:\n${r.stdout}${r.stderr}`);
  zips = readdirSync(outDir).filter((f) => f.endsWith('.zip'));
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

interface LintMessage {
  code: string;
  message: string;
  file?: string;
}

describe('the Firefox package', () => {
  it('zips the add-on and the sources AMO asks for', () => {
    expect(zips.some((f) => f.endsWith('-firefox.zip'))).toBe(true);
    expect(zips.some((f) => f.endsWith('-sources.zip'))).toBe(true);
  });

  it('declares what Firefox needs and nothing Chrome-only', () => {
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'firefox-mv2/manifest.json'), 'utf8'));
    const gecko = manifest.browser_specific_settings.gecko;
    expect(gecko.id).toMatch(/@/);
    expect(gecko.data_collection_permissions.required).toEqual(['websiteContent']);
    expect(Number.parseFloat(gecko.strict_min_version)).toBeGreaterThanOrEqual(140);
    expect(manifest.permissions).not.toContain('offscreen');
    // MV2: optional origins are optional permissions; the release build asks for no origin up front.
    expect(manifest.optional_permissions).toEqual(
      expect.arrayContaining(['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*']),
    );
    expect(manifest.permissions.filter((p: string) => p.includes('://'))).toEqual([]);
    expect(readdirSync(path.join(outDir, 'firefox-mv2'))).not.toContain('offscreen.html');
  });

  it('passes addons-linter (web-ext lint) with no errors', () => {
    const r = spawnSync('npx', ['addons-linter', '--output', 'json', path.join(outDir, 'firefox-mv2')], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const report = JSON.parse(r.stdout) as { errors: LintMessage[]; warnings: LintMessage[] };
    expect(report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([]);
  });
});
