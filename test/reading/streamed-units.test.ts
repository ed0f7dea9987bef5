// The scheduler's side of streamed playback (utils/reading/unit-streams.ts): a unit goes to the player at its first
// chunk, is cached once whole, and a stream that fails after the player has it ends the reading with a message.
import { describe, expect, it } from 'vitest';
import type { AudioStreamStore } from '../../utils/cache/audio-stream-store';
import type { StreamGrowth } from '../../utils/messages/offscreen-protocol';
import type { PcmFormat } from '../../utils/playback/wav-stream-reader';
import { SynthesisScheduler } from '../../utils/reading/synthesis-scheduler';
import { networkError } from '../../utils/vocalid/api-error';
import { baseDeps, settle, startReading } from './scheduler-fakes';

const FORMAT: PcmFormat = { sampleRate: 8000, channels: 1, bitsPerSample: 16 };

function memoryStreamStore(): AudioStreamStore {
  const streams = new Map<string, { format: PcmFormat; chunks: Uint8Array[] }>();
  return {
    async begin(stream, format) {
      streams.set(stream, { format, chunks: [] });
    },
    async append(stream, seq, pcm) {
      const s = streams.get(stream);
      if (s) s.chunks[seq] = pcm;
    },
    format: async (stream) => streams.get(stream)?.format,
    chunk: async (stream, seq) => streams.get(stream)?.chunks[seq],
    chunks: async (stream) => streams.get(stream)?.chunks ?? [],
    async remove(stream) {
      streams.delete(stream);
    },
    async clear() {
      streams.clear();
    },
  };
}

interface StreamCall {
  text: string;
  chunk(frames: number): Promise<void>;
  end(): void;
  fail(err: unknown): void;
}

/** A streamed synthesis the test drives: the format at once, then chunks, then an end or a failure. */
function streamedDeps() {
  const calls: StreamCall[] = [];
  const grew: StreamGrowth[] = [];
  const base = baseDeps({ streamStore: memoryStreamStore() });
  base.deps.player.streamGrew = async (update) => void grew.push(update);
  base.deps.synthesizeStream = (text, _params, options) =>
    new Promise<number>((resolve, reject) => {
      let bytes = 0;
      options.signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      options.onSent?.();
      void options.onFormat(FORMAT).then(() =>
        calls.push({
          text,
          async chunk(frames) {
            bytes += frames * 2;
            await options.onPcm(new Uint8Array(frames * 2));
          },
          end: () => resolve(bytes),
          fail: reject,
        }),
      );
    });
  const call = (text: string) => {
    const found = calls.findLast((c) => c.text === text);
    if (!found) throw new Error(`no stream for "${text}"`);
    return found;
  };
  return { ...base, calls, grew, call };
}

