import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { mixToMono, readWav, WavFormatError } from '../../../server/src/audio/wav-read';
import { encodeWav, sine } from './synthetic-signals';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof WavFormatError) return error.code;
    throw error;
  }
  return undefined;
}

describe('readWav', () => {
  const half = new Float32Array([0.5, -0.5, 0.25, 0]);

  it.each(['8', '16', '24', '32', '32f', '64'])('scales %s-bit samples to [-1, 1]', (bitDepth) => {
    const wav = readWav(encodeWav([half], 8000, bitDepth));
    expect(wav.sampleRate).toBe(8000);
    expect(wav.length).toBe(4);
    for (let i = 0; i < half.length; i++) expect(wav.channels[0]?.[i]).toBeCloseTo(half[i] as number, 2);
  });

  it('keeps stereo channels apart and mixes them to mono on request', () => {
    const left = new Float32Array([0.5, 0.5]);
    const right = new Float32Array([-0.5, 0.1]);
    const wav = readWav(encodeWav([left, right], 44_100, '16'));
    expect(wav.channels).toHaveLength(2);
    expect(wav.channels[1]?.[0]).toBeCloseTo(-0.5, 3);
    expect(Array.from(mixToMono(wav))).toEqual([expect.closeTo(0, 3), expect.closeTo(0.3, 3)]);
  });

  it('expands A-law and mu-law to the level of the original signal', () => {
    const signal = sine({ hz: 300, peakDbfs: -6, seconds: 0.1, sampleRate: 8000 });
    for (const compand of ['toALaw', 'toMuLaw'] as const) {
      const wav = new wavefile.WaveFile(encodeWav([signal], 8000, '16'));
      wav[compand]();
      const decoded = readWav(wav.toBuffer());
      const peak = Math.max(...Array.from(decoded.channels[0] ?? [], Math.abs));
      expect(peak).toBeCloseTo(0.5, 1);
    }
  });

  it('reports the duration from rate and length', () => {
    const wav = readWav(encodeWav([sine({ hz: 100, peakDbfs: -6, seconds: 1.5, sampleRate: 22_050 })], 22_050));
    expect(wav.durationSec).toBeCloseTo(1.5, 3);
  });

  it('rejects empty bytes, non-WAV bytes, a truncated header and a WAV without samples', () => {
    expect(codeOf(() => readWav(new Uint8Array()))).toBe('empty_audio');
    expect(codeOf(() => readWav(new TextEncoder().encode('ID3 this is an mp3, honest')))).toBe('not_wav');
    expect(codeOf(() => readWav(encodeWav([half], 8000).subarray(0, 20)))).toBe('invalid_wav');
    expect(codeOf(() => readWav(encodeWav([new Float32Array()], 8000)))).toBe('empty_audio');
  });

  it('rejects float samples that are not finite', () => {
    expect(codeOf(() => readWav(encodeWav([new Float32Array([0.1, Number.NaN])], 8000, '32f')))).toBe(
      'unsupported_wav',
    );
  });
});
