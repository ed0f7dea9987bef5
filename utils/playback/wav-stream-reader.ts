// A WAV read while it arrives (a streamed synthesis answer): the header is parsed as soon as its bytes are there,
// then the samples come out in whole frames only, whatever byte boundaries the network cut them at. A streaming
// writer puts 0xFFFFFFFF in the sizes (server/src/testing/synthesis-pacing.ts); the data then runs to the end of the
// stream. `skipPcmBytes` drops the start of the samples: a retried request gets the same number of samples again
// (synthesis is deterministic in length for the same text and parameters), and the ones already delivered are not
// delivered twice.

export interface PcmFormat {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
}

export interface WavStreamReaderOptions {
  /** Sample bytes to drop before anything is delivered (already delivered by an earlier attempt). */
  skipPcmBytes?: number;
}

const UNKNOWN_SIZE = 0xffffffff;

function tag(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

export class WavStreamReader {
  private head = new Uint8Array(0);
  private fmt: PcmFormat | null = null;
  /** Sample bytes still to come per the data chunk's size (Infinity: unknown, to the end of the stream). */
  private dataLeft = Infinity;
  private started = false;
  private skip: number;
  /** Bytes of a frame split by the network, kept for the next push. */
  private partial = new Uint8Array(0);
  private delivered = 0;

  constructor(options: WavStreamReaderOptions = {}) {
    this.skip = Math.max(0, options.skipPcmBytes ?? 0);
  }

  /** The format, once the header has arrived. */
  get format(): PcmFormat | null {
    return this.started ? this.fmt : null;
  }

  /** Sample bytes delivered by this reader (after the skip). */
  get deliveredBytes(): number {
    return this.delivered;
  }

  /** Whether a data chunk with a known size has all its bytes (a stream of unknown size is never known complete). */
  get complete(): boolean {
    return this.started && this.dataLeft === 0;
  }

  /** Takes the next bytes of the stream; returns the whole frames of samples they complete (maybe none). */
  push(bytes: Uint8Array): Uint8Array {
    let body = bytes;
    if (!this.started) {
      const joined = new Uint8Array(this.head.byteLength + bytes.byteLength);
      joined.set(this.head);
      joined.set(bytes, this.head.byteLength);
      const dataAt = this.parseHeader(joined);
      if (dataAt < 0) {
        this.head = joined;
        return new Uint8Array(0);
      }
      this.head = new Uint8Array(0);
      body = joined.subarray(dataAt);
    }
    if (body.byteLength > this.dataLeft) body = body.subarray(0, this.dataLeft);
    if (this.dataLeft !== Infinity) this.dataLeft -= body.byteLength;
    if (this.skip > 0) {
      const dropped = Math.min(this.skip, body.byteLength);
      this.skip -= dropped;
      body = body.subarray(dropped);
    }
    const frameBytes = this.frameBytes();
    const all = new Uint8Array(this.partial.byteLength + body.byteLength);
    all.set(this.partial);
    all.set(body, this.partial.byteLength);
    const whole = all.byteLength - (all.byteLength % frameBytes);
    this.partial = all.slice(whole);
    this.delivered += whole;
    return all.subarray(0, whole);
  }

  private frameBytes(): number {
    const f = this.fmt!;
    return Math.max(1, (f.bitsPerSample / 8) * f.channels);
  }

  /** Offset of the samples in `bytes`, or -1 while the header is incomplete; throws on what is not a WAV. */
  private parseHeader(bytes: Uint8Array): number {
    if (bytes.byteLength < 12) return -1;
    if (tag(bytes, 0) !== 'RIFF' || tag(bytes, 8) !== 'WAVE') throw new Error('Not a WAV stream');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 12;
    while (offset + 8 <= bytes.byteLength) {
      const id = tag(bytes, offset);
      const size = view.getUint32(offset + 4, true);
      const body = offset + 8;
      if (id === 'data') {
        if (!this.fmt) throw new Error('WAV data chunk before fmt chunk');
        this.dataLeft = size === UNKNOWN_SIZE || size === 0 ? Infinity : size;
        this.started = true;
        return body;
      }
      if (body + size > bytes.byteLength) return -1;
      if (id === 'fmt ') {
        this.fmt = {
          channels: view.getUint16(body + 2, true),
          sampleRate: view.getUint32(body + 4, true),
          bitsPerSample: view.getUint16(body + 14, true),
        };
      }
      offset = body + size + (size % 2);
    }
    return -1;
  }
}

/** A canonical 44-byte PCM WAV header for `pcmBytes` of samples in `format`. */
export function wavHeader(format: PcmFormat, pcmBytes: number): Uint8Array {
  const header = new Uint8Array(44);
  const view = new DataView(header.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < 4; i++) header[at + i] = text.charCodeAt(i);
  };
  const blockAlign = (format.bitsPerSample / 8) * format.channels;
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + pcmBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, format.bitsPerSample === 32 ? 3 : 1, true);
  view.setUint16(22, format.channels, true);
  view.setUint32(24, format.sampleRate, true);
  view.setUint32(28, format.sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, format.bitsPerSample, true);
  ascii(36, 'data');
  view.setUint32(40, pcmBytes, true);
  return header;
}

/** Header plus samples: the whole WAV that is cached once a stream is complete. */
export function joinWav(format: PcmFormat, pcm: Uint8Array[]): ArrayBuffer {
  const total = pcm.reduce((n, c) => n + c.byteLength, 0);
  const out = new Uint8Array(44 + total);
  out.set(wavHeader(format, total));
  let at = 44;
  for (const c of pcm) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
}
