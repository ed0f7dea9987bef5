// Compresses cached WAV entries after the fact, where a codec exists. The voice service's WAV is cached as it comes
// (the service worker has no AudioEncoder and the first sound must not wait for an encoder); the player's host reads
// every unit it plays and hands WAV entries here, which replaces each by its compressed form under the same key.
// Only cache keys and the bytes this context already read move: no audio crosses a message channel.
import type { AudioCache } from './audio-cache';
import { cachedAudioFormat } from '../audio-codec/compressed-entry';

export interface CacheCompactorDeps {
  cache: Pick<AudioCache, 'recode'>;
  /** Whether this context can compress; false keeps every entry as WAV (the fallback). Asked once. */
  supported(): Promise<boolean>;
  compress(wav: ArrayBuffer): Promise<ArrayBuffer>;
  durationMs(wav: ArrayBuffer): number;
  /**
   * Waits before each compression so that it does not compete with the decoding of the unit about to play (the
   * encoder's thread shares the CPU with the audio thread). Default: a timeout of COMPACT_DELAY_MS.
   */
  delay?: () => Promise<void>;
  onError?: (key: string, error: unknown) => void;
  /** Test builds: what each compression cost, for the compression figures. */
  onCompressed?: (record: CompressionRecord) => void;
}

export interface CompressionRecord {
  key: string;
  speechMs: number;
  wavBytes: number;
  compressedBytes: number;
  encodeMs: number;
}

export const COMPACT_DELAY_MS = 500;

export interface CacheCompactor {
  /** Queues `bytes` (the entry stored under `key`) for compression if they are WAV; anything else is left alone. */
  offer(key: string, bytes: ArrayBuffer): void;
  /** Resolves once everything queued so far is done (tests, and the e2e's wait). */
  idle(): Promise<void>;
}

export function createCacheCompactor(deps: CacheCompactorDeps): CacheCompactor {
  const queue = new Map<string, ArrayBuffer>();
  let supported: Promise<boolean> | undefined;
  let draining: Promise<void> | undefined;
  const delay = deps.delay ?? (() => new Promise<void>((resolve) => setTimeout(resolve, COMPACT_DELAY_MS)));

  async function compactOne(key: string, wav: ArrayBuffer): Promise<void> {
    const started = performance.now();
    const compressed = await deps.compress(wav);
    const encodeMs = performance.now() - started;
    // Never trade an entry for a larger one (a very short unit where the framing outweighs the saving).
    if (compressed.byteLength >= wav.byteLength) return;
    const speechMs = deps.durationMs(wav);
    if (await deps.cache.recode(key, compressed, { durationMs: speechMs })) {
      deps.onCompressed?.({
        key,
        speechMs,
        wavBytes: wav.byteLength,
        compressedBytes: compressed.byteLength,
        encodeMs,
      });
    }
  }

  function kick(): void {
    if (draining) return;
    draining = drain().finally(() => {
      draining = undefined;
      // Offered after the loop found the queue empty, before this ran.
      if (queue.size) kick();
    });
  }

  async function drain(): Promise<void> {
    if (!(await (supported ??= deps.supported().catch(() => false)))) {
      queue.clear();
      return;
    }
    for (;;) {
      const next = queue.entries().next();
      if (next.done) return;
      const [key, wav] = next.value;
      await delay();
      queue.delete(key);
      try {
        await compactOne(key, wav);
      } catch (error) {
        // The WAV entry stays and plays as before; the next reading of the unit offers it again.
        deps.onError?.(key, error);
      }
    }
  }

  return {
    offer(key, bytes) {
      let format;
      try {
        format = cachedAudioFormat(bytes);
      } catch {
        return;
      }
      if (format !== 'wav') return;
      queue.set(key, bytes);
      kick();
    },
    async idle() {
      while (draining) await draining;
    },
  };
}
