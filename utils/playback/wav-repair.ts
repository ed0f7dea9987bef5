// A WAV whose header claims more data than the file holds (a streaming writer that never went back to fill in
// the sizes, or a truncated download) is refused whole by Chrome's decodeAudioData ("Unable to decode audio
// data"), which ended the reading (found by test/e2e/bad-input.test.ts). The audio that is there is fine: write
// the real sizes into the RIFF and data headers before the bytes are cached and played.

function tag(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

/** The same bytes with truthful RIFF and data sizes; anything that is not such a WAV is returned unchanged. */
export function repairWavSizes(bytes: ArrayBuffer): ArrayBuffer {
  if (bytes.byteLength < 12) return bytes;
  const view = new DataView(bytes);
  if (tag(view, 0) !== 'RIFF' || tag(view, 8) !== 'WAVE') return bytes;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (tag(view, offset) === 'data') {
      const available = bytes.byteLength - body;
      const riffSize = bytes.byteLength - 8;
      if (size <= available && view.getUint32(4, true) === riffSize) return bytes;
      const fixed = bytes.slice(0);
      const out = new DataView(fixed);
      // Whole sample frames are not known here; an odd byte at the end is harmless to the decoder.
      out.setUint32(offset + 4, Math.min(size === 0 ? available : size, available), true);
      out.setUint32(4, riffSize, true);
      return fixed;
    }
    offset = body + size + (size % 2);
  }
  return bytes;
}