describe('SynthesisScheduler, streamed units', () => {
  it('hands a unit to the player at its first chunk and caches it once whole', async () => {
    const { deps, player, cache, grew, call } = streamedDeps();
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler, ['Unit zero.']);
    await call('Unit zero.').chunk(800);
    await settle();
    expect(player.enqueued.map((u) => [u.index, u.stream !== undefined])).toEqual([[0, true]]);
    expect(cache.map.size).toBe(0);
    await call('Unit zero.').chunk(800);
    call('Unit zero.').end();
    await settle();
    expect(cache.map.size).toBe(1);
    expect(grew.at(-1)).toMatchObject({ chunks: 2, done: true });
    expect((await scheduler.getState()).units[0]!.stream).toBeUndefined();
  });

  it('a stop while a whole answer is being stored caches nothing: its audio never reached the stream', async () => {
    // A short unit's whole WAV can come in one read: the client then finds it complete and returns normally, even
    // when the stop came while the stream stored the samples (found in real Chromium: a 44-byte WAV, header only,
    // was cached and "Unable to decode audio data" failed every later reading of the sentence).
    const { deps, cache, player } = streamedDeps();
    let storing!: () => void;
    const stored = new Promise<void>((resolve) => (storing = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = deps.streamStore!;
    deps.streamStore = {
      ...store,
      async append(stream, seq, pcm) {
        storing();
        await gate;
        return store.append(stream, seq, pcm);
      },
    };
    deps.synthesizeStream = async (_text, _params, options) => {
      await options.onFormat(FORMAT);
      await options.onPcm(new Uint8Array(1600));
      return 1600;
    };
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler, ['Unit zero.', 'Unit one.']);
    await stored;
    await scheduler.stop();
    release();
    await settle();
    expect(cache.map.size).toBe(0);
    expect(player.enqueued).toEqual([]);
    expect((await scheduler.getState()).status).toBe('stopped');
  });

  it('a stream the cache refuses stays one, complete, for a player that reaches it later or after a restart', async () => {
    // A full disk: the cache cannot take unit one's whole WAV. It was never enqueued as a stream (unit zero, before
    // it, had no audio yet), so it must go to the player as a finished stream, not as a cache key with nothing there.
    const { deps, player, cache, calls, call } = streamedDeps();
    cache.put = async () => {
      throw new Error('The disk is full.');
    };
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler, ['Unit zero.', 'Unit one.']);
    await call('Unit one.').chunk(800);
    await call('Unit one.').chunk(800);
    call('Unit one.').end();
    await settle();
    expect(player.enqueued).toEqual([]);
    const stream = (await scheduler.getState()).units[1]!.stream!;
    expect(stream).toBeDefined();
    expect(await deps.streamStore!.chunks(stream)).toHaveLength(2);
    await call('Unit zero.').chunk(800);
    await settle();
    expect(player.enqueued.map((u) => [u.index, u.stream !== undefined, u.streamChunks])).toEqual([
      [0, true, undefined],
      [1, true, 2],
    ]);
    // A new worker asks for nothing more of the complete stream, and hands it over the same way.
    const requests = calls.length;
    const restarted = new SynthesisScheduler(deps);
    await restarted.resumeAfterRestart();
    await settle();
    expect(calls.slice(requests).map((c) => c.text)).not.toContain('Unit one.');
    expect((await restarted.getState()).units[1]).toMatchObject({ stream, streamChunks: 2 });
  });

  it('a stream that fails after the player has its start ends the reading with a message', async () => {
    const { deps, call } = streamedDeps();
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler, ['Unit zero.', 'Unit one.']);
    await call('Unit zero.').chunk(800);
    await settle();
    call('Unit zero.').fail(networkError('http://127.0.0.1:1', new TypeError('network error')));
    await settle();
    const state = await scheduler.getState();
    expect(state.status).toBe('error');
    expect(state.error?.code).toBe('network');
    expect(state.units[0]!.status).toBe('error');
  });

  it('a seek: a streaming unit is asked for again under the same key, a later one waiting for its first chunk keeps its request, the reading goes on', async () => {
    const { deps, player, call, calls: streamCalls } = streamedDeps();
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler, ['Unit zero.', 'Unit one.']);
    await call('Unit zero.').chunk(800);
    await settle();
    const aborted = player.enqueued.find((u) => u.index === 0)!.stream;
    // Unit one's request is out, nothing of it has come; the listener goes back to the start of unit zero.
    await scheduler.seek(() => 0);
    await settle();
    expect(JSON.stringify((await scheduler.getState()).error)).toBe(undefined);
    // Unit zero is asked for again (its stream was aborted, under the same key); unit one's first request goes on.
    expect(streamCalls.map((c) => c.text)).toEqual(['Unit zero.', 'Unit one.', 'Unit zero.']);
    await call('Unit zero.').chunk(800);
    await call('Unit one.').chunk(800);
    await settle();
    expect((await scheduler.getState()).status).toBe('loading');
    expect(player.enqueued.filter((u) => u.index === 1).at(-1)?.stream).toBeDefined();
    // Unit zero's new stream has a name of its own: the player's count of the aborted one's chunks does not apply.
    const again = player.enqueued.filter((u) => u.index === 0).at(-1)!.stream;
    expect(again).toBeDefined();
    expect(again).not.toBe(aborted);
  });
});
