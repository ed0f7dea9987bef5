// `npm run bench:extraction`: what the extension would speak on the 181 real pages of the public article
// extraction benchmark (scrapinghub/article-extraction-benchmark, a copy in ../shared/corpora/, see its README),
// scored by the corpus's own scorer in the same run as the published Readability.js and trafilatura predictions.
// Each page is served from loopback as saved, with its scripts off (`script-src 'none'`) and every other host
// unresolvable, opened in real Chromium, and read by the built test extension through its test API (the same
// extraction request and units a reading makes, utils/metrics/spoken-text.ts). Not part of `npm test`.
// Options:
//   --no-build        reuse .output/bench/chrome-mv3
//   --corpus <dir>    the corpus folder (default: ../shared/corpora/article-extraction-benchmark from the repository)
//   --only <ids>      comma-separated page ids (a quick look; the scores then cover only those pages)
//   --n-bootstrap <n> bootstrap samples for the error bars (default 200)
//   --keep <dir>      also write each prediction there (output/<name>.json, as the scorer reads it) for a closer look
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { launchBrowser, type LaunchedBrowser } from '../test/harness/chromium';
import { tabIdOf } from '../test/harness/extension-pages';
import { startPageServer } from '../test/harness/page-server';
import { repoRoot } from '../test/harness/paths';
import type { SpokenText } from '../utils/instrumentation/spoken-text';
import { BENCH_EXTENSION, buildBenchExtension } from './lib/run';

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    corpus: { type: 'string' },
    only: { type: 'string', default: '' },
    'n-bootstrap': { type: 'string', default: '200' },
    keep: { type: 'string' },
  },
});

const CORPUS_NAME = 'article-extraction-benchmark';
const PREDICTION = 'vocalid_read_aloud';
/** The same without the headline read first: the corpus's article bodies leave titles out. */
const BODY_ONLY = 'vocalid_read_aloud_body';
const ANCHORS = ['readability_js', 'trafilatura'];
const PAGE_TIMEOUT_MS = 30_000;

/** ../shared next to the repository; a git worktree elsewhere also looks next to the main checkout. */
function findCorpus(): string | null {
  if (values.corpus) return existsSync(values.corpus) ? path.resolve(values.corpus) : null;
  const roots = [repoRoot];
  const common = spawnSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (common.status === 0 && common.stdout.trim()) roots.push(path.dirname(common.stdout.trim()));
  for (const root of roots) {
    const dir = path.resolve(root, '..', 'shared', 'corpora', CORPUS_NAME);
    if (existsSync(path.join(dir, 'evaluate.py'))) return dir;
  }
  return null;
}

interface PageResult {
  id: string;
  source: string;
  blocks: number;
  chars: number;
  extractMs: number;
  error?: string;
  text: string;
  /** The text without the headline block. */
  body: string;
  dropped: { rule: string; text: string }[];
}

