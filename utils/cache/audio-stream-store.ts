// Audio still arriving: the samples of a streamed synthesis answer, appended chunk by chunk by the service worker
// and read by the player's host while the rest is on its way (docs/architecture.md "Streamed playback"). A database
// of its own, apart from the audio cache: a half-arrived unit is never found there as if it were whole, so a worker
// that dies mid-stream leaves nothing the cache would play as complete. Keys are [stream, seq]: seq -1 holds the
// format, 0, 1, 2… the chunks in order; a chunk is written only after the one before it, so the chunks there are
// always a prefix of the unit's samples.
import { clear, createStore, get, promisifyRequest, set, type UseStore } from 'idb-keyval';
import type { PcmFormat } from '../playback/wav-stream-reader';

export const STREAM_DB = 'vocalid-audio-stream';
export const STREAM_STORE = 'chunks';

const FORMAT_SEQ = -1;

export interface StreamProgress {
  chunks: number;
  bytes: number;
}

export interface AudioStreamStore {
  /** Starts `stream` afresh: whatever an earlier attempt left under it is dropped. */
  begin(stream: string, format: PcmFormat): Promise<void>;
  append(stream: string, seq: number, pcm: Uint8Array): Promise<void>;
  format(stream: string): Promise<PcmFormat | undefined>;
  /** Chunk `seq`, or undefined when it has not arrived (or the stream was removed). */
  chunk(stream: string, seq: number): Promise<Uint8Array | undefined>;
  /** Every chunk there, in order (a restarted worker carries on after them). */
  chunks(stream: string): Promise<Uint8Array[]>;
  remove(stream: string): Promise<void>;
  clear(): Promise<void>;
}

export function createAudioStreamStore(options: { store?: UseStore } = {}): AudioStreamStore {
  let opened = options.store;
  const store: UseStore = (mode, callback) => (opened ??= createStore(STREAM_DB, STREAM_STORE))(mode, callback);
  const range = (stream: string) => IDBKeyRange.bound([stream, FORMAT_SEQ], [stream, Number.MAX_SAFE_INTEGER]);

  return {
    async begin(stream, format) {
      await store('readwrite', (s) => {
        s.delete(range(stream));
        s.put(format, [stream, FORMAT_SEQ]);
        return promisifyRequest(s.transaction);
      });
    },
    append: (stream, seq, pcm) => set([stream, seq], pcm, store),
    format: (stream) => get<PcmFormat>([stream, FORMAT_SEQ], store),
    chunk: (stream, seq) => get<Uint8Array>([stream, seq], store),
    async chunks(stream) {
      const all = await store('readonly', (s) =>
        promisifyRequest(s.getAll(IDBKeyRange.bound([stream, 0], [stream, Number.MAX_SAFE_INTEGER]))),
      );
      return all as Uint8Array[];
    },
    remove: (stream) => store('readwrite', (s) => promisifyRequest(s.delete(range(stream)))),
    clear: () => clear(store),
  };
}
