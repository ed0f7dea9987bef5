import { describe, expect, it } from 'vitest';
import { keptStart, opusEncodingSupported, trimDecoded } from '../../utils/audio-codec/opus-codec';
import type { CompressedEntry } from '../../utils/audio-codec/compressed-entry';

const entry: CompressedEntry = {
  channels: 1,
  preSkip: 312,
  sourceSampleRate: 22050,
  sourceFrames: 2205,
  codecSampleRate: 48000,
  frames: 4800,
  encodedFrames: 5760, // two 60 ms packets: pre-skip, the 100 ms of audio and end padding
  packets: [],
};

/** A ramp: sample i holds i, so where a trimmed stream starts shows in its first value. */
const ramp = (n: number) => Float32Array.from({ length: n }, (_, i) => i);

describe('cutting decoded Opus back to the source', () => {
  it('drops the pre-skip when the decoder returned every frame', () => {
    expect(keptStart(entry, 5760)).toBe(312);
    const [out] = trimDecoded(entry, [ramp(5760)]);
    expect(out!.length).toBe(4800);
    expect(out![0]).toBe(312);
    expect(out![4799]).toBe(312 + 4799);
  });

  it('drops nothing more when the decoder already dropped the pre-skip itself', () => {
    expect(keptStart(entry, 5760 - 312)).toBe(0);
    const [out] = trimDecoded(entry, [ramp(5760 - 312)]);
    expect(out!.length).toBe(4800);
    expect(out![0]).toBe(0);
  });

  it('keeps the exact length even when the decoder returned less than expected (silence fills the end)', () => {
    const [out] = trimDecoded(entry, [ramp(4000)]);
    expect(out!.length).toBe(4800);
    expect(out![4000 - 312 - 1]).toBe(4000 - 1);
    expect(out![4000 - 312]).toBe(0);
    expect(out![4799]).toBe(0);
  });

  it('trims every channel the same way', () => {
    const stereo = { ...entry, channels: 2 };
    const [left, right] = trimDecoded(stereo, [ramp(5760), ramp(5760).map((x) => -x)]);
    expect(left![0]).toBe(312);
    expect(right![0]).toBe(-312);
    expect(right!.length).toBe(left!.length);
  });

  it('is not offered where WebCodecs is missing (Node here, a service worker, an old browser): WAV is kept', async () => {
    expect(typeof globalThis.AudioEncoder).toBe('undefined');
    expect(await opusEncodingSupported()).toBe(false);
  });
});
