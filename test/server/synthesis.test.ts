import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Pitchfinder from 'pitchfinder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerGet, clientCredentialsToken, decodeWav, hmacGet, startCoreServer } from './core-helpers';

const SYNTH = '/api/v1/external/synthesis/';
const SENTENCE = 'Reading aloud is a fine way to enjoy a long article.';

let server: Awaited<ReturnType<typeof startCoreServer>>;
let token: string;
let voices: { download_token: string; name: string; model_name: string; synthesis_count: number }[];

beforeAll(async () => {
  // put_url targets a loopback listener below, which only --allow-private-put-url permits.
  server = await startCoreServer({ speechWorkers: 2, allowPrivatePutUrl: true });
  token = await clientCredentialsToken(server.url, 'voice:list voice:synthesis');
  const res = await bearerGet(server.url, '/api/v1/external/voices/list/', token);
  voices = ((await res.json()) as { voices: typeof voices }).voices;
});
afterAll(() => server.cleanup());

async function synth(query: Record<string, string>, scheme: 'bearer' | 'hmac' = 'bearer') {
  const q = { download_token: voices[1]!.download_token, script: SENTENCE, ...query };
  return scheme === 'bearer' ? bearerGet(server.url, SYNTH, token, q) : hmacGet(server.url, SYNTH, q);
}

async function wavOf(query: Record<string, string>) {
  const res = await synth(query);
  expect(res.status).toBe(200);
  return decodeWav(new Uint8Array(await res.arrayBuffer()));
}

/** Median F0 over voiced frames, by YIN (pitchfinder), independent of eSpeak. */
function medianF0(samples: Int16Array, sampleRate: number): number {
  const detect = Pitchfinder.YIN({ sampleRate });
  const frame = 1024;
  const f0s: number[] = [];
  for (let i = 0; i + frame <= samples.length; i += frame / 2) {
    const chunk = Float32Array.from(samples.subarray(i, i + frame), (s) => s / 32768);
    const f = detect(chunk);
    if (f && f > 60 && f < 500) f0s.push(f);
  }
  f0s.sort((a, b) => a - b);
  return f0s[Math.floor(f0s.length / 2)] ?? 0;
}

describe('GET /external/voices/list', () => {
  it('lists several stock voices with the documented fields', () => {
    expect(voices.length).toBeGreaterThanOrEqual(5);
    expect(new Set(voices.map((v) => v.name)).size).toBe(voices.length);
    expect(new Set(voices.map((v) => v.model_name))).toEqual(new Set(['Hi Res', 'Low Res']));
    for (const v of voices) {
      expect(Object.keys(v).sort()).toEqual(
        [
          'account_id',
          'can_download',
          'can_stream',
          'download_token',
          'expiration',
          'filename',
          'model_name',
          'name',
          'synthesis_count',
          'voice_id',
        ].sort(),
      );
    }
  });

  it('answers the same list to an HMAC-signed request', async () => {
    const res = await hmacGet(server.url, '/api/v1/external/voices/list/');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { voices: { download_token: string }[] };
    expect(body.voices.map((v) => v.download_token)).toEqual(voices.map((v) => v.download_token));
  });
});

describe('GET /external/synthesis', () => {
  it.each(['bearer', 'hmac'] as const)('returns real speech as 48 kHz WAV by default (%s)', async (scheme) => {
    const res = await synth({}, scheme);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const wav = decodeWav(new Uint8Array(await res.arrayBuffer()));
    expect(wav).toMatchObject({ sampleRate: 48000, channels: 1, bitsPerSample: 16 });
    const seconds = wav.samples.length / wav.sampleRate;
    // ten words at ~175 wpm: a few seconds, not silence and not a stub
    expect(seconds).toBeGreaterThan(1.5);
    expect(seconds).toBeLessThan(8);
    const rms = Math.sqrt(wav.samples.reduce((a, s) => a + s * s, 0) / wav.samples.length);
    expect(rms).toBeGreaterThan(300);
  });

  it('resamples to each requested sample rate with the same duration', async () => {
    const a = await wavOf({ sample_rate: '8000' });
    const b = await wavOf({ sample_rate: '44100' });
    expect(a.sampleRate).toBe(8000);
    expect(b.sampleRate).toBe(44100);
    expect(Math.abs(a.samples.length / 8000 - b.samples.length / 44100)).toBeLessThan(0.02);
  });

  it('gives raw little-endian PCM for container=""', async () => {
    const wav = await wavOf({ sample_rate: '16000' });
    const res = await synth({ sample_rate: '16000', container: '' });
    expect(res.status).toBe(200);
    const raw = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(...raw.subarray(0, 4))).not.toBe('RIFF');
    expect(raw.byteLength).toBe(wav.samples.length * 2);
    const first = new DataView(raw.buffer).getInt16(2000, true);
    expect(first).toBe(wav.samples[1000]);
  });

  it('pitch 2 raises the median F0 clearly above pitch 1', async () => {
    const low = await wavOf({ sample_rate: '22050', pitch: '1' });
    const high = await wavOf({ sample_rate: '22050', pitch: '2' });
    const f1 = medianF0(low.samples, 22050);
    const f2 = medianF0(high.samples, 22050);
    expect(f1).toBeGreaterThan(70);
    expect(f2 / f1).toBeGreaterThan(1.25);
  });

  it('rate 2 takes about half the time of rate 1', async () => {
    const normal = await wavOf({ sample_rate: '16000', rate: '1' });
    const fast = await wavOf({ sample_rate: '16000', rate: '2' });
    const ratio = fast.samples.length / normal.samples.length;
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.65);
  });

  it('accepts 256 code points including emoji (more UTF-16 units than 256)', async () => {
    const script = '😀'.repeat(6) + ' ' + 'word '.repeat(49) + 'okay';
    expect([...script].length).toBe(256);
    expect(script.length).toBeGreaterThan(256);
    const res = await synth({ script, sample_rate: '8000' });
    expect(res.status).toBe(200);
  });

  it('counts syntheses per voice', async () => {
    const before = voices[2]!.synthesis_count;
    await synth({ download_token: voices[2]!.download_token, script: 'One.', sample_rate: '8000' });
    await synth({ download_token: voices[2]!.download_token, script: 'Two.', sample_rate: '8000' });
    const res = await bearerGet(server.url, '/api/v1/external/voices/list', token);
    const now = ((await res.json()) as { voices: typeof voices }).voices[2]!.synthesis_count;
    expect(now).toBe(before + 2);
  });

  describe('put_url', () => {
    let target: Server;
    let received: { method?: string; type?: string; bytes: number }[] = [];
    let targetUrl: string;
    beforeAll(async () => {
      target = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({ method: req.method, type: req.headers['content-type'], bytes: Buffer.concat(chunks).length });
          res.writeHead(201, { 'content-type': 'text/plain' }).end('stored');
        });
      });
      await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
      targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/bucket/key.wav?sig=abc`;
    });
    afterAll(() => new Promise<void>((r) => target.close(() => r())));

    it('PUTs the WAV to the URL and answers with its status and body', async () => {
      received = [];
      const res = await synth({ put_url: targetUrl, sample_rate: '8000' });
      expect(res.status).toBe(200);
      // only the upload's status comes back, never the target's answer (test/server/security.test.ts, row 3)
      expect(await res.json()).toEqual({ status: 201, response: '' });
      expect(received).toHaveLength(1);
      expect(received[0]!.method).toBe('PUT');
      expect(received[0]!.type).toBe('audio/wav');
      expect(received[0]!.bytes).toBeGreaterThan(8000);
    });
  });
});
