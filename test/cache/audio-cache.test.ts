import { createStore, keys, type UseStore } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { AudioCacheQuotaError, createAudioCache } from '../../utils/cache/audio-cache';

let dbSeq = 0;
function freshStores() {
  dbSeq++;
  return { bytes: createStore(`test-audio-${dbSeq}`, 'audio'), index: createStore(`test-index-${dbSeq}`, 'entries') };
}

function audio(size: number, fill = 1): ArrayBuffer {
  return new Uint8Array(size).fill(fill).buffer;
}

interface FullDisk {
  /** Whether the write is refused with QuotaExceededError. */
  refuses(value: ArrayBuffer, key: IDBValidKey): boolean;
  stored?(value: ArrayBuffer, key: IDBValidKey): void;
  deleted?(key: IDBValidKey): void;
  cleared?(): void;
}

/** Wraps a store so that the writes `disk` refuses fail like a full disk does; `rejected` counts them. */
function fullDisk(inner: UseStore, disk: FullDisk): UseStore & { rejected: number } {
  const wrapper = ((mode, callback) =>
    inner(mode, (store) => {
      const proxy = new Proxy(store, {
        get(target, prop) {
          if (prop === 'put') {
            return (value: ArrayBuffer, key: IDBValidKey) => {
              if (disk.refuses(value, key)) {
                wrapper.rejected++;
                throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
              }
              disk.stored?.(value, key);
              return target.put(value, key);
            };
          }
          if (prop === 'delete') {
            return (key: IDBValidKey) => {
              disk.deleted?.(key);
              return target.delete(key);
            };
          }
          if (prop === 'clear') {
            return () => {
              disk.cleared?.();
              return target.clear();
            };
          }
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      return callback(proxy);
    })) as UseStore & { rejected: number };
  wrapper.rejected = 0;
  return wrapper;
}

/** Writes beyond `quotaBytes` of stored values are refused. */
function quotaLimited(inner: UseStore, quotaBytes: number): UseStore & { rejected: number } {
  const sizes = new Map<IDBValidKey, number>();
  return fullDisk(inner, {
    refuses: (value, key) =>
      [...sizes.entries()].reduce((sum, [k, s]) => (k === key ? sum : sum + s), 0) + value.byteLength > quotaBytes,
    stored: (value, key) => sizes.set(key, value.byteLength),
    deleted: (key) => sizes.delete(key),
    cleared: () => sizes.clear(),
  });
}

/** The given writes (1-based, counting every attempt) are refused, each once. */
function refusingWrites(inner: UseStore, refused: number[]): UseStore & { rejected: number } {
  let writes = 0;
  return fullDisk(inner, { refuses: () => refused.includes(++writes) });
}

describe('audio cache', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('stores and returns bytes with their duration', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    expect(await cache.put('a', new Uint8Array([1, 2, 3]), { durationMs: 1234 })).toBe(true);
    const entry = await cache.get('a');
    expect(new Uint8Array(entry!.bytes)).toEqual(new Uint8Array([1, 2, 3]));
    expect(entry!.durationMs).toBe(1234);
    expect(await cache.get('missing')).toBeUndefined();
  });

  it('stores only the viewed part of a typed array', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    const backing = new Uint8Array([9, 9, 1, 2, 9]);
    await cache.put('view', backing.subarray(2, 4));
    expect(new Uint8Array((await cache.get('view'))!.bytes)).toEqual(new Uint8Array([1, 2]));
  });

  it('evicts least recently used entries by bytes to stay under the cap', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    await cache.put('a', audio(400));
    await cache.put('b', audio(300));
    await cache.put('c', audio(200));
    await cache.put('d', audio(500)); // needs 400 more bytes than free: only "a" (oldest) must go
    expect(await cache.has('a')).toBe(false);
    expect(await cache.has('b')).toBe(true);
    expect(await cache.has('c')).toBe(true);
    expect(await cache.stats()).toEqual({ bytes: 1000, entries: 3 });
  });

  it('get makes an entry recent; has does not', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    await cache.put('a', audio(400));
    await cache.put('b', audio(400));
    await cache.get('a'); // now b is the least recently used
    await cache.has('b');
    await cache.put('c', audio(400));
    expect(await cache.has('a')).toBe(true);
    expect(await cache.has('b')).toBe(false);
    expect(await cache.has('c')).toBe(true);
  });

  it('lookup tells the duration without the audio and makes the entry recent', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    await cache.put('a', audio(400), { durationMs: 1234 });
    await cache.put('b', audio(400));
    expect(await cache.lookup('a')).toEqual({ durationMs: 1234 });
    expect(await cache.lookup('b')).toEqual({});
    expect(await cache.lookup('missing')).toBeUndefined();
    await cache.lookup('a'); // b is now the least recently used
    await new Promise((resolve) => setTimeout(resolve, 20)); // the recency write is not awaited by lookup
    await cache.put('c', audio(400));
    expect(await cache.has('a')).toBe(true);
    expect(await cache.has('b')).toBe(false);
  });

  it('lookup does not bring back an entry evicted meanwhile', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    await cache.put('a', audio(400), { durationMs: 5 });
    const looked = cache.lookup('a');
    await cache.delete('a');
    await looked;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await cache.has('a')).toBe(false);
    expect(await cache.stats()).toEqual({ bytes: 0, entries: 0 });
  });

  it('refuses audio larger than the cap and keeps what it has', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    await cache.put('a', audio(600));
    expect(await cache.put('huge', audio(1001))).toBe(false);
    expect(await cache.has('huge')).toBe(false);
    expect(await cache.has('a')).toBe(true);
  });

  it('replacing a key counts its bytes once', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    await cache.put('a', audio(600));
    await cache.put('a', audio(700, 2));
    expect(await cache.stats()).toEqual({ bytes: 700, entries: 1 });
    expect(new Uint8Array((await cache.get('a'))!.bytes)[0]).toBe(2);
  });

  it('stays under the cap with many concurrent puts', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    await Promise.all(Array.from({ length: 12 }, (_, i) => cache.put(`k${i}`, audio(150))));
    const stats = await cache.stats();
    expect(stats.bytes).toBeLessThanOrEqual(1000);
    expect(stats).toEqual({ bytes: 900, entries: 6 });
    // The most recently written survive.
    for (let i = 6; i < 12; i++) expect(await cache.has(`k${i}`)).toBe(true);
  });

  it('evicts more and retries when the browser reports QuotaExceededError', async () => {
    const stores = freshStores();
    const bytes = quotaLimited(stores.bytes, 500); // the disk fills before our 1000 byte cap
    const cache = createAudioCache({ capBytes: 1000, stores: { bytes, index: stores.index }, now });
    await cache.put('a', audio(200));
    await cache.put('b', audio(200));
    expect(await cache.put('c', audio(200))).toBe(true);
    expect(bytes.rejected).toBeGreaterThan(0);
    expect(await cache.has('a')).toBe(false);
    expect(await cache.has('c')).toBe(true);
    expect(new Uint8Array((await cache.get('c'))!.bytes).length).toBe(200);
  });

  it('a refused write frees what it needs from the oldest entries, not a share of the whole cache', async () => {
    // Ten old entries compressed small, then four recent ones still large (the reading in progress): the browser
    // refuses the next write once, as a full disk does.
    const stores = freshStores();
    const bytes = refusingWrites(stores.bytes, [15]);
    const cache = createAudioCache({ capBytes: 1_000_000, stores: { bytes, index: stores.index }, now });
    for (let i = 0; i < 10; i++) {
      clock++;
      await cache.put(`old${i}`, audio(100));
    }
    for (let i = 0; i < 4; i++) {
      clock++;
      await cache.put(`recent${i}`, audio(2000));
    }
    clock++;
    expect(await cache.put('next', audio(500))).toBe(true);
    expect(bytes.rejected).toBe(1);
    // 500 bytes and a margin come from the seven oldest; the rest of the old entries and every recent one stay.
    const kept = await keys<string>(stores.index);
    expect(kept.filter((k) => k.startsWith('old')).sort()).toEqual(['old7', 'old8', 'old9']);
    expect(kept.filter((k) => !k.startsWith('old')).sort()).toEqual([
      'next',
      'recent0',
      'recent1',
      'recent2',
      'recent3',
    ]);
  });

  it('a write refused again frees more, still oldest first', async () => {
    const stores = freshStores();
    const bytes = refusingWrites(stores.bytes, [5, 6]);
    const cache = createAudioCache({ capBytes: 1_000_000, stores: { bytes, index: stores.index }, now });
    for (let i = 0; i < 4; i++) {
      clock++;
      await cache.put(`e${i}`, audio(400));
    }
    clock++;
    expect(await cache.put('next', audio(400))).toBe(true);
    expect(bytes.rejected).toBe(2);
    // Each refusal frees the write's 400 bytes and a margin: two entries each time.
    expect((await keys<string>(stores.index)).sort()).toEqual(['next']);
  });

  it('a refused write passes over the entries in use, however old, and fails only when nothing else is left', async () => {
    // The reading in progress put its first units long ago; the entries after them are another page's.
    const stores = freshStores();
    const bytes = refusingWrites(stores.bytes, [6, 8, 9]);
    const inUse = new Set(['unit0', 'unit1']);
    const cache = createAudioCache({
      capBytes: 1_000_000,
      stores: { bytes, index: stores.index },
      now,
      inUse: () => inUse,
    });
    for (const key of ['unit0', 'unit1', 'other0', 'other1', 'other2']) {
      clock++;
      await cache.put(key, audio(400));
    }
    clock++;
    expect(await cache.put('unit2', audio(400))).toBe(true);
    // 400 bytes and a margin: the two oldest entries not in use.
    expect((await keys<string>(stores.index)).sort()).toEqual(['other2', 'unit0', 'unit1', 'unit2']);
    clock++;
    inUse.add('unit2');
    // Refused twice more: the last other entry goes, then nothing but audio in use is left.
    await expect(cache.put('unit3', audio(400))).rejects.toBeInstanceOf(AudioCacheQuotaError);
    expect((await keys<string>(stores.index)).sort()).toEqual(['unit0', 'unit1', 'unit2']);
  });

  it('the cap evicts around the entries in use and leaves them when they alone exceed it', async () => {
    const inUse = new Set<string>();
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now, inUse: () => inUse });
    for (const key of ['a', 'b', 'c']) {
      clock++;
      await cache.put(key, audio(300));
    }
    inUse.add('a');
    clock++;
    await cache.put('d', audio(300)); // 300 over: "a" is the oldest but in use, so "b" goes
    expect(await cache.has('a')).toBe(true);
    expect(await cache.has('b')).toBe(false);
    inUse.add('c').add('d');
    await cache.setCap(500);
    expect(await cache.stats()).toEqual({ bytes: 900, entries: 3 });
    inUse.clear();
    clock++;
    await cache.put('e', audio(100)); // played: the reading's entries go the ordinary way, oldest first
    expect(await cache.stats()).toEqual({ bytes: 400, entries: 2 });
    expect(await cache.has('d')).toBe(true);
  });

  it('gives a clear error when even an empty cache cannot take the audio', async () => {
    const stores = freshStores();
    const cache = createAudioCache({
      capBytes: 1000,
      stores: { bytes: quotaLimited(stores.bytes, 100), index: stores.index },
      now,
    });
    await expect(cache.put('a', audio(200))).rejects.toBeInstanceOf(AudioCacheQuotaError);
    await expect(cache.put('a', audio(200))).rejects.toThrow(/disk space/);
    expect(await cache.stats()).toEqual({ bytes: 0, entries: 0 });
  });

  it('delete and clear remove entries and stats follow', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    await cache.put('a', audio(100));
    await cache.put('b', audio(200));
    await cache.delete('a');
    expect(await cache.get('a')).toBeUndefined();
    expect(await cache.stats()).toEqual({ bytes: 200, entries: 1 });
    await cache.clear();
    expect(await cache.stats()).toEqual({ bytes: 0, entries: 0 });
    expect(await cache.get('b')).toBeUndefined();
  });

  it('clear keeps the audio in use and only it', async () => {
    const inUse = new Set(['b']);
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now, inUse: () => inUse });
    await cache.put('a', audio(100));
    await cache.put('b', audio(200));
    await cache.put('c', audio(300));
    await cache.clear();
    expect(await cache.stats()).toEqual({ bytes: 200, entries: 1 });
    expect(new Uint8Array((await cache.get('b'))!.bytes).length).toBe(200);
    inUse.clear();
    await cache.clear();
    expect(await cache.stats()).toEqual({ bytes: 0, entries: 0 });
  });

  it('setCap evicts down to a smaller cap', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    await cache.put('a', audio(300));
    await cache.put('b', audio(300));
    await cache.put('c', audio(300));
    await cache.setCap(500);
    expect(await cache.stats()).toEqual({ bytes: 300, entries: 1 });
    expect(await cache.has('c')).toBe(true);
  });

  it('is shared between contexts through the same databases', async () => {
    const writer = createAudioCache({ capBytes: 10_000 });
    const reader = createAudioCache({ capBytes: 10_000 });
    await writer.put('shared-key', audio(64, 7), { durationMs: 5 });
    const entry = await reader.get('shared-key');
    expect(new Uint8Array(entry!.bytes)[0]).toBe(7);
    expect(entry!.durationMs).toBe(5);
    await writer.clear();
  });

  it('recode swaps the audio for a smaller encoding, counting its new size and keeping recency and duration', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    await cache.put('a', audio(400, 1), { durationMs: 1234 });
    await cache.put('b', audio(400, 2));
    expect(await cache.recode('a', audio(50, 9))).toBe(true);
    expect(await cache.stats()).toEqual({ bytes: 450, entries: 2 });
    const entry = await cache.get('a');
    expect(new Uint8Array(entry!.bytes)).toEqual(new Uint8Array(50).fill(9));
    expect(entry!.durationMs).toBe(1234);
    // "a" was made recent by get, not by recode: "b" is still the older and goes first.
    await cache.put('c', audio(900));
    expect(await cache.has('b')).toBe(false);
  });

  it('recode keeps a recency it did not touch: the recoded entry is still the oldest', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    await cache.put('a', audio(400));
    await cache.put('b', audio(400));
    await cache.recode('a', audio(40));
    await cache.put('c', audio(600)); // needs "a" or "b" gone: the least recently used is still "a"
    expect(await cache.has('a')).toBe(false);
    expect(await cache.has('b')).toBe(true);
  });

  it('recode adds the duration to an entry stored without one', async () => {
    const cache = createAudioCache({ capBytes: 1000, stores: freshStores(), now });
    await cache.put('a', audio(400));
    await cache.recode('a', audio(40), { durationMs: 777 });
    expect(await cache.lookup('a')).toEqual({ durationMs: 777 });
  });

  it('recode of an entry that is gone stores nothing', async () => {
    const stores = freshStores();
    const cache = createAudioCache({ capBytes: 1000, stores, now });
    await cache.put('a', audio(400));
    await cache.delete('a');
    expect(await cache.recode('a', audio(40))).toBe(false);
    expect(await keys(stores.bytes)).toEqual([]);
    expect(await cache.stats()).toEqual({ bytes: 0, entries: 0 });
  });

  it('rejects bad keys and caps', () => {
    expect(() => createAudioCache({ capBytes: 0 })).toThrow(RangeError);
    const cache = createAudioCache({ capBytes: 10, stores: freshStores() });
    expect(() => cache.put('', audio(1))).toThrow(TypeError);
  });
});