async function readPage(b: LaunchedBrowser, url: string): Promise<Omit<PageResult, 'id'>> {
  const page = await b.context.newPage();
  try {
    // Scripts are off and other hosts unresolvable, so `load` comes quickly; a page that still hangs is read as is.
    await page
      .goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS })
      .catch(() => page.waitForLoadState('domcontentloaded'));
    const tabId = await tabIdOf(b.sw, page);
    const spoken = await b.sw.evaluate(
      ([t]) =>
        (
          globalThis as unknown as { __vocalidTest: { spokenText(t: number, s: string): Promise<SpokenText> } }
        ).__vocalidTest.spokenText(t, 'auto'),
      [tabId] as const,
    );
    const text = spoken.blocks.join('\n');
    const body = (spoken.headline ? spoken.blocks.slice(1) : spoken.blocks).join('\n');
    return {
      source: spoken.source,
      blocks: spoken.blocks.length,
      chars: text.length,
      extractMs: spoken.extractMs,
      text,
      body,
      dropped: spoken.dropped,
    };
  } catch (err) {
    return {
      source: 'error',
      blocks: 0,
      chars: 0,
      extractMs: 0,
      error: String(err instanceof Error ? err.message : err).slice(0, 200),
      text: '',
      body: '',
      dropped: [],
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

interface Scores {
  f1: number;
  f1_std: number;
  precision: number;
  precision_std: number;
  recall: number;
  recall_std: number;
  accuracy: number;
}

/** The corpus's evaluate.py over a temp copy (it scores every file in output/), plus its per-page shingle counts. */
function score(
  corpus: string,
  predictions: Record<string, Record<string, { articleBody: string }>>,
  ids: string[],
  nBootstrap: number,
) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vocalid-extraction-bench-'));
  try {
    mkdirSync(path.join(dir, 'output'));
    copyFileSync(path.join(corpus, 'evaluate.py'), path.join(dir, 'evaluate.py'));
    const truth = JSON.parse(readFileSync(path.join(corpus, 'ground-truth.json'), 'utf8')) as Record<string, unknown>;
    const subset = (all: Record<string, unknown>) => Object.fromEntries(ids.map((id) => [id, all[id]]));
    writeFileSync(path.join(dir, 'ground-truth.json'), JSON.stringify(subset(truth)));
    for (const name of ANCHORS) {
      const data = JSON.parse(readFileSync(path.join(corpus, 'output', `${name}.json`), 'utf8')) as {
        version?: string;
        output?: Record<string, unknown>;
      };
      const out = data.output
        ? { version: data.version, output: subset(data.output) }
        : subset(data as Record<string, unknown>);
      writeFileSync(path.join(dir, 'output', `${name}.json`), JSON.stringify(out));
    }
    for (const [name, prediction] of Object.entries(predictions)) {
      writeFileSync(path.join(dir, 'output', `${name}.json`), JSON.stringify(prediction));
      if (values.keep) {
        mkdirSync(values.keep, { recursive: true });
        writeFileSync(path.join(values.keep, `${name}.json`), JSON.stringify(prediction));
      }
    }
    const run = spawnSync('python3', ['evaluate.py', '--n-bootstrap', String(nBootstrap), '--output', 'scores.json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`evaluate.py failed: ${run.stderr}`);
    const scores = JSON.parse(readFileSync(path.join(dir, 'scores.json'), 'utf8')) as Record<string, Scores>;
    // Per page, with the scorer's own shingle matching (tp, fp, fn normalised per page).
    const perPage = spawnSync(
      'python3',
      [
        '-c',
        `import json, evaluate
t = json.load(open('ground-truth.json')); p = json.load(open('output/${PREDICTION}.json'))
print(json.dumps({k: evaluate.string_shingle_matching(true=t[k].get('articleBody', ''), pred=p[k].get('articleBody', '')) for k in t}))`,
      ],
      { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    if (perPage.status !== 0) throw new Error(`per-page scoring failed: ${perPage.stderr}`);
    const counts = JSON.parse(perPage.stdout) as Record<string, [number, number, number]>;
    return {
      printed: run.stdout,
      scores,
      counts,
      truth: subset(truth) as Record<string, { articleBody: string; url: string }>,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const WORD = /[\p{L}\p{N}\p{M}_]+/gu;
const words = (s: string): string[] => s.toLowerCase().match(WORD) ?? [];

/** The first lines of `a` that are mostly absent from `b` (a rough "why", for reading the worst pages). */
function linesMostlyAbsent(a: string, b: string, max: number): string[] {
  const have = new Set(words(b));
  const out: string[] = [];
  for (const line of a.split('\n')) {
    const w = words(line);
    if (w.length === 0) continue;
    const missing = w.filter((x) => !have.has(x)).length;
    if (missing / w.length > 0.5) out.push(line.trim().slice(0, 70));
    if (out.length >= max) break;
  }
  return out;
}

const pct = (x: number) => x.toFixed(3);

/** Runs of four words, as the corpus's scorer counts text (for telling whether a dropped block was article text). */
function shingles(text: string): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + 4 <= w.length; i++) out.add(w.slice(i, i + 4).join(' '));
  if (w.length > 0 && w.length < 4) out.add(w.join(' '));
  return out;
}

async function main(): Promise<void> {
  const corpus = findCorpus();
  if (!corpus) {
    console.log(
      `[bench:extraction] skipped: the corpus ${CORPUS_NAME} is not in ../shared/corpora/ (or pass --corpus <dir>).`,
    );
    return;
  }
  const nBootstrap = Number(values['n-bootstrap']);
  const allIds = readdirSync(path.join(corpus, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .map((f) => f.slice(0, -'.html.gz'.length))
    .sort();
  const only = new Set(values.only.split(',').filter(Boolean));
  const ids = only.size ? allIds.filter((id) => only.has(id)) : allIds;
  const started = Date.now();
  if (!values['no-build']) buildBenchExtension();
  const pages = await startPageServer({ headers: { 'content-security-policy': "script-src 'none'" } });
  const b = await launchBrowser({
    extensionPath: BENCH_EXTENSION,
    args: ['--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost'],
  });
  const results: PageResult[] = [];
  try {
    await b.context.addInitScript('globalThis.__name = (f) => f;');
    await b.sw.evaluate('globalThis.__name = (f) => f;');
    for (const [n, id] of ids.entries()) {
      pages.set(`/${id}.html`, gunzipSync(readFileSync(path.join(corpus, 'html', `${id}.html.gz`))));
      results.push({ id, ...(await readPage(b, pages.url(`/${id}.html`))) });
      pages.set(`/${id}.html`, '');
      if ((n + 1) % 20 === 0) console.log(`[bench:extraction] ${n + 1}/${ids.length} pages`);
    }
  } finally {
    await b.close();
    await pages.close();
  }
  const predictions = {
    [PREDICTION]: Object.fromEntries(results.map((r) => [r.id, { articleBody: r.text }])),
    [BODY_ONLY]: Object.fromEntries(results.map((r) => [r.id, { articleBody: r.body }])),
  };
  const { printed, scores, counts, truth } = score(corpus, predictions, ids, nBootstrap);
  // Debugging aid: what was spoken on each page and what the rules left out, to read the worst pages in full.
  if (process.env.BENCH_DUMP)
    writeFileSync(
      process.env.BENCH_DUMP,
      JSON.stringify(Object.fromEntries(results.map((r) => [r.id, { text: r.text, dropped: r.dropped }]))),
    );
  // What each rule of unheard-content.ts left out, and how much of that the corpus counts as article text.
  const rules: Record<string, { dropped: number; inArticle: number; examples: string[] }> = {};
  for (const r of results) {
    const gt = shingles(truth[r.id]?.articleBody ?? '');
    for (const d of r.dropped) {
      const entry = (rules[d.rule] ??= { dropped: 0, inArticle: 0, examples: [] });
      entry.dropped++;
      const own = [...shingles(d.text)];
      if (own.length > 0 && own.filter((x) => gt.has(x)).length / own.length >= 0.5) {
        entry.inArticle++;
        if (entry.examples.length < 3)
          entry.examples.push(`${r.id.slice(0, 8)}: ${d.text.replace(/\s+/g, ' ').slice(0, 80)}`);
      }
    }
  }
  const perPage = results.map((r) => {
    const [tp, fp, fn] = counts[r.id] ?? [0, 0, 0];
    const precision = fp === 0 && fn === 0 ? 1 : tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = fp === 0 && fn === 0 ? 1 : tp + fn > 0 ? tp / (tp + fn) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    const gt = truth[r.id]?.articleBody ?? '';
    const why = [
      r.error ? `error: ${r.error}` : `read the ${r.source}`,
      ...linesMostlyAbsent(r.text, gt, 2).map((l) => `extra "${l}"`),
      ...linesMostlyAbsent(gt, r.text, 1).map((l) => `missed "${l}"`),
    ].join('; ');
    return {
      id: r.id,
      url: truth[r.id]?.url,
      source: r.source,
      blocks: r.blocks,
      chars: r.chars,
      extractMs: Math.round(r.extractMs),
      f1,
      precision,
      recall,
      why,
    };
  });
  const worst = [...perPage].sort((a, b) => a.f1 - b.f1).slice(0, 15);
  const ms = results.map((r) => r.extractMs).sort((a, b) => a - b);
  const seconds = (Date.now() - started) / 1000;
  const bySource = results.reduce<Record<string, number>>((m, r) => ((m[r.source] = (m[r.source] ?? 0) + 1), m), {});

  console.log(`\n${printed}`);
  console.log('| extractor | F1 | precision | recall |\n| --- | --- | --- | --- |');
  for (const name of [PREDICTION, BODY_ONLY, ...ANCHORS]) {
    const s = scores[name]!;
    console.log(
      `| ${name} | ${pct(s.f1)} ± ${pct(s.f1_std)} | ${pct(s.precision)} ± ${pct(s.precision_std)} | ${pct(s.recall)} ± ${pct(s.recall_std)} |`,
    );
  }
  console.log(
    `\nread as: ${Object.entries(bySource)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}; extraction p50 ${Math.round(ms[Math.floor(ms.length / 2)] ?? 0)} ms, max ${Math.round(ms[ms.length - 1] ?? 0)} ms`,
  );
  console.log('\nwhat each rule left out (blocks; of which article text by the corpus, 4-word shingles ≥ 50 %):');
  for (const [name, r] of Object.entries(rules))
    console.log(
      `  ${name}: ${r.dropped}; in the article ${r.inArticle}${r.examples.length ? ` — ${r.examples.join(' | ')}` : ''}`,
    );
  console.log('\nthe 15 worst pages (F1 / precision / recall — why):');
  for (const w of worst) console.log(`  ${w.id} ${pct(w.f1)} / ${pct(w.precision)} / ${pct(w.recall)} — ${w.why}`);
  const dir = path.join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `extraction-${new Date(started).toISOString().replace(/[:.]/g, '-')}.json`);
  const strip = (s: Scores) => ({
    f1: s.f1,
    f1_std: s.f1_std,
    precision: s.precision,
    precision_std: s.precision_std,
    recall: s.recall,
    recall_std: s.recall_std,
    accuracy: s.accuracy,
  });
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: new Date(started).toISOString(),
        seconds,
        pages: ids.length,
        nBootstrap,
        machine: { cpus: os.cpus().length, loadavg: os.loadavg() },
        scores: Object.fromEntries([PREDICTION, BODY_ONLY, ...ANCHORS].map((n) => [n, strip(scores[n]!)])),
        rules,
        readAs: bySource,
        worst,
        perPage,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\n${ids.length} pages in ${seconds.toFixed(0)} s; wrote ${path.relative(repoRoot, file)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
