import { describe, expect, it } from 'vitest';
import { readWavInfo } from '../../utils/playback/wav-decode';

function wav(sampleRate: number, frames: number, extraChunk = false): ArrayBuffer {
  const dataBytes = frames * 2;
  const extra = extraChunk ? 8 + 5 + 1 : 0; // odd-sized LIST chunk plus its pad byte
  const buf = new ArrayBuffer(44 + extra + dataBytes);
  const v = new DataView(buf);
  const put = (o: number, s: string) => [...s].forEach((c, i) => v.setUint8(o + i, c.charCodeAt(0)));
  put(0, 'RIFF');
  v.setUint32(4, buf.byteLength - 8, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  let o = 36;
  if (extraChunk) {
    put(o, 'LIST');
    v.setUint32(o + 4, 5, true);
    o += 14;
  }
  put(o, 'data');
  v.setUint32(o + 4, dataBytes, true);
  return buf;
}

describe('readWavInfo', () => {
  it('reads the format and the duration', () => {
    const info = readWavInfo(wav(22050, 22050 / 2));
    expect(info).toMatchObject({ sampleRate: 22050, channels: 1, bitsPerSample: 16, dataOffset: 44, dataBytes: 22050 });
    expect(info.durationMs).toBeCloseTo(500, 6);
  });
  it('skips unknown chunks, honouring the pad byte', () => {
    const info = readWavInfo(wav(16000, 1600, true));
    expect(info.dataOffset).toBe(58);
    expect(info.durationMs).toBeCloseTo(100, 6);
  });
  it('rejects non-WAV bytes', () => {
    expect(() => readWavInfo(new TextEncoder().encode('{"status":"error"}').buffer as ArrayBuffer)).toThrow(
      /Not a WAV/,
    );
  });
});
