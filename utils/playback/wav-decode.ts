// Minimal RIFF/WAVE header reader. The service worker has no decodeAudioData, but it needs each unit's
// duration for the prefetch time budget; the offscreen document decodes the samples with Web Audio.

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  dataOffset: number;
  dataBytes: number;
  durationMs: number;
}

function tag(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

/** Parses the `fmt ` and `data` chunks; throws on anything that is not a PCM/float WAVE file. */
export function readWavInfo(bytes: ArrayBuffer): WavInfo {
  const view = new DataView(bytes);
  if (bytes.byteLength < 12 || tag(view, 0) !== 'RIFF' || tag(view, 8) !== 'WAVE') throw new Error('Not a WAV file');
  let offset = 12;
  let fmt: { channels: number; sampleRate: number; bitsPerSample: number } | null = null;
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      fmt = {
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV data chunk before fmt chunk');
      // Streaming writers put 0 or 0xFFFFFFFF in the size when they did not know it; use what is there.
      const available = bytes.byteLength - body;
      const dataBytes = size === 0 || size > available ? available : size;
      const frameBytes = (fmt.bitsPerSample / 8) * fmt.channels;
      const frames = frameBytes > 0 ? Math.floor(dataBytes / frameBytes) : 0;
      return {
        ...fmt,
        dataOffset: body,
        dataBytes,
        durationMs: fmt.sampleRate > 0 ? (frames / fmt.sampleRate) * 1000 : 0,
      };
    }
    offset = body + size + (size % 2); // chunks are word-aligned
  }
  throw new Error('WAV file without a data chunk');
}
