import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { floatWav } from '../../utils/audio-codec/float-wav';
import { readWavInfo } from '../../utils/playback/wav-decode';

describe('float WAV of decoded audio', () => {
  it('is a WAV another reader (wavefile) reads back sample for sample', () => {
    const mono = Float32Array.from({ length: 4801 }, (_, i) => Math.sin(i / 7) * 0.8);
    const bytes = floatWav({ sampleRate: 48000, channels: [mono] });
    const wav = new wavefile.WaveFile(new Uint8Array(bytes));
    expect(wav.fmt).toMatchObject({ audioFormat: 3, numChannels: 1, sampleRate: 48000, bitsPerSample: 32 });
    const samples = wav.getSamples(false, Float32Array) as unknown as Float32Array;
    expect(Array.from(samples)).toEqual(Array.from(mono));
  });

  it('keeps the exact length, so the duration is the source duration', () => {
    const bytes = floatWav({ sampleRate: 48000, channels: [new Float32Array(72000)] });
    expect(readWavInfo(bytes).durationMs).toBe(1500);
  });

  it('interleaves two channels', () => {
    const left = Float32Array.from([0.1, 0.2, 0.3]);
    const right = Float32Array.from([-0.1, -0.2, -0.3]);
    const bytes = floatWav({ sampleRate: 24000, channels: [left, right] });
    expect(Array.from(new Float32Array(bytes, 44))).toEqual(Array.from([0.1, -0.1, 0.2, -0.2, 0.3, -0.3], Math.fround));
    expect(readWavInfo(bytes)).toMatchObject({ channels: 2, sampleRate: 24000, bitsPerSample: 32 });
  });
});
