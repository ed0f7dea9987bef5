// The streamed requests of one worker (docs/architecture.md "Streamed playback"): each unit's samples are appended
// to the stream store (utils/cache/audio-stream-store.ts) as they arrive and the player's host is told which stream
// grew; the whole WAV is handed back at the end for the audio cache. A stream outlives the unit's fetch (the unit
// goes to the player at its first chunk), so its request is owned here, not by the UnitFetcher, and a stop, seek or
// new reading aborts it through `abortAll`. Memory only: a restarted worker finds the unit's `stream` in the saved
// state and `resume`s it after the chunks the store holds.
import type { AudioStreamStore } from '../cache/audio-stream-store';
import type { StreamGrowth } from '../messages/offscreen-protocol';
import { joinWav, type PcmFormat } from '../playback/wav-stream-reader';
import { readWavInfo } from '../playback/wav-decode';

/** A streamed synthesis request (the VocaliD client's synthesizeStream with the reading's parameters bound). */
export type StreamRequest = (options: {
  signal: AbortSignal;
  skipPcmBytes: number;
  onFormat(format: PcmFormat): Promise<void>;
  onPcm(pcm: Uint8Array): Promise<void>;
}) => Promise<number>;

export interface StreamedAudio {
  wav: ArrayBuffer;
  durationMs: number;
  chunks: number;
}

export interface OpenedStream {
  /** This request of the stream: a later one of the same unit and key (after a seek) is another. */
  readonly ticket: object;
  /** Resolves when the first chunk is in the store (the player can start on it). */
  firstChunk: Promise<void>;
  /** Samples so far, in ms. */
  receivedMs(): number;
  whole: Promise<StreamedAudio>;
}

/** The player plays 16-bit samples as they come; other formats (none today) are played once whole. */
const STREAMABLE_BITS = 16;

export class UnitStreams {
  private readonly live = new Map<number, { stream: string; controller: AbortController }>();

  constructor(
    private readonly deps: {
      store: AudioStreamStore;
      /** Tells the player's host that `stream` has more chunks; never creates the host. */
      grew(update: StreamGrowth): Promise<void>;
    },
  ) {}

  /**
   * The stream key of unit `index` in the player's `session` (a reading, and how often it restarted): one reading's
   * repeated sentence streams twice, apart, and so does a unit asked for again after a seek.
   */
  static keyOf(cacheKey: string, session: string, index: number): string {
    return `${cacheKey}@${session}#${index}`;
  }

  /**
   * Whether `opened` is still unit `index`'s request. Its key is not enough: a seek aborts a stream and asks for
   * the unit again under the same key, and the aborted request's failure must not count as the new one's.
   */
  isLive(index: number, opened: OpenedStream): boolean {
    return this.live.get(index) === opened.ticket;
  }

  /** The stream is over (whole, failed or abandoned): it is no longer this worker's. */
  settle(index: number, opened: OpenedStream): void {
    if (this.isLive(index, opened)) this.live.delete(index);
  }

  has(index: number): boolean {
    return this.live.has(index);
  }

  /**
   * Aborts every stream (a stop, a seek, a new reading) but those `keep` names; their chunks are dropped from the
   * store.
   */
  abortAll(keep: (index: number) => boolean = () => false): void {
    for (const [index, { stream, controller }] of this.live) {
      if (keep(index)) continue;
      controller.abort();
      void this.deps.store.remove(stream).catch(() => undefined);
      this.live.delete(index);
    }
  }

  clearStore(): Promise<void> {
    return this.deps.store.clear();
  }

  /**
   * Starts unit `index`'s stream, or carries on with it after what the store holds (`resume`: a restarted worker).
   * `signal` aborts it as well as abortAll does (the fetch's own ticket, while the unit is still fetching).
   */
  open(index: number, stream: string, request: StreamRequest, signal?: AbortSignal, resume = false): OpenedStream {
    this.live.get(index)?.controller.abort();
    const controller = new AbortController();
    signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    const ticket = { stream, controller };
    this.live.set(index, ticket);
    const { store } = this.deps;
    let flowing!: () => void;
    const firstChunk = new Promise<void>((resolve) => (flowing = resolve));
    const pcm: Uint8Array[] = [];
    let format: PcmFormat | undefined;
    let bytes = 0;
    const receivedMs = () => {
      if (!format) return 0;
      return (bytes / ((format.bitsPerSample / 8) * format.channels) / format.sampleRate) * 1000;
    };
    const whole = (async (): Promise<StreamedAudio> => {
      let streamable = true;
      if (resume) {
        format = await store.format(stream);
        if (format) pcm.push(...(await store.chunks(stream)));
        bytes = pcm.reduce((n, c) => n + c.byteLength, 0);
      }
      await request({
        signal: controller.signal,
        skipPcmBytes: bytes,
        onFormat: async (f) => {
          streamable = f.bitsPerSample === STREAMABLE_BITS;
          if (format) return; // resumed: the store has it (the same request gives the same format)
          format = f;
          if (streamable) await store.begin(stream, f);
        },
        onPcm: async (chunk) => {
          const copy = chunk.slice();
          if (streamable) {
            // The chunk is in the store before anyone hears of it: the host reads what it is told exists.
            await store.append(stream, pcm.length, copy);
            if (controller.signal.aborted) return;
            void this.deps.grew({ stream, chunks: pcm.length + 1 }).catch(() => undefined);
          }
          pcm.push(copy);
          bytes += copy.byteLength;
          if (streamable) flowing();
        },
      });
      // A request may end well after its abort (a whole answer read at once is complete to the client), and the
      // samples that came meanwhile were left out above: what it has is not the unit's audio, and is never cached.
      controller.signal.throwIfAborted();
      if (!format) throw new Error('stream without a format');
      const wav = joinWav(format, pcm);
      return { wav, durationMs: readWavInfo(wav).durationMs, chunks: pcm.length };
    })();
    return { ticket, firstChunk, receivedMs, whole };
  }
}
