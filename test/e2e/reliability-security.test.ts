// Security checks of the reliability suite (docs/reliability.md): no secret in any console output of the
// extension's contexts through good and failing readings, and a release build without the test API or the demo
// credentials. (Content scripts reading storage and web pages messaging the extension: test/e2e/security.test.ts.)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NAIVE_PACING_NAME } from '../../bench/lib/naive-pacing';
import {
  captureConsole,
  ext,
  openTab,
  repoRoot,
  setServerFaults,
  stopServiceWorker,
  useExtensionSession,
  waitForEnd,
  waitForServiceWorker,
  type CapturedConsole,
} from './helpers';

let consoleLog: CapturedConsole;
const session = useExtensionSession({
  tokenTtl: 3,
  settings: { rate: 4, prefetchSeconds: 1 },
  reset: false,
  onLaunch: (browser) => void (consoleLog = captureConsole(browser)),
});

afterAll(() => {
  consoleLog?.stop();
});

describe('no secret in console output', () => {
  it(
    'through a good reading, expiring tokens, server errors, a worker restart and rejected credentials',
    { timeout: 180_000 },
    async () => {
      const seen = new Set<string>(['demo-secret']);
      const remember = async () => {
        const token = await session.browser.sw.evaluate(async () => {
          const c = (
            globalThis as unknown as {
              chrome: { storage: { session: { get(k: string): Promise<Record<string, { accessToken?: string }>> } } };
            }
          ).chrome;
          return (await c.storage.session.get('vocalidAccessToken')).vocalidAccessToken?.accessToken ?? null;
        });
        if (token) seen.add(token);
      };

      // A good reading across several 3 s token lifetimes.
      const { page, tabId } = await openTab(session.browser, session.fixtures.url('reliability-sentences.html'));
      await ext.read(session.browser.sw, tabId, { source: 'article' });
      await remember();
      await stopServiceWorker(session.browser);
      // Woken by a playback event, or by the reading alarm (30 s) when nothing was queued yet.
      await waitForServiceWorker(session.browser, 75_000);
      expect((await waitForEnd(session.browser.sw, 120_000)).status).toBe('done');
      await remember();

      // Server errors on every request, then wrong credentials.
      await ext.clearCache(session.browser.sw);
      await setServerFaults(session.server, [{ path: '/api/v1/external/synthesis/', status: 500, count: 3 }]);
      await ext.read(session.browser.sw, tabId, { source: 'article' });
      await waitForEnd(session.browser.sw, 120_000);
      await remember();
      await ext.clearCache(session.browser.sw);
      const wrongSecret = 'wrong-secret-4f9c2e7a';
      seen.add(wrongSecret);
      await session.browser.sw.evaluate(async (secret) => {
        const c = (
          globalThis as unknown as {
            chrome: {
              storage: { local: { set(v: object): Promise<void> }; session: { remove(k: string): Promise<void> } };
            };
          }
        ).chrome;
        await c.storage.local.set({ secrets: { clientSecret: secret } });
        await c.storage.session.remove('vocalidAccessToken');
      }, wrongSecret);
      const failed = await ext.read(session.browser.sw, tabId, { source: 'article' });
      const end = failed.status === 'error' ? failed : await waitForEnd(session.browser.sw, 60_000);
      expect(end.status).toBe('error');
      expect(end.error?.action).toBe('sign-in');
      // The capture works (so an empty result means no leak, not no capture).
      await session.browser.sw.evaluate(() => console.info('reliability capture check (worker)'));
      await page.evaluate(() => console.info('reliability capture check (page)'));
      await page.close();

      const lines = consoleLog.lines();
      expect(lines.some((l) => l.includes('reliability capture check (worker)'))).toBe(true);
      expect(lines.some((l) => l.includes('reliability capture check (page)'))).toBe(true);
      for (const secret of seen) {
        const leaks = lines.filter((l) => l.includes(secret));
        expect(leaks, `console lines containing a secret (${secret.slice(0, 4)}…)`).toEqual([]);
      }
    },
  );
});

