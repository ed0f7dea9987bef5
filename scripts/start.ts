// `npm start`: build the dev extension, start the local VocaliD-compatible server, and open Chromium with the
// extension on the demo article. Without a display (or with --headless) it instead reads the demo article through
// the real extension in headless Chromium, printing each sentence as it starts, and exits when reading ends.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { describeDevCredentials } from '../server/src/seed/dev-seed';
import { startServer } from '../server/src/start-server';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const host = '127.0.0.1';
const port = Number(process.env.VOCALID_PORT ?? 8787);
const articleUrl = `http://${host}:${port}/demo/article.html`;
const chromiumPath = '/usr/bin/chromium';

const args = process.argv.slice(2);
const wantHeadless = args.includes('--headless') || !process.env.DISPLAY;

function log(msg: string) {
  console.log(`[start] ${msg}`);
}

function fail(msg: string, code = 1): never {
  console.error(`[start] ${msg}`);
  process.exit(code);
}

function run(cmd: string, cmdArgs: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) fail(`${[cmd, ...cmdArgs].join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function build(kind: 'dev' | 'test'): string {
  log(`building the ${kind} extension (VOCALID_BUILD=${kind} wxt build)…`);
  run('npx', ['wxt', 'build'], { VOCALID_BUILD: kind });
  const dir = path.join(repoRoot, `.output/${kind}/chrome-mv3`);
  if (!existsSync(path.join(dir, 'manifest.json'))) fail(`build finished but ${dir}/manifest.json is missing`);
  return dir;
}

/** The automation API is compiled only into builds that expose it; look for it in the built service worker. */
function hasTestApi(extDir: string): boolean {
  const candidates = ['background.js', ...readdirSync(extDir).filter((f) => f.endsWith('.js'))];
  return candidates.some((f) => {
    const file = path.join(extDir, f);
    return existsSync(file) && readFileSync(file, 'utf8').includes('__vocalidTest');
  });
}

// Chromium's own background traffic is useless here and noisy on locked-down machines.
const quietFlags = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

async function launch(extDir: string, headless: boolean, profile: string): Promise<BrowserContext> {
  mkdirSync(profile, { recursive: true });
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless,
    viewport: headless ? { width: 1200, height: 800 } : null,
    ignoreDefaultArgs: ['--enable-automation'],
    args: [
      ...quietFlags,
      ...(headless || process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      // Playwright adds --disable-extensions; -except is what lets ours load.
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
    ],
  });
}

async function serviceWorker(context: BrowserContext): Promise<Worker> {
  const ours = (w: Worker) => w.url().startsWith('chrome-extension://');
  return (
    context.serviceWorkers().find(ours) ?? context.waitForEvent('serviceworker', { predicate: ours, timeout: 20_000 })
  );
}

interface Unit {
  index: number;
  text: string;
  status: string;
  startedAt?: number;
  error?: string;
}
interface State {
  status: string;
  units: Unit[];
  error?: { code: string; message: string; action?: string };
  triggeredAt?: number;
}
type TestApi = {
  read(tabId: number, o: { source: string }): Promise<State>;
  state(): Promise<State>;
  stop(): Promise<unknown>;
};
type SwGlobal = typeof globalThis & {
  __vocalidTest?: TestApi;
  chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
};

async function readHeadless(context: BrowserContext): Promise<number> {
  const sw = await serviceWorker(context);
  const deadline = Date.now() + 15_000;
  while (!(await sw.evaluate(() => typeof (globalThis as SwGlobal).__vocalidTest === 'object'))) {
    if (Date.now() > deadline) fail('the extension has no automation API (__vocalidTest); is this a test build?');
    await new Promise((r) => setTimeout(r, 100));
  }

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(articleUrl, { waitUntil: 'load' });
  log(`reading "${await page.title()}" (${articleUrl})`);
  const tabId = await sw.evaluate(async (u) => {
    const tabs = await (globalThis as SwGlobal).chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? null;
  }, page.url());
  if (tabId === null) fail('could not find the demo article tab');

  const triggeredAt = Date.now();
  await sw.evaluate(([t]) => (globalThis as SwGlobal).__vocalidTest!.read(t, { source: 'article' }), [tabId] as const);

  const printed = new Set<number>();
  let lastStatus = '';
  // No sentence takes anywhere near this long; the runtime reports failures it knows of, this catches the rest.
  const stallMs = 45_000;
  let signature = '';
  let progressAt = Date.now();
  for (;;) {
    const s = await sw.evaluate(() => (globalThis as SwGlobal).__vocalidTest!.state());
    const sig = `${s.status} ${s.units.map((u) => u.status).join(',')}`;
    if (sig !== signature || s.status === 'paused') {
      signature = sig;
      progressAt = Date.now();
    } else if (Date.now() - progressAt > stallMs) {
      const stuck = s.units.find((u) => u.status !== 'played');
      console.error(
        `[start] reading stalled: nothing has changed for ${stallMs / 1000} s (status ${s.status}` +
          `${stuck ? `, unit ${stuck.index + 1} is ${stuck.status}` : ''}).`,
      );
      return 1;
    }
    const started = s.units.filter((u) => u.startedAt !== undefined && !printed.has(u.index));
    started.sort((a, b) => a.startedAt! - b.startedAt!);
    for (const u of started) {
      printed.add(u.index);
      const t = ((u.startedAt! - triggeredAt) / 1000).toFixed(2).padStart(6);
      console.log(`  ${t}s  ▶ [${u.index + 1}/${s.units.length}] ${u.text.replace(/\s+/g, ' ').trim()}`);
    }
    if (s.status !== lastStatus && ['loading', 'paused'].includes(s.status)) log(`status: ${s.status}`);
    lastStatus = s.status;
    if (s.status === 'done') {
      log(`done: ${printed.size} of ${s.units.length} units played.`);
      return printed.size === s.units.length && s.units.length > 0 ? 0 : 1;
    }
    if (s.status === 'error' || s.status === 'stopped') {
      const unitErrors = s.units.filter((u) => u.error).map((u) => `unit ${u.index + 1}: ${u.error}`);
      const message = s.error ? `${s.error.message}${s.error.action ? ` — ${s.error.action}` : ''}` : s.status;
      console.error(`[start] reading failed: ${message}${unitErrors.length ? `\n  ${unitErrors.join('\n  ')}` : ''}`);
      return 1;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  const deps = spawnSync('bash', [path.join(repoRoot, 'scripts/ensure-system-deps.sh'), '--no-headed'], {
    stdio: 'inherit',
  });
  if (deps.status !== 0) process.exit(deps.status ?? 1);

  if (!process.env.DISPLAY && !args.includes('--headless')) {
    log('no display ($DISPLAY is unset): doing a headless run that reads the demo article aloud through the');
    log('extension and prints each sentence as it starts. On a desktop, `npm start` opens Chromium instead.');
  }

  let extDir = build('dev');
  if (wantHeadless && !hasTestApi(extDir)) {
    // The contract compiles the automation API only into test builds; they are dev builds plus that API.
    log('the dev build has no automation API; using a test build for the headless run.');
    extDir = build('test');
  }

  const dataDir = path.join(repoRoot, 'server/data');
  mkdirSync(dataDir, { recursive: true });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    // quiet: request-level logging would bury the sentence list of the headless run.
    server = await startServer({ host, port, dataDir, dev: true, quiet: wantHeadless });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`port ${port} is in use (another \`npm start\`?). Stop it or set VOCALID_PORT.`);
    throw err;
  }
  log(`VocaliD server listening on ${server.url} (data in server/data)`);
  console.log(describeDevCredentials(server.url));

  // Filled in once Chromium is up; Ctrl-C may arrive before that.
  const browser: { context?: BrowserContext } = {};
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    await browser.context?.close().catch(() => undefined);
    await Promise.resolve()
      .then(() => server.close())
      .catch(() => undefined);
    process.exit(code);
  };
  // tsx relays Ctrl-C to this process too, so SIGINT can arrive twice; shutdown() runs once.
  process.on('SIGINT', () => {
    if (!shuttingDown) log('stopping…');
    void shutdown(130);
  });
  process.on('SIGTERM', () => void shutdown(143));

  const profile = path.join(repoRoot, '.e2e-profiles', wantHeadless ? 'start-headless' : 'start');
  const context = await launch(extDir, wantHeadless, profile);
  browser.context = context;

  if (wantHeadless) {
    let code = 1;
    try {
      code = await readHeadless(context);
    } catch (err) {
      console.error(`[start] ${(err as Error).message}`);
    }
    await shutdown(code);
    return;
  }

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(articleUrl);
  log(`Chromium is open at ${articleUrl} with the extension loaded and configured for the local server.`);
  log('Select text and choose "Read aloud" from the context menu, or press Alt+Shift+Y to read the article.');
  log('Close the browser or press Ctrl-C to stop.');
  context.on('close', () => void shutdown(0));
}

main().catch((err: unknown) => {
  console.error(`[start] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
