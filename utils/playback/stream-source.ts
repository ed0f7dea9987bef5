// The player host's view of streamed audio (stream-feed.ts StreamSource): the chunks in the stream store the worker
// appends to, and the whole WAV in the audio cache once it is complete. Both are read in this context from the
// databases the worker writes (docs/architecture.md "Streamed playback"): no audio bytes travel in messages.
import { cachedAudioAsWav } from '../audio-codec/cache-entry-codec';
import type { AudioCache } from '../cache/audio-cache';
import { createAudioStreamStore } from '../cache/audio-stream-store';
import type { StreamSource } from './stream-feed';

/**
 * `ready`: test builds wait for the output recorder before the first samples, as for a whole unit. `offer`: a unit
 * played from its stream is handed to the cache compactor once whole, like one played from the cache.
 */
export function createStreamSource(
  cache: Pick<AudioCache, 'get'>,
  ready?: Promise<unknown>,
  offer?: (key: string, bytes: ArrayBuffer) => void,
): StreamSource {
  const store = createAudioStreamStore();
  return {
    format: async (stream) => {
      await ready;
      return store.format(stream);
    },
    chunk: (stream, seq) => store.chunk(stream, seq),
    whole: async (cacheKey) => {
      const bytes = (await cache.get(cacheKey))?.bytes;
      // An entry may be compressed already (utils/audio-codec/): the feed reads samples from a WAV.
      return bytes ? cachedAudioAsWav(bytes) : undefined;
    },
    played: (cacheKey) =>
      void cache
        .get(cacheKey)
        .then((entry) => entry && offer?.(cacheKey, entry.bytes))
        .catch(() => undefined),
  };
}
