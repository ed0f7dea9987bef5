import { describe, expect, it } from 'vitest';
import { readWavInfo } from '../../utils/playback/wav-decode';
import { silentWav } from './wav-fixture';

const wav = (sampleRate: number, frames: number, listChunk = false) =>
  silentWav({ sampleRate, dataBytes: frames * 2, listChunk });

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
