import { i18n } from '../i18n/i18n';
import {
  clear,
  createStore,
  del,
  delMany,
  entries,
  get,
  keys,
  promisifyRequest,
  set,
  update,
  type UseStore,
} from 'idb-keyval';

// Audio bytes and the index (size, recency) live in two databases: idb-keyval gives one object store per
// database, and eviction must be decided from the small index records without ever loading audio.
// Every extension context (service worker, offscreen document) opens the same two databases by name.
export const AUDIO_DB = 'vocalid-audio';
export const AUDIO_STORE = 'audio';
export const INDEX_DB = 'vocalid-audio-index';
export const INDEX_STORE = 'entries';

export interface AudioCacheEntry {
  bytes: ArrayBuffer;
  durationMs?: number;
}

export interface AudioCacheMeta {
  durationMs?: number;
}

export interface AudioCacheStats {
  bytes: number;
  entries: number;
}

export interface AudioCache {
  /** The audio for `key`, marking it most recently used. */
  get(key: string): Promise<AudioCacheEntry | undefined>;
  /**
   * Stores the audio, first evicting least recently used entries until it fits under the cap. Returns false
   * (and stores nothing) when the audio alone is larger than the cap. Throws AudioCacheQuotaError when the
   * browser refuses the write even after the cache has been emptied.
   */
  put(key: string, bytes: ArrayBuffer | ArrayBufferView, meta?: AudioCacheMeta): Promise<boolean>;
  /**
   * What the index knows about `key` (its duration, when stored with one), marking it most recently used, without
   * reading the audio: for deciding a unit is cached when another context will play it. An index record always
   * has its bytes (they are written first and deleted after it).
   */
  lookup(key: string): Promise<AudioCacheMeta | undefined>;
  /**
   * Swaps the stored audio of an entry for another encoding of the same audio (a compressed one), keeping its
   * recency and duration and counting its new size. Returns false, storing nothing, when the entry is gone.
   */
  recode(key: string, bytes: ArrayBuffer, meta?: AudioCacheMeta): Promise<boolean>;
  /** Whether `key` is cached; does not change recency. */
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Removes every entry but those in use: a reading in progress goes on, and caches as it goes. */
  clear(): Promise<void>;
  stats(): Promise<AudioCacheStats>;
  /** Changes the cap (settings changed) and evicts down to it. */
  setCap(capBytes: number): Promise<void>;
}

export interface AudioCacheOptions {
  capBytes: number;
  /** Tests inject stores (e.g. one that simulates a full disk); default the shared extension databases. */
  stores?: { bytes: UseStore; index: UseStore };
  now?: () => number;
  /**
   * Entries eviction passes over: audio a reading in progress has yet to play (SynthesisScheduler.neededAudio).
   * Evicting one of them failed that reading when the player reached it; kept, they can hold the cache above its cap
   * for as long as the reading's look-ahead, and go the ordinary way once played.
   */
  inUse?: () => Iterable<string>;
}

interface IndexRecord {
  size: number;
  /** Recency stamp: larger is more recent. */
  lastUsed: number;
  durationMs?: number;
}

export class AudioCacheQuotaError extends Error {
  override name = 'AudioCacheQuotaError';
}

const MAX_QUOTA_RETRIES = 4;
/** Share of a refused write's size freed beyond it, for the index record and the database's own overhead. */
const QUOTA_MARGIN = 0.25;

function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

function toArrayBuffer(bytes: ArrayBuffer | ArrayBufferView): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  if (ArrayBuffer.isView(bytes)) {
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return copy.buffer;
  }
  throw new TypeError('AudioCache.put expects an ArrayBuffer or a typed array.');
}

function checkCap(capBytes: number): number {
  if (typeof capBytes !== 'number' || !Number.isFinite(capBytes) || capBytes <= 0) {
    throw new RangeError(`Audio cache cap must be a positive number of bytes (got ${capBytes}).`);
  }
  return capBytes;
}

function checkKey(key: string): string {
  if (typeof key !== 'string' || key === '') throw new TypeError('Audio cache keys must be non-empty strings.');
  return key;
}

