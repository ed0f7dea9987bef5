import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerGet, clientCredentialsToken, expectApiError, startCoreServer } from './core-helpers';

// The test server's imitation of a remote speech service (server/src/testing/synthesis-pacing.ts): time in
// proportion to the audio made, and the WAV sent as it is made.
const SYNTH = '/api/v1/external/synthesis/';
const SENTENCE = 'Reading aloud is a fine way to enjoy a long article, one sentence after another.';
const SAMPLE_RATE = 16000;

let server: Awaited<ReturnType<typeof startCoreServer>>;
let token: string;
let voice: string;

beforeAll(async () => {
  server = await startCoreServer({ testFaults: true, speechWorkers: 1 });
  token = await clientCredentialsToken(server.url, 'voice:list voice:synthesis');
  const res = await bearerGet(server.url, '/api/v1/external/voices/list/', token);
  voice = ((await res.json()) as { voices: { download_token: string }[] }).voices[0]!.download_token;
  // Starting eSpeak's worker takes over a minute on a loaded 2-core machine.
}, 240_000);
afterAll(() => server.cleanup());

const setRules = (rules: unknown[]) =>
  fetch(`${server.url}/__test/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });

const synth = (query: Record<string, string> = {}) =>
  bearerGet(server.url, SYNTH, token, {
    download_token: voice,
    script: SENTENCE,
    sample_rate: String(SAMPLE_RATE),
    ...query,
  });

/** Reads a body chunk by chunk, noting when each arrived (ms after `t0`). */
async function readTimed(res: Response, t0: number) {
  const reader = res.body!.getReader();
  const chunks: { at: number; bytes: Uint8Array }[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push({ at: performance.now() - t0, bytes: value });
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.bytes.byteLength, 0));
  let o = 0;
  for (const c of chunks) {
    all.set(c.bytes, o);
    o += c.bytes.byteLength;
  }
  return { chunks, all };
}

/** Byte equality without a diff of 100 000-element arrays when it fails (vitest's would take minutes). */
const same = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && Buffer.from(a).equals(Buffer.from(b));
// eSpeak's samples differ from one call to the next (measured: 101 362 of 148 692 bytes), their number does not.

const seconds = (pcmBytes: number) => pcmBytes / 2 / SAMPLE_RATE;

describe('synthesis pacing (test faults)', () => {
  it('the whole answer waits the fixed part plus the part proportional to the audio', async () => {
    await setRules([]);
    const plain = new Uint8Array(await (await synth()).arrayBuffer());
    const audioSeconds = seconds(plain.byteLength - 44);
    expect(audioSeconds).toBeGreaterThan(2);

    await setRules([{ path: '/api/v1/external/synthesis*', latencyMs: 100, latencyPerAudioSecondMs: 300 }]);
    const t0 = performance.now();
    const res = await synth();
    const body = new Uint8Array(await res.arrayBuffer());
    const elapsed = performance.now() - t0;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(body.byteLength));
    expect(body.byteLength).toBe(plain.byteLength);
    expect(elapsed).toBeGreaterThanOrEqual(100 + 300 * audioSeconds - 10);
  });

  it('streams the WAV: the header at once with unknown sizes, the samples as they are made, all of the audio', async () => {
    await setRules([]);
    const plain = new Uint8Array(await (await synth()).arrayBuffer());
    const audioSeconds = seconds(plain.byteLength - 44);

    await setRules([
      { path: '/api/v1/external/synthesis*', latencyMs: 100, latencyPerAudioSecondMs: 300, stream: true },
    ]);
    const t0 = performance.now();
    const res = await synth();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const { chunks, all } = await readTimed(res, t0);
    const total = performance.now() - t0;

    const view = new DataView(all.buffer);
    expect(String.fromCharCode(...all.subarray(0, 4))).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(0xffffffff);
    expect(String.fromCharCode(...all.subarray(36, 40))).toBe('data');
    expect(view.getUint32(40, true)).toBe(0xffffffff);
    // Only the sizes differ from the whole answer's header; as much audio follows.
    expect(all.byteLength).toBe(plain.byteLength);
    expect(same(all.subarray(8, 40), plain.subarray(8, 40))).toBe(true);

    expect(total).toBeGreaterThanOrEqual(100 + 300 * audioSeconds - 10);
    // The request log tells the answer's start from the body's end (the benchmark's first-unit server time).
    const log = (await (await fetch(`${server.url}/__test/requests`)).json()) as {
      requests: { path: string; ms: number; bodyMs?: number }[];
    };
    const logged = log.requests.filter((r) => r.path === SYNTH).at(-1)!;
    expect(logged.ms).toBeLessThan(logged.bodyMs!);
    expect(logged.bodyMs).toBeGreaterThanOrEqual(100 + 300 * audioSeconds - 10);
    // The first samples come long before the last: a client can start on them.
    const firstAudio = chunks.find((c, i) => i > 0 || c.bytes.byteLength > 44)!;
    expect(firstAudio.at).toBeLessThan(chunks.at(-1)!.at);
    expect(chunks.length).toBeGreaterThan(5);
  });

  it('streams raw PCM too (container empty), with no header', async () => {
    await setRules([]);
    const plain = new Uint8Array(await (await synth({ container: '' })).arrayBuffer());
    await setRules([{ path: '/api/v1/external/synthesis*', latencyPerAudioSecondMs: 100, stream: true }]);
    const res = await synth({ container: '' });
    expect(res.headers.get('content-length')).toBeNull();
    const { all } = await readTimed(res, performance.now());
    expect(all.byteLength).toBe(plain.byteLength);
  });

  it('errors are still JSON before any audio, and bad pacing rules are refused', async () => {
    await setRules([{ path: '/api/v1/external/synthesis*', latencyPerAudioSecondMs: 300, stream: true }]);
    await expectApiError(await synth({ sample_rate: '12345' }), 400, 'invalid_sample_rate');
    await expectApiError(await setRules([{ path: SYNTH, latencyPerAudioSecondMs: -1 }]), 400, 'invalid_rules');
    await expectApiError(await setRules([{ path: SYNTH, latencyPerAudioSecondMs: 0.3 }]), 400, 'invalid_rules');
    await expectApiError(await setRules([{ path: SYNTH, stream: 'yes' }]), 400, 'invalid_rules');
  });

  it('cuts a stream midway when told to: the audio so far, then a failed body, not an ending one', async () => {
    await setRules([
      { path: '/api/v1/external/synthesis*', latencyPerAudioSecondMs: 100, stream: true, cutAfterAudioMs: 500 },
    ]);
    const res = await synth();
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let received = 0;
    const failure = await (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return null;
          received += value.byteLength;
        }
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(Error);
    // The header and some audio, no more than the 500 ms (a chunk may still be in the server's pipes when it cuts).
    expect(received).toBeGreaterThan(44);
    expect(received).toBeLessThanOrEqual(44 + 0.5 * SAMPLE_RATE * 2);
    await expectApiError(await setRules([{ path: SYNTH, cutAfterAudioMs: 100 }]), 400, 'invalid_rules');
    await setRules([]);
    expect((await synth()).status).toBe(200);
  });

  it('a client that goes away mid-stream leaves the server answering', async () => {
    await setRules([{ path: '/api/v1/external/synthesis*', latencyPerAudioSecondMs: 300, stream: true }]);
    const reader = (await synth()).body!.getReader();
    await reader.read();
    await reader.cancel();
    await setRules([]);
    expect((await synth()).status).toBe(200);
  });
});