describe('the release build', () => {
  it(
    'packs a store zip with the store fields and no test API, benchmark pacing, fault/request-log paths, demo credentials, dev server URL, loopback host permission or CSP allowance',
    { timeout: 180_000 },
    () => {
      const env = { ...process.env };
      delete env.VOCALID_BUILD;
      // `wxt zip` builds the release and packs it: what a store would receive. Older packages go first.
      const releaseDir = path.join(repoRoot, '.output/release');
      if (existsSync(releaseDir))
        for (const f of readdirSync(releaseDir)) if (f.endsWith('.zip')) rmSync(path.join(releaseDir, f));
      execFileSync('npx', ['wxt', 'zip'], { cwd: repoRoot, env, stdio: 'pipe' });
      const dir = path.join(repoRoot, '.output/release/chrome-mv3');
      const zips = readdirSync(path.dirname(dir)).filter((f) => f.endsWith('-chrome.zip'));
      expect(zips).toHaveLength(1);
      const zipBytes = statSync(path.join(path.dirname(dir), zips[0]!)).size;
      expect(zipBytes).toBeGreaterThan(10_000);
      expect(zipBytes, 'the store package stays small').toBeLessThan(3_000_000);
      const files: string[] = [];
      const walk = (d: string) => {
        for (const name of readdirSync(d)) {
          const p = path.join(d, name);
          if (statSync(p).isDirectory()) walk(p);
          else files.push(p);
        }
      };
      walk(dir);
      expect(files.some((f) => f.endsWith('background.js'))).toBe(true);
      expect(files.filter((f) => /output-tap/.test(path.basename(f)))).toEqual([]);
      // Benchmark instrumentation too: the scheduling-mode setting is gone, the naive pacing and the per-unit
      // context times live only in test builds (bench/lib/naive-pacing.ts, utils/instrumentation/).
      const forbidden = [
        '__vocalidTest',
        '__testPlaybackLog',
        '__vocalidOffscreenTest',
        'demo-secret',
        'demo-client',
        '/__test/',
        'schedulingMode',
        NAIVE_PACING_NAME,
        'startContextTime',
        'endContextTime',
        'usePacing',
        'output-tap',
        ':8787',
      ];
      for (const file of files.filter((f) => /\.(js|html|json)$/.test(f))) {
        const text = readFileSync(file, 'utf8');
        for (const word of forbidden)
          expect(text.includes(word), `${path.relative(dir, file)} contains ${word}`).toBe(false);
      }
      const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
        host_permissions?: string[];
        externally_connectable?: unknown;
        minimum_chrome_version?: string;
        homepage_url?: string;
        content_security_policy?: { extension_pages?: string };
        default_locale?: string;
        name?: string;
        description?: string;
      };
      expect(manifest.host_permissions ?? []).toEqual([]);
      expect(manifest.externally_connectable).toBeUndefined();
      // Store fields: the APIs used need Chrome 116 (runtime.getContexts); no CSP allowance beyond the default.
      expect(Number(manifest.minimum_chrome_version)).toBeGreaterThanOrEqual(116);
      expect(manifest.homepage_url).toMatch(/^https:\/\//);
      expect(manifest.content_security_policy?.extension_pages ?? '').not.toMatch(/unsafe/);
      // Six UI languages: the store lists the name and description from _locales, the default one in English.
      expect(manifest.default_locale).toBe('en');
      expect([manifest.name, manifest.description]).toEqual(['__MSG_manifest_name__', '__MSG_manifest_description__']);
      const locales = readdirSync(path.join(dir, '_locales')).sort();
      expect(locales).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ja']);
      for (const locale of locales) {
        const messages = JSON.parse(
          readFileSync(path.join(dir, '_locales', locale, 'messages.json'), 'utf8'),
        ) as Record<string, { message: string }>;
        expect(messages.manifest_name?.message, locale).toMatch(/VocaliD/);
        expect(messages.manifest_description?.message.length, locale).toBeGreaterThan(20);
        expect(messages.manifest_description?.message.length, `${locale}: the store allows 132`).toBeLessThanOrEqual(
          132,
        );
      }
    },
  );
});
