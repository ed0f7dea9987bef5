// The player's side of a stream (docs/architecture.md "Streamed playback"): the chunks of one unit read in order
// from the stream store as the worker announces them (`offscreen:streamGrew`), then — once the stream is done — what
// is left read from the whole WAV in the audio cache (the worker may have removed the chunks by then). An
// announcement can be missed (it went out before the unit reached the player, or the host was being created), so
// the feed also looks again after POLL_MS without one.
import type { StreamGrowth } from '../messages/offscreen-protocol';
import { readWavInfo } from './wav-decode';
import type { PcmFormat } from './wav-stream-reader';

export interface StreamSource {
  format(stream: string): Promise<PcmFormat | undefined>;
  chunk(stream: string, seq: number): Promise<Uint8Array | undefined>;
  /** The unit's whole WAV, once it is cached. */
  whole(cacheKey: string): Promise<ArrayBuffer | undefined>;
  /** The unit was placed whole from its stream (its cache entry may now be compressed). */
  played?(cacheKey: string): void;
}

export const STREAM_POLL_MS = 250;

/** What the worker has announced, per stream; wakes the feeds waiting on any of them. */
export class StreamGrowthBoard {
  private readonly known = new Map<string, StreamGrowth>();
  private waiters = new Set<() => void>();

  note(update: StreamGrowth): void {
    const before = this.known.get(update.stream);
    this.known.set(update.stream, {
      stream: update.stream,
      chunks: Math.max(update.chunks, before?.chunks ?? 0),
      ...(update.done || before?.done ? { done: true } : {}),
    });
    this.wakeAll();
  }

  get(stream: string): StreamGrowth | undefined {
    return this.known.get(stream);
  }

  forget(stream: string): void {
    this.known.delete(stream);
  }

  /** Resolves true at the next announcement (or wakeAll), false after `ms` without one. */
  wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        resolve(false);
      }, ms);
      this.waiters.add(wake);
    });
  }

  wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }
}

export interface FeedChunk {
  format: PcmFormat;
  pcm: Uint8Array;
  /** No more samples follow. */
  done: boolean;
}

export class StreamFeed {
  private seq = 0;
  private bytes = 0;
  private format: PcmFormat | undefined;
  private finished = false;
  private cancelled = false;

  constructor(
    private readonly stream: string,
    private readonly cacheKey: string,
    private readonly source: StreamSource,
    private readonly board: StreamGrowthBoard,
    private readonly pollMs = STREAM_POLL_MS,
  ) {}

  cancel(): void {
    this.cancelled = true;
    this.board.wakeAll();
  }

  /** The next samples in order; null once cancelled. Throws when the stream ended and its audio is nowhere. */
  async next(): Promise<FeedChunk | null> {
    if (this.finished) return null;
    let looked = false;
    for (;;) {
      if (this.cancelled) return null;
      this.format ??= await this.source.format(this.stream);
      if (this.format) {
        const chunk = await this.source.chunk(this.stream, this.seq);
        if (chunk) {
          this.seq++;
          this.bytes += chunk.byteLength;
          return { format: this.format, pcm: chunk, done: false };
        }
      }
      const growth = this.board.get(this.stream);
      if (growth?.done && this.format && this.seq >= growth.chunks) return this.end(new Uint8Array(0));
      // Done with chunks we could not read (removed once cached), or an announcement missed: the whole WAV.
      if (growth?.done || looked) {
        const whole = await this.source.whole(this.cacheKey);
        if (this.cancelled) return null;
        if (whole) {
          const info = readWavInfo(whole);
          this.format ??= { sampleRate: info.sampleRate, channels: info.channels, bitsPerSample: info.bitsPerSample };
          const from = info.dataOffset + Math.min(this.bytes, info.dataBytes);
          return this.end(new Uint8Array(whole, from, info.dataOffset + info.dataBytes - from));
        }
        if (growth?.done) throw new Error(`audio of stream ${this.stream} is neither streamed nor cached`);
      }
      looked = !(await this.board.wait(this.pollMs));
    }
  }

  private end(pcm: Uint8Array): FeedChunk {
    this.finished = true;
    this.board.forget(this.stream);
    return { format: this.format!, pcm, done: true };
  }
}

/** 16-bit little-endian interleaved samples → one Float32Array per channel, in [-1, 1). */
export function pcm16ToChannels(pcm: Uint8Array, channels: number): Float32Array[] {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const frames = Math.floor(pcm.byteLength / 2 / channels);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels; c++) out[c]![f] = view.getInt16((f * channels + c) * 2, true) / 32768;
  }
  return out;
}
