// How a remote speech service's timing is imitated (test faults only; bench/README.md "Server profiles"). eSpeak
// makes a whole unit in tens of milliseconds; a neural voice on a remote service takes time in proportion to the
// audio it makes and can send that audio as it is made. A fault rule with `latencyPerAudioSecondMs` holds each
// part of the audio back until the service would have made it; with `stream` the WAV header goes out first and
// the samples follow in chunks (HTTP/1.1 chunked body), so a client may start on the audio before it is whole.

export interface SynthesisPacing {
  /** Production time per second of audio, ms (300 = a real-time factor of 0.3). */
  perAudioSecondMs: number;
  /** Send the header at once and the samples as they are "made"; otherwise the whole body when all is made. */
  stream: boolean;
  /** Streaming only: the connection is cut once this much audio has gone out (a service failing mid-answer). */
  cutAfterAudioMs?: number;
  /** How the connection is cut: the socket closed once what was written has gone out (destroy would drop that). */
  cut?: () => void;
}

/** Audio released per chunk when streaming: small enough that a client sees the first sound early. */
export const STREAM_CHUNK_MS = 100;

/**
 * A WAV written before its length is known. RIFF (Multimedia Programming Interface and Data Specifications 1.0,
 * "RIFF chunk") has no "unknown" size, so streaming writers (ffmpeg to a pipe, for one) put 0xFFFFFFFF in both
 * sizes and readers take the data to the end of the stream; the extension's `readWavInfo`/`repairWavSizes` do.
 */
export const STREAMING_WAV_SIZE = 0xffffffff;

export function streamingWavHeader(header: Uint8Array): Uint8Array {
  const copy = header.slice();
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  view.setUint32(4, STREAMING_WAV_SIZE, true);
  view.setUint32(copy.byteLength - 4, STREAMING_WAV_SIZE, true);
  return copy;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a whole (non-streamed) answer still waits once synthesis is done, `startedAt` being when it began. */
export function remainingWholeDelayMs(pacing: SynthesisPacing, audioSeconds: number, elapsedMs: number): number {
  return Math.max(0, pacing.perAudioSecondMs * audioSeconds - elapsedMs);
}

/**
 * The body as a stream: `header` (already marked as of unknown length) at once, then the PCM in chunks of
 * STREAM_CHUNK_MS, each released when `startedAt` + its end time × the pacing has passed. A client that goes away
 * cancels the stream and the timers stop.
 */
export function pacedAudioStream(
  header: Uint8Array,
  pcm: Uint8Array,
  sampleRate: number,
  pacing: SynthesisPacing,
  startedAt: number,
  now: () => number = () => performance.now(),
): ReadableStream<Uint8Array> {
  const chunkBytes = Math.max(2, Math.round((sampleRate * STREAM_CHUNK_MS) / 1000) * 2);
  let offset = 0;
  let headerSent = header.byteLength === 0;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(header);
        return;
      }
      if (offset >= pcm.byteLength) {
        controller.close();
        return;
      }
      if (
        pacing.cut &&
        pacing.cutAfterAudioMs !== undefined &&
        offset / 2 / sampleRate >= pacing.cutAfterAudioMs / 1000
      ) {
        // No terminating chunk: the client sees the body fail, not end.
        cancelled = true;
        pacing.cut();
        return;
      }
      const end = Math.min(pcm.byteLength, offset + chunkBytes);
      const due = startedAt + pacing.perAudioSecondMs * (end / 2 / sampleRate);
      const wait = due - now();
      if (wait > 0) await sleep(wait);
      if (cancelled) return;
      controller.enqueue(pcm.subarray(offset, end));
      offset = end;
    },
    cancel() {
      cancelled = true;
    },
  });
}
