// Server synthesis benchmark: 256-character scripts at 1, 4 and 8 concurrent clients against a fresh server.
// Prints p50/p95 latency and real-time factor (wall time / audio duration) per level; writes bench/results/server-<date>.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../server/src/start-server';

const LEVELS = [1, 4, 8];
const REQUESTS_PER_CLIENT = 6;
const SAMPLE_RATE = 48000;

const BASE_TEXT =
  'The library stayed open late on Thursdays, and the reading room filled with students, retirees and a few ' +
  'night-shift nurses who came for the quiet. Nobody spoke above a whisper, yet the room never felt silent: pages ' +
  'turned, chairs creaked, and the old radiator ticked. ';

function script(i: number): string {
  // Vary the text so no layer can serve a cached answer; exactly 256 code points.
  const text = `Request ${i}. ${BASE_TEXT}${BASE_TEXT}`;
  return [...text].slice(0, 256).join('');
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vocalid-bench-'));
  const server = await startServer({ port: 0, dataDir, quiet: true, rateLimitPerMinute: 0 });
  try {
    const tokenRes = await fetch(`${server.url}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const list = await fetch(`${server.url}/api/v1/external/voices/list/`, { headers: { Authorization: `Bearer ${token}` } });
    const voice = ((await list.json()) as { voices: { download_token: string }[] }).voices[0]!.download_token;

    let counter = 0;
    const one = async () => {
      const qs = new URLSearchParams({ download_token: voice, script: script(counter++), sample_rate: String(SAMPLE_RATE) });
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/v1/external/synthesis/?${qs}`, { headers: { Authorization: `Bearer ${token}` } });
      const bytes = (await res.arrayBuffer()).byteLength;
      const ms = performance.now() - t0;
      return { ok: res.status === 200, ms, audioSeconds: (bytes - 44) / 2 / SAMPLE_RATE };
    };
    await one(); // warm-up

    const levels = [];
    for (const clients of LEVELS) {
      const results: Awaited<ReturnType<typeof one>>[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: clients }, async () => {
          for (let i = 0; i < REQUESTS_PER_CLIENT; i++) results.push(await one());
        }),
      );
      const wall = performance.now() - started;
      const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
      const rtfs = results.map((r) => r.ms / 1000 / r.audioSeconds).sort((a, b) => a - b);
      const level = {
        clients,
        requests: results.length,
        errors: results.filter((r) => !r.ok).length,
        p50Ms: Math.round(percentile(latencies, 50)),
        p95Ms: Math.round(percentile(latencies, 95)),
        medianAudioSeconds: Number(results.map((r) => r.audioSeconds).sort((a, b) => a - b)[results.length >> 1]!.toFixed(2)),
        rtfP50: Number(percentile(rtfs, 50).toFixed(4)),
        rtfP95: Number(percentile(rtfs, 95).toFixed(4)),
        throughputAudioSecondsPerSecond: Number((results.reduce((a, r) => a + r.audioSeconds, 0) / (wall / 1000)).toFixed(1)),
      };
      levels.push(level);
      console.log(
        `${clients} client(s): p50 ${level.p50Ms} ms, p95 ${level.p95Ms} ms, RTF p50 ${level.rtfP50} p95 ${level.rtfP95}, ` +
          `errors ${level.errors}/${level.requests}, audio ${level.medianAudioSeconds} s/request`,
      );
    }
    const out = {
      date: new Date().toISOString(),
      node: process.version,
      workers: server.ctx.config.speechWorkers,
      scriptCodePoints: 256,
      sampleRate: SAMPLE_RATE,
      levels,
    };
    mkdirSync('bench/results', { recursive: true });
    const file = path.join('bench/results', `server-${out.date.slice(0, 10)}.json`);
    writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
    console.log(`wrote ${file}`);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
