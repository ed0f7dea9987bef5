// `npm start`: build the dev extension, start the local VocaliD-compatible server, and open Chromium with the
// extension on the demo article. Without a display (or with --headless) it instead reads the demo article through
// the real extension in headless Chromium, printing each sentence as it starts, and exits when reading ends.
// Building, the server and the browser are the test harness's (test/harness/), as the e2e tests and the bench use them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describeDevCredentials } from '../server/src/seed/dev-seed';
import type { ReadingState } from '../utils/reading/reading-state';
import { launchBrowser, type LaunchedBrowser } from '../test/harness/chromium';
import { buildExtension, buildHasTestApi, type BuildKind } from '../test/harness/extension-build';
import { openTab } from '../test/harness/extension-pages';
import { startLocalServer, type LocalServer } from '../test/harness/local-server';
import { repoRoot } from '../test/harness/paths';
import { waitForEndWithProgress } from '../test/harness/reading-waits';
import { ext } from '../test/harness/test-api-client';

// A fixed port: the dev build's default server address is http://127.0.0.1:8787 (wxt.config.ts).
const port = Number(process.env.VOCALID_PORT ?? 8787);

const args = process.argv.slice(2);
const wantHeadless = args.includes('--headless') || !process.env.DISPLAY;

function log(msg: string) {
  console.log(`[start] ${msg}`);
}

function fail(msg: string, code = 1): never {
  console.error(`[start] ${msg}`);
  process.exit(code);
}

function build(kind: BuildKind): string {
  log(`building the ${kind} extension (VOCALID_BUILD=${kind} wxt build)…`);
  try {
    return buildExtension(kind);
  } catch (err) {
    fail((err as Error).message);
  }
}

/** Reads the demo article, printing each sentence as it starts; the exit code says whether every unit played. */
async function readHeadless(b: LaunchedBrowser, articleUrl: string): Promise<number> {
  const { page, tabId } = await openTab(b, articleUrl);
  log(`reading "${await page.title()}" (${articleUrl})`);

  const state = await ext.read(b.sw, tabId, { source: 'article' });
  const triggeredAt = state.triggeredAt ?? Date.now();
  const printed = new Set<number>();
  let lastStatus = '';
  const report = (s: ReadingState) => {
    const started = s.units.filter((u) => u.startedAt !== undefined && !printed.has(u.index));
    started.sort((a, b) => a.startedAt! - b.startedAt!);
    for (const u of started) {
      printed.add(u.index);
      const t = ((u.startedAt! - triggeredAt) / 1000).toFixed(2).padStart(6);
      console.log(`  ${t}s  ▶ [${u.index + 1}/${s.units.length}] ${u.text.replace(/\s+/g, ' ').trim()}`);
    }
    if (s.status !== lastStatus && ['loading', 'paused'].includes(s.status)) log(`status: ${s.status}`);
    lastStatus = s.status;
  };
  // No sentence takes anywhere near the stall time; the runtime reports failures it knows of, this catches the rest.
  const end = await waitForEndWithProgress(b.sw, {
    timeoutMs: 60 * 60_000,
    stallMs: 45_000,
    intervalMs: 100,
    onState: report,
  });
  if (end.status === 'done') {
    log(`done: ${printed.size} of ${end.units.length} units played.`);
    return printed.size === end.units.length && end.units.length > 0 ? 0 : 1;
  }
  const unitErrors = end.units.filter((u) => u.error).map((u) => `unit ${u.index + 1}: ${u.error}`);
  const message = end.error ? `${end.error.message}${end.error.action ? ` — ${end.error.action}` : ''}` : end.status;
  console.error(`[start] reading failed: ${message}${unitErrors.length ? `\n  ${unitErrors.join('\n  ')}` : ''}`);
  return 1;
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
  if (wantHeadless && !buildHasTestApi(extDir)) {
    // The contract compiles the automation API only into test builds; they are dev builds plus that API.
    log('the dev build has no automation API; using a test build for the headless run.');
    extDir = build('test');
  }

  let server: LocalServer;
  try {
    // quiet: request-level logging would bury the sentence list of the headless run.
    server = await startLocalServer({ port, dataDir: path.join(repoRoot, 'server/data'), quiet: wantHeadless });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`port ${port} is in use (another \`npm start\`?). Stop it or set VOCALID_PORT.`);
    throw err;
  }
  log(`VocaliD server listening on ${server.url} (data in server/data)`);
  console.log(describeDevCredentials(server.url));
  const articleUrl = `${server.url}/demo/article.html`;

  // Filled in once Chromium is up; Ctrl-C may arrive before that.
  const browser: { launched?: LaunchedBrowser } = {};
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    await browser.launched?.close().catch(() => undefined);
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

  const b = await launchBrowser({
    extensionPath: extDir,
    headed: !wantHeadless,
    desktop: true,
    profileDir: path.join(repoRoot, '.e2e-profiles', wantHeadless ? 'start-headless' : 'start'),
    // Only the headless run drives the extension; a dev build has no test API.
    testApi: wantHeadless,
  }).catch((err: unknown) => {
    if (wantHeadless) fail(`${(err as Error).message}`);
    throw err;
  });
  browser.launched = b;

  if (wantHeadless) {
    let code = 1;
    try {
      code = await readHeadless(b, articleUrl);
    } catch (err) {
      console.error(`[start] ${(err as Error).message}`);
    }
    await shutdown(code);
    return;
  }

  const page = b.context.pages()[0] ?? (await b.context.newPage());
  await page.goto(articleUrl);
  log(`Chromium is open at ${articleUrl} with the extension loaded and configured for the local server.`);
  log('Select text and choose "Read aloud" from the context menu, or press Alt+Shift+Y to read the article.');
  log('Close the browser or press Ctrl-C to stop.');
  b.context.on('close', () => void shutdown(0));
}

main().catch((err: unknown) => {
  console.error(`[start] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
