import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../utils/settings/settings-schema';
import { createVocalidClient } from '../../utils/vocalid/vocalid-client';
import { clientCredentialsSettings, createFakeServer } from './fake-vocalid-server';

const SYNTH = { script: 'Hello world.', downloadToken: '123456', pitch: 1, rate: 1, sampleRate: 22050 as const };
const FRAMES = 2000;

/** The answer a streaming service sends: header with unknown sizes, samples 0, 1, 2, … */
function streamedWav(): Uint8Array {
  const bytes = new Uint8Array(44 + FRAMES * 2);
  const view = new DataView(bytes.buffer);
  const put = (o: number, s: string) => [...s].forEach((c, i) => view.setUint8(o + i, c.charCodeAt(0)));
  put(0, 'RIFF');
  view.setUint32(4, 0xffffffff, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 22050, true);
  view.setUint32(28, 44100, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  put(36, 'data');
  view.setUint32(40, 0xffffffff, true);
  for (let i = 0; i < FRAMES; i++) view.setInt16(44 + i * 2, i, true);
  return bytes;
}

/** A body that sends `bytes` in pieces of `piece` and, with `cutAt`, fails after that many bytes (a dropped connection). */
function body(
  bytes: Uint8Array,
  piece: number,
  cutAt?: number,
  paced?: { everyMs: number; signal?: AbortSignal | null },
): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    async pull(controller) {
      if (paced && at > 0) {
        // As fetch does: an abort fails the body's read.
        const aborted = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), paced.everyMs);
          paced.signal?.addEventListener('abort', () => (clearTimeout(timer), resolve(true)), { once: true });
        });
        if (aborted) return controller.error(new DOMException('aborted', 'AbortError'));
      }
      if (cutAt !== undefined && at >= cutAt) {
        controller.error(new TypeError('network error'));
        return;
      }
      if (at >= bytes.byteLength) {
        controller.close();
        return;
      }
      const end = Math.min(bytes.byteLength, at + piece, cutAt ?? Infinity);
      controller.enqueue(bytes.slice(at, end));
      at = end;
    },
  });
}

let server: ReturnType<typeof createFakeServer>;
let settings: Settings;

beforeEach(() => {
  fakeBrowser.reset();
  server = createFakeServer();
  settings = clientCredentialsSettings();
});

function client(timeoutMs?: number) {
  return createVocalidClient({
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    fetch: server.fetch,
    getSettings: async () => settings,
    getSecrets: async () => ({ clientSecret: 'demo-secret', clientSecretServer: settings.baseUrl }),
    retry: { random: () => 0, sleep: async () => undefined },
  });
}

/** Streams SYNTH; returns the samples delivered and what the call resolved with. */
async function stream(skipPcmBytes?: number, timeoutMs?: number) {
  const samples: number[] = [];
  const formats: unknown[] = [];
  const total = await client(timeoutMs).synthesizeStream(SYNTH, {
    ...(skipPcmBytes !== undefined ? { skipPcmBytes } : {}),
    onFormat: (f) => void formats.push(f),
    onPcm: (pcm) => {
      const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
      for (let i = 0; i < pcm.byteLength; i += 2) samples.push(view.getInt16(i, true));
    },
  });
  return { samples, formats, total };
}

const all = Array.from({ length: FRAMES }, (_, i) => i);
const synthesisRequests = () => server.requests.filter((r) => r.url.pathname === '/api/v1/external/synthesis/');

describe('synthesizeStream', () => {
  it('delivers the samples as they arrive, each once, and the format once', async () => {
    server.handlers.set('/api/v1/external/synthesis/', () => new Response(body(streamedWav(), 333)));
    const { samples, formats, total } = await stream();
    expect(samples).toEqual(all);
    expect(formats).toEqual([{ sampleRate: 22050, channels: 1, bitsPerSample: 16 }]);
    expect(total).toBe(FRAMES * 2);
  });

  it('a stream cut midway is asked for again and goes on after the samples already delivered', async () => {
    let calls = 0;
    // Cut at an odd byte in the middle of the samples: the half sample is not delivered, nor lost.
    server.handlers.set(
      '/api/v1/external/synthesis/',
      () => new Response(body(streamedWav(), 250, ++calls === 1 ? 44 + 1501 : undefined)),
    );
    const { samples, formats } = await stream();
    expect(synthesisRequests()).toHaveLength(2);
    expect(samples).toEqual(all);
    expect(formats).toHaveLength(1);
  });

  it('cut twice, it still delivers every sample once', async () => {
    let calls = 0;
    const cuts = [44 + 600, 44 + 2400];
    server.handlers.set('/api/v1/external/synthesis/', () => new Response(body(streamedWav(), 97, cuts[calls++])));
    expect((await stream()).samples).toEqual(all);
    expect(synthesisRequests()).toHaveLength(3);
  });

  it('starts after the samples a previous worker stored (skipPcmBytes)', async () => {
    server.handlers.set('/api/v1/external/synthesis/', () => new Response(body(streamedWav(), 512)));
    const { samples, total } = await stream(2 * 700);
    expect(samples).toEqual(all.slice(700));
    expect(total).toBe(FRAMES * 2);
  });

  it('a body that ends cleanly short of the size its header declares is the whole answer, not a cut', async () => {
    // The HTTP framing says the body is complete (a dropped connection fails the read instead): the header lied,
    // as a writer that never went back to fill in the sizes does (the whole-WAV path repairs it: wav-repair.ts).
    const declared = streamedWav();
    new DataView(declared.buffer).setUint32(40, 50_000_000, true);
    server.handlers.set('/api/v1/external/synthesis/', () => new Response(body(declared, 700)));
    const { samples, total } = await stream();
    expect(samples).toEqual(all);
    expect(total).toBe(FRAMES * 2);
    expect(synthesisRequests()).toHaveLength(1);
  });

  it('an answer that is not audio is a clear error, not retried', async () => {
    server.handlers.set(
      '/api/v1/external/synthesis/',
      () => new Response('<html>captive portal</html>', { headers: { 'content-type': 'text/html' } }),
    );
    await expect(stream()).rejects.toMatchObject({ code: 'bad_audio' });
    expect(synthesisRequests()).toHaveLength(1);
  });

  it('a stream that takes longer than the deadline in all, but never waits that long for a piece, is not cut', async () => {
    // 9 pieces 60 ms apart: about 480 ms in all under a 200 ms deadline (a long unit from a service that makes its
    // audio near real time); before, the deadline covered the whole body and every attempt was cut at 200 ms.
    server.handlers.set(
      '/api/v1/external/synthesis/',
      (_req, signal) => new Response(body(streamedWav(), 500, undefined, { everyMs: 60, signal })),
    );
    const { samples } = await stream(undefined, 200);
    expect(samples).toEqual(all);
    expect(synthesisRequests()).toHaveLength(1);
  });

  it('a stream that stops sending for longer than the deadline is still cut, and asked for again', async () => {
    let calls = 0;
    server.handlers.set(
      '/api/v1/external/synthesis/',
      (_req, signal) => new Response(body(streamedWav(), 500, undefined, { everyMs: ++calls === 1 ? 400 : 1, signal })),
    );
    const { samples } = await stream(undefined, 200);
    expect(samples).toEqual(all);
    expect(synthesisRequests()).toHaveLength(2);
  });
});
