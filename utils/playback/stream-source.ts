// The player host's view of streamed audio (stream-feed.ts StreamSource): the chunks in the stream store the worker
// appends to, and the whole WAV in the audio cache once it is complete. Both are read in this context from the
// databases the worker writes (docs/architecture.md "Streamed playback"): no audio bytes travel in messages.
import type { AudioCache } from '../cache/audio-cache';
import { createAudioStreamStore } from '../cache/audio-stream-store';
import type { StreamSource } from './stream-feed';

/** `ready`: test builds wait for the output recorder before the first samples, as for a whole unit. */
export function createStreamSource(cache: Pick<AudioCache, 'get'>, ready?: Promise<unknown>): StreamSource {
  const store = createAudioStreamStore();
  return {
    format: async (stream) => {
      await ready;
      return store.format(stream);
    },
    chunk: (stream, seq) => store.chunk(stream, seq),
    whole: async (cacheKey) => (await cache.get(cacheKey))?.bytes,
  };
}
