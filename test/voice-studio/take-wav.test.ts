import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { encodeTakeWav, toInt16 } from '../../utils/voice-studio/take-wav';

describe('take WAV encoder', () => {
  it('writes 16-bit mono PCM at the capture rate, samples as 16-bit integers', () => {
    const samples = Float32Array.from([0, 0.5, -0.5, 1, -1, 0.25]);
    const bytes = encodeTakeWav(samples, 48_000);
    const text = (from: number) => String.fromCharCode(...bytes.subarray(from, from + 4));
    expect([text(0), text(8), text(12)]).toEqual(['RIFF', 'WAVE', 'fmt ']);
    const wav = new wavefile.WaveFile(bytes);
    const fmt = wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number; bitsPerSample: number };
    expect([fmt.audioFormat, fmt.numChannels, fmt.sampleRate, fmt.bitsPerSample]).toEqual([1, 1, 48_000, 16]);
    expect(Array.from(wav.getSamples(false, Int16Array) as unknown as Int16Array)).toEqual([
      0, 16384, -16384, 32767, -32768, 8192,
    ]);
    // RIFF size = file size - 8; 44-byte header + 2 bytes a sample.
    expect(bytes.length).toBe(44 + samples.length * 2);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true)).toBe(bytes.length - 8);
  });

  it('clamps what lies beyond full scale instead of wrapping around', () => {
    expect(Array.from(toInt16(Float32Array.from([1.7, -3, Number.NaN])))).toEqual([32767, -32768, 0]);
  });

  it('refuses what the server would refuse: no samples, over 30 s, an impossible rate', () => {
    expect(() => encodeTakeWav(new Float32Array(0), 48_000)).toThrow(/no samples/);
    expect(() => encodeTakeWav(new Float32Array(8000 * 31), 8000)).toThrow(/at most 30 s/);
    expect(() => encodeTakeWav(new Float32Array(10), 1000)).toThrow(/sample rate/);
  });
});
