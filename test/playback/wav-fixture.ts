// Silent 16-bit mono PCM WAV files for the tests: the canonical 44-byte header (RIFF, fmt, data), optionally an
// odd-sized LIST chunk before the data (with its pad byte), and sizes in the header that may lie, as broken
// servers' do.

export interface WavFixtureOptions {
  /** Bytes of (silent) sample data. */
  dataBytes: number;
  sampleRate?: number;
  /** An odd-sized LIST chunk and its pad byte between fmt and data. */
  listChunk?: boolean;
  /** What the data chunk's size field says (default: the truth). */
  claimedData?: number;
  /** What the RIFF size field says (default: 36 + claimedData for the canonical header, else the truth). */
  claimedRiff?: number;
}

export function silentWav(opts: WavFixtureOptions): ArrayBuffer {
  const sampleRate = opts.sampleRate ?? 22050;
  const extra = opts.listChunk ? 8 + 5 + 1 : 0;
  const buf = new ArrayBuffer(44 + extra + opts.dataBytes);
  const v = new DataView(buf);
  const put = (o: number, s: string) => [...s].forEach((c, i) => v.setUint8(o + i, c.charCodeAt(0)));
  const claimedData = opts.claimedData ?? opts.dataBytes;
  put(0, 'RIFF');
  v.setUint32(4, opts.claimedRiff ?? (opts.claimedData !== undefined ? 36 + claimedData : buf.byteLength - 8), true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  let o = 36;
  if (opts.listChunk) {
    put(o, 'LIST');
    v.setUint32(o + 4, 5, true);
    o += 14;
  }
  put(o, 'data');
  v.setUint32(o + 4, claimedData, true);
  return buf;
}

/** `durationMs` of silence at `sampleRate`. */
export function silentWavOfDuration(durationMs: number, sampleRate: number): ArrayBuffer {
  return silentWav({ sampleRate, dataBytes: Math.round((durationMs / 1000) * sampleRate) * 2 });
}
