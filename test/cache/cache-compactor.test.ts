import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { createAudioCache } from '../../utils/cache/audio-cache';
import { createCacheCompactor, type CompressionRecord } from '../../utils/cache/cache-compactor';
import {
  cachedAudioDurationMs,
  cachedAudioFormat,
  packCompressedEntry,
  unpackCompressedEntry,
} from '../../utils/audio-codec/compressed-entry';
import { cachedAudioAsWav } from '../../utils/audio-codec/cache-entry-codec';
import { silentWav } from '../playback/wav-fixture';

let dbSeq = 0;
function freshCache() {
  dbSeq++;
  return createAudioCache({
    capBytes: 10_000_000,
    stores: {
      bytes: createStore(`compact-audio-${dbSeq}`, 'audio'),
      index: createStore(`compact-index-${dbSeq}`, 'entries'),
    },
  });
}

/** Stands in for the WebCodecs encoder (absent in Node): a compressed entry one tenth of the WAV's data. */
async function fakeCompress(wav: ArrayBuffer): Promise<ArrayBuffer> {
  const frames = (wav.byteLength - 44) / 2;
  return packCompressedEntry({
    channels: 1,
    preSkip: 312,
    sourceSampleRate: 22050,
    sourceFrames: frames,
    codecSampleRate: 48000,
    frames: Math.round((frames * 48000) / 22050),
    encodedFrames: Math.round((frames * 48000) / 22050) + 1000,
    packets: [new Uint8Array(Math.max(1, Math.round(frames / 10))).fill(0xfc)],
  });
}

function compactor(
  cache: ReturnType<typeof freshCache>,
  overrides: Partial<Parameters<typeof createCacheCompactor>[0]> = {},
) {
  const records: CompressionRecord[] = [];
  const errors: unknown[] = [];
  const c = createCacheCompactor({
    cache,
    supported: async () => true,
    compress: fakeCompress,
    durationMs: cachedAudioDurationMs,
    delay: async () => undefined,
    onCompressed: (r) => records.push(r),
    onError: (_k, e) => errors.push(e),
    ...overrides,
  });
  return { c, records, errors };
}

const oneSecondWav = () => silentWav({ dataBytes: 44100 });

describe('cache compaction', () => {
  it('replaces an offered WAV entry by its compressed form under the same key, smaller, same duration', async () => {
    const cache = freshCache();
    const wav = oneSecondWav();
    await cache.put('k', wav, { durationMs: 1000 });
    const { c, records } = compactor(cache);
    c.offer('k', (await cache.get('k'))!.bytes);
    await c.idle();
    const stored = (await cache.get('k'))!;
    expect(cachedAudioFormat(stored.bytes)).toBe('opus');
    expect(cachedAudioDurationMs(stored.bytes)).toBeCloseTo(1000, 6);
    expect(stored.durationMs).toBe(1000);
    expect((await cache.stats()).bytes).toBe(stored.bytes.byteLength);
    expect(stored.bytes.byteLength).toBeLessThan(wav.byteLength / 5);
    expect(records).toMatchObject([{ key: 'k', wavBytes: wav.byteLength, compressedBytes: stored.bytes.byteLength }]);
  });

  it('leaves compressed entries alone (never compresses twice)', async () => {
    const cache = freshCache();
    let calls = 0;
    const { c } = compactor(cache, { compress: async (w) => (calls++, fakeCompress(w)) });
    const compressed = await fakeCompress(oneSecondWav());
    await cache.put('k', compressed);
    c.offer('k', compressed);
    await c.idle();
    expect(calls).toBe(0);
  });

  it('keeps WAV where the codec is not supported (the fallback), and old WAV entries still read as WAV', async () => {
    const cache = freshCache();
    const wav = oneSecondWav();
    await cache.put('k', wav);
    let calls = 0;
    const { c } = compactor(cache, { supported: async () => false, compress: async (w) => (calls++, w) });
    c.offer('k', wav);
    await c.idle();
    expect(calls).toBe(0);
    const stored = (await cache.get('k'))!.bytes;
    expect(cachedAudioFormat(stored)).toBe('wav');
    expect(new Uint8Array(await cachedAudioAsWav(stored))).toEqual(new Uint8Array(wav));
  });

  it('keeps the WAV entry playable when compression fails, and says why', async () => {
    const cache = freshCache();
    const wav = oneSecondWav();
    await cache.put('k', wav);
    const { c, errors } = compactor(cache, {
      compress: async () => {
        throw new Error('encoder closed');
      },
    });
    c.offer('k', wav);
    await c.idle();
    expect(errors).toHaveLength(1);
    expect(cachedAudioFormat((await cache.get('k'))!.bytes)).toBe('wav');
  });

  it('does not trade an entry for a larger one', async () => {
    const cache = freshCache();
    const wav = silentWav({ dataBytes: 20 });
    await cache.put('k', wav);
    const larger = async (w: ArrayBuffer) => {
      const entry = await fakeCompress(w);
      return packCompressedEntry({ ...unpackCompressedEntry(entry), packets: [new Uint8Array(w.byteLength)] });
    };
    const { c, records } = compactor(cache, { compress: larger });
    c.offer('k', wav);
    await c.idle();
    expect(records).toEqual([]);
    expect(cachedAudioFormat((await cache.get('k'))!.bytes)).toBe('wav');
  });

  it('does not bring back an entry evicted while it was being compressed', async () => {
    const cache = freshCache();
    const wav = oneSecondWav();
    await cache.put('k', wav);
    const { c, records } = compactor(cache, {
      compress: async (w) => {
        await cache.delete('k');
        return fakeCompress(w);
      },
    });
    c.offer('k', wav);
    await c.idle();
    expect(records).toEqual([]);
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.stats()).toEqual({ bytes: 0, entries: 0 });
  });

  it('compresses every entry offered while it was busy, each once', async () => {
    const cache = freshCache();
    for (const k of ['a', 'b', 'c']) await cache.put(k, oneSecondWav());
    const seen: number[] = [];
    const { c, records } = compactor(cache, { compress: async (w) => (seen.push(w.byteLength), fakeCompress(w)) });
    c.offer('a', oneSecondWav());
    c.offer('b', oneSecondWav());
    c.offer('b', oneSecondWav());
    await c.idle();
    c.offer('c', oneSecondWav());
    await c.idle();
    expect(records.map((r) => r.key)).toEqual(['a', 'b', 'c']);
    expect(seen).toHaveLength(3);
  });
});
