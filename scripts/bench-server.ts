// Server synthesis benchmark: 256-character scripts at 1, 4 and 8 concurrent clients against a fresh server.
// Prints p50/p95 latency and real-time factor (wall time / audio duration) per level, then how fast `GET /` answers
// while recordings of the longest accepted length are uploaded and a voice build analyses them (decoding and pitch
// tracking run in the audio worker, so the event loop should stay free); writes bench/results/server-<date>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeAudio } from '../server/src/speech/wav-encode';
import { startLocalServer } from '../test/harness/local-server';

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

/** A 16-bit mono WAV of `seconds` of a voiced, syllable-like tone at `f0Hz` (peak about -6 dBFS). */
function speechLikeWav(seconds: number, f0Hz: number, sampleRate = 48_000): Uint8Array {
  const samples = new Int16Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i++) {
    const t = i / sampleRate;
    // Four syllables a second, each a raised-cosine burst of a few harmonics.
    const envelope = Math.max(0, Math.sin(Math.PI * ((t * 4) % 1))) ** 2;
    const tone =
      Math.sin(2 * Math.PI * f0Hz * t) +
      0.5 * Math.sin(4 * Math.PI * f0Hz * t) +
      0.25 * Math.sin(6 * Math.PI * f0Hz * t);
    samples[i] = Math.round(((envelope * tone * 0.5) / 1.75) * 32767);
  }
  return encodeAudio(samples, sampleRate, { sampleRate, container: 'wav' });
}

/**
 * Polls `GET /` every 20 ms while `work` runs and returns its latencies: a server whose event loop is blocked
 * answers late, so the maximum is the figure to watch (target: under 100 ms).
 */
async function rootLatencyDuring(
  base: string,
  work: Promise<unknown>,
): Promise<{ samples: number; p50Ms: number; p95Ms: number; maxMs: number }> {
  let done = false;
  void work.finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    const t0 = performance.now();
    await (await fetch(`${base}/`)).arrayBuffer();
    latencies.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await work;
  latencies.sort((a, b) => a - b);
  return {
    samples: latencies.length,
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    maxMs: Math.round(latencies.at(-1) ?? 0),
  };
}

async function buildResponsiveness(base: string, token: string, maxSeconds: number) {
  const auth = { Authorization: `Bearer ${token}` };
  const account = (await (
    await fetch(`${base}/api/v1/external/account/register/`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ gender: 'other', age: 40 }),
    })
  ).json()) as { account_id: string };
  const RECORDINGS = 3;
  // Made before measuring: the benchmark shares the server's event loop, and generating them would count against it.
  const wavs = Array.from({ length: RECORDINGS }, (_, i) => speechLikeWav(maxSeconds - 0.5, 110 + i * 5));
  const upload = async (i: number) => {
    const form = new FormData();
    form.set('data', JSON.stringify({ account_id: account.account_id, sentence: `Benchmark sentence number ${i}.` }));
    form.set('file', new Blob([Buffer.from(wavs[i]!)], { type: 'audio/wav' }), 'take.wav');
    const res = await fetch(`${base}/api/v1/external/recording/save/`, { method: 'POST', headers: auth, body: form });
    if (res.status !== 200) throw new Error(`upload ${i}: ${res.status} ${await res.text()}`);
  };
  const uploads = await rootLatencyDuring(
    base,
    (async () => {
      for (let i = 0; i < RECORDINGS; i++) await upload(i);
    })(),
  );
  const build = async () => {
    const res = await fetch(`${base}/api/v1/external/build/new/`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ account_id: account.account_id }),
    });
    const { build_id: id } = (await res.json()) as { build_id: string };
    for (;;) {
      const status = (await (
        await fetch(`${base}/api/v1/external/build/status/?build_id=${id}`, { headers: auth })
      ).json()) as { status: string }[];
      if (status[0]?.status !== 'PENDING') return status[0]?.status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  let buildStatus: string | undefined;
  const t0 = performance.now();
  const during = await rootLatencyDuring(
    base,
    build().then((s) => (buildStatus = s)),
  );
  const buildMs = Math.round(performance.now() - t0);
  return {
    recordings: RECORDINGS,
    recordingSeconds: maxSeconds - 0.5,
    buildStatus,
    buildMs,
    rootDuringUploads: uploads,
    rootDuringBuild: during,
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  // Dev mode (the harness's): the benchmark signs in with the demo client.
  const server = await startLocalServer({ rateLimitPerMinute: 0 });
  try {
    const tokenRes = await fetch(`${server.url}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const list = await fetch(`${server.url}/api/v1/external/voices/list/`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const voice = ((await list.json()) as { voices: { download_token: string }[] }).voices[0]!.download_token;

    let counter = 0;
    const one = async () => {
      const qs = new URLSearchParams({
        download_token: voice,
        script: script(counter++),
        sample_rate: String(SAMPLE_RATE),
      });
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/v1/external/synthesis/?${qs}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
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
        medianAudioSeconds: Number(
          results
            .map((r) => r.audioSeconds)
            .sort((a, b) => a - b)
            [results.length >> 1]!.toFixed(2),
        ),
        rtfP50: Number(percentile(rtfs, 50).toFixed(4)),
        rtfP95: Number(percentile(rtfs, 95).toFixed(4)),
        throughputAudioSecondsPerSecond: Number(
          (results.reduce((a, r) => a + r.audioSeconds, 0) / (wall / 1000)).toFixed(1),
        ),
      };
      levels.push(level);
      console.log(
        `${clients} client(s): p50 ${level.p50Ms} ms, p95 ${level.p95Ms} ms, RTF p50 ${level.rtfP50} p95 ${level.rtfP95}, ` +
          `errors ${level.errors}/${level.requests}, audio ${level.medianAudioSeconds} s/request`,
      );
    }
    const responsiveness = await buildResponsiveness(server.url, token, server.config.maxRecordingSeconds);
    console.log(
      `GET / while uploading ${responsiveness.recordings} × ${responsiveness.recordingSeconds} s recordings: ` +
        `p50 ${responsiveness.rootDuringUploads.p50Ms} ms, p95 ${responsiveness.rootDuringUploads.p95Ms} ms, max ${responsiveness.rootDuringUploads.maxMs} ms`,
    );
    console.log(
      `GET / during a build over them (${responsiveness.buildStatus} in ${responsiveness.buildMs} ms): ` +
        `p50 ${responsiveness.rootDuringBuild.p50Ms} ms, p95 ${responsiveness.rootDuringBuild.p95Ms} ms, max ${responsiveness.rootDuringBuild.maxMs} ms ` +
        `(${responsiveness.rootDuringBuild.samples} requests)`,
    );
    const out = {
      date: new Date().toISOString(),
      node: process.version,
      workers: server.config.speechWorkers,
      scriptCodePoints: 256,
      sampleRate: SAMPLE_RATE,
      levels,
      responsiveness,
    };
    mkdirSync('bench/results', { recursive: true });
    const file = path.join('bench/results', `server-${out.date.slice(0, 10)}.json`);
    writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
    console.log(`wrote ${file}`);
  } finally {
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