export function createAudioCache(options: AudioCacheOptions): AudioCache {
  let capBytes = checkCap(options.capBytes);
  // Opened on first use, not at creation: callers may create the cache while a module loads.
  let opened = options.stores;
  const open = () =>
    (opened ??= { bytes: createStore(AUDIO_DB, AUDIO_STORE), index: createStore(INDEX_DB, INDEX_STORE) });
  const bytesStore: UseStore = (mode, callback) => open().bytes(mode, callback);
  const indexStore: UseStore = (mode, callback) => open().index(mode, callback);
  const now = options.now ?? Date.now;
  let lastStamp = 0;
  // Wall-clock stamps so other contexts' reads count too, but strictly increasing here so that two
  // operations in the same millisecond still have an order.
  const stamp = () => (lastStamp = Math.max(now(), lastStamp + 1));

  // Mutations from this context run one at a time: two puts deciding evictions from the same snapshot of
  // the index would both think they fit and overshoot the cap.
  let chain: Promise<unknown> = Promise.resolve();
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = chain.then(task);
    chain = run.catch(() => undefined);
    return run;
  }

  let reconciled = false;
  /** Removes leftovers of an interrupted write: bytes without an index record and records without bytes. */
  async function reconcile(): Promise<void> {
    if (reconciled) return;
    reconciled = true;
    const [byteKeys, indexKeys] = await Promise.all([keys<string>(bytesStore), keys<string>(indexStore)]);
    const indexed = new Set(indexKeys);
    const stored = new Set(byteKeys);
    const orphanBytes = byteKeys.filter((k) => !indexed.has(k));
    const orphanRecords = indexKeys.filter((k) => !stored.has(k));
    if (orphanBytes.length) await delMany(orphanBytes, bytesStore);
    if (orphanRecords.length) await delMany(orphanRecords, indexStore);
  }

  async function evict(victims: string[]): Promise<void> {
    if (!victims.length) return;
    // Index first: once the record is gone nobody counts or finds the entry, even if deleting bytes fails.
    await delMany(victims, indexStore);
    await delMany(victims, bytesStore);
  }

  /**
   * The records besides `except` (the entry being replaced), and of them the ones eviction may take, least recently
   * used first.
   */
  async function evictionOrder(except?: string): Promise<{ all: IndexRecord[]; order: [string, IndexRecord][] }> {
    const records = (await entries<string, IndexRecord>(indexStore)).filter(([k]) => k !== except);
    const inUse = new Set(options.inUse?.() ?? []);
    const order = records.filter(([k]) => !inUse.has(k)).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    return { all: records.map(([, r]) => r), order };
  }

  async function evictDownTo(limit: number, except?: string): Promise<void> {
    const { all, order } = await evictionOrder(except);
    let total = all.reduce((sum, r) => sum + r.size, 0);
    const victims: string[] = [];
    for (const [k, r] of order) {
      if (total <= limit) break;
      victims.push(k);
      total -= r.size;
    }
    await evict(victims);
  }

  async function evictForQuota(except: string, needed: number): Promise<boolean> {
    // The browser's quota, not our cap, is the limit now: free what the refused write needs, and a margin for the
    // storage's own overhead, from the least recently used entries. Freeing a share of the whole cache instead
    // reaches the reading in progress as soon as the older entries are small (compressed) and its own still large.
    const { order } = await evictionOrder(except);
    if (!order.length) return false;
    const target = needed + Math.ceil(needed * QUOTA_MARGIN);
    const victims: string[] = [];
    let freed = 0;
    for (const [k, r] of order) {
      victims.push(k);
      freed += r.size;
      if (freed >= target) break;
    }
    await evict(victims);
    return true;
  }

  return {
    async get(key) {
      checkKey(key);
      const [bytes, record] = await Promise.all([get<ArrayBuffer>(key, bytesStore), get<IndexRecord>(key, indexStore)]);
      if (bytes === undefined) {
        await del(key, indexStore);
        return undefined;
      }
      // The recency stamp is written after the answer, not before: the first sound of a reading from the cache waited
      // for this write transaction too. It is asked for before this returns, so a write the caller makes next (a
      // put's eviction) is ordered after it and still sees the stamp.
      void update<IndexRecord>(
        key,
        (old) => ({ ...(old ?? { size: bytes.byteLength }), lastUsed: stamp() }),
        indexStore,
      ).catch(() => undefined);
      const entry: AudioCacheEntry = { bytes };
      if (record?.durationMs !== undefined) entry.durationMs = record.durationMs;
      return entry;
    },

    put(key, input, meta = {}) {
      checkKey(key);
      const bytes = toArrayBuffer(input);
      return exclusive(async () => {
        const size = bytes.byteLength;
        if (size > capBytes) return false;
        await reconcile();
        await evictDownTo(capBytes - size, key);
        const record: IndexRecord = { size, lastUsed: stamp() };
        if (meta.durationMs !== undefined) record.durationMs = meta.durationMs;
        for (let attempt = 0; ; attempt++) {
          try {
            // Bytes before the record: a reader that finds the record always finds the audio.
            await set(key, bytes, bytesStore);
            await set(key, record, indexStore);
            return true;
          } catch (error) {
            if (!isQuotaError(error)) throw error;
            const freedSome = attempt < MAX_QUOTA_RETRIES && (await evictForQuota(key, size));
            if (!freedSome) {
              throw new AudioCacheQuotaError(
                // Shown to the user when the reading fails for it.
                i18n.t('reading.errors.diskFull'),
                { cause: error },
              );
            }
          }
        }
      });
    },

    async lookup(key) {
      checkKey(key);
      const found = await get<IndexRecord>(key, indexStore);
      if (!found) return undefined;
      // Recency only orders eviction: nothing waits for it.
      const lastUsed = stamp();
      void indexStore('readwrite', (store) => {
        const request = store.get(key);
        // Only if it is still there: an eviction in between must not bring back a record without audio.
        request.onsuccess = () => {
          if (request.result) store.put({ ...(request.result as IndexRecord), lastUsed }, key);
        };
        return promisifyRequest(store.transaction);
      }).catch(() => undefined);
      return found.durationMs !== undefined ? { durationMs: found.durationMs } : {};
    },

    recode(key, bytes, meta = {}) {
      checkKey(key);
      return exclusive(async () => {
        if (!(await get<IndexRecord>(key, indexStore))) return false;
        await set(key, bytes, bytesStore);
        let kept = false;
        await indexStore('readwrite', (store) => {
          const request = store.get(key);
          request.onsuccess = () => {
            kept = request.result !== undefined;
            if (!kept) return;
            const record: IndexRecord = { ...(request.result as IndexRecord), size: bytes.byteLength };
            if (meta.durationMs !== undefined) record.durationMs ??= meta.durationMs;
            store.put(record, key);
          };
          return promisifyRequest(store.transaction);
        });
        // Evicted (by another context) between the check and the write: leave no audio without a record.
        if (!kept) await del(key, bytesStore);
        return kept;
      });
    },

    async has(key) {
      checkKey(key);
      return (await get<IndexRecord>(key, indexStore)) !== undefined;
    },

    delete(key) {
      checkKey(key);
      return exclusive(() => evict([key]));
    },

    clear() {
      return exclusive(async () => {
        const inUse = new Set(options.inUse?.() ?? []);
        if (!inUse.size) {
          await clear(indexStore);
          await clear(bytesStore);
          return;
        }
        // Keys of either store: bytes an interrupted write left without a record go too.
        const [indexKeys, byteKeys] = await Promise.all([keys<string>(indexStore), keys<string>(bytesStore)]);
        await evict([...new Set([...indexKeys, ...byteKeys])].filter((k) => !inUse.has(k)));
      });
    },

    async stats() {
      const records = await entries<string, IndexRecord>(indexStore);
      return { bytes: records.reduce((sum, [, r]) => sum + r.size, 0), entries: records.length };
    },

    setCap(next) {
      capBytes = checkCap(next);
      return exclusive(() => evictDownTo(capBytes));
    },
  };
}
