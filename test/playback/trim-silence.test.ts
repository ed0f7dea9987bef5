import { describe, expect, it } from 'vitest';
import { findSoundBounds, findTrimBounds } from '../../utils/playback/trim-silence';

const RATE = 1000; // 1 frame per ms keeps the arithmetic readable

function signal(silenceBefore: number, tone: number, silenceAfter: number, amplitude = 0.5, noise = 0): Float32Array {
  const out = new Float32Array(silenceBefore + tone + silenceAfter);
  for (let i = 0; i < out.length; i++) out[i] = noise * (i % 2 ? 1 : -1);
  for (let i = 0; i < tone; i++) out[silenceBefore + i] = amplitude * Math.sin(i / 3 + 0.5);
  return out;
}

describe('findTrimBounds', () => {
  it('cuts leading and trailing silence but keeps a margin', () => {
    const bounds = findTrimBounds([signal(300, 500, 400)], RATE, { keepMs: 10 });
    expect(bounds.startFrame).toBe(290);
    expect(bounds.endFrame).toBe(810);
  });

  it('treats noise below -50 dBFS as silence and above it as sound', () => {
    const quietNoise = Math.pow(10, -60 / 20);
    expect(findTrimBounds([signal(200, 100, 200, 0.5, quietNoise)], RATE, { keepMs: 0 }).startFrame).toBe(200);
    const loudNoise = Math.pow(10, -40 / 20);
    expect(findTrimBounds([signal(200, 100, 200, 0.5, loudNoise)], RATE, { keepMs: 0 })).toEqual({
      startFrame: 0,
      endFrame: 500,
    });
  });

  it('never extends past the buffer', () => {
    expect(findTrimBounds([signal(2, 50, 3)], RATE, { keepMs: 20 })).toEqual({ startFrame: 0, endFrame: 55 });
  });

  it('considers every channel', () => {
    const left = signal(500, 0, 0);
    const right = signal(100, 200, 200);
    expect(findTrimBounds([left, right], RATE, { keepMs: 0 })).toEqual({ startFrame: 100, endFrame: 300 });
  });

  it('trims an all-silent unit to nothing', () => {
    expect(findTrimBounds([new Float32Array(100)], RATE)).toEqual({ startFrame: 0, endFrame: 0 });
  });
});

describe('findSoundBounds', () => {
  /** A tone with a soft onset and release: single clicks above -50 dBFS whose 2 ms RMS stays below it. */
  function softEdged(): Float32Array {
    const out = signal(100, 500, 100);
    out.fill(0, 100, 140);
    out.fill(0, 560, 600);
    for (let i = 100; i < 140; i += 10) out[i] = 0.004;
    for (let i = 599; i >= 560; i -= 10) out[i] = 0.004;
    return out;
  }

  it('finds the sound by 2 ms RMS windows, leaving the soft edges that sample trimming keeps outside it', () => {
    const data = softEdged();
    const trim = findTrimBounds([data], RATE, { keepMs: 0 });
    expect(trim).toEqual({ startFrame: 100, endFrame: 600 });
    const sound = findSoundBounds([data], RATE, trim.startFrame, trim.endFrame)!;
    expect(sound.startFrame).toBe(140);
    expect(sound.endFrame).toBe(560);
  });

  it('is window-accurate when the sound does not start on the window grid', () => {
    const data = softEdged();
    const sound = findSoundBounds([data], RATE, 101, 600)!;
    // Windows [139,141) and [559,561) straddle the edges: each holds one loud frame, which is enough.
    expect(sound.startFrame).toBe(139);
    expect(sound.endFrame).toBe(561);
  });

  it('returns null when no window is loud', () => {
    const quiet = new Float32Array(200);
    for (let i = 0; i < 200; i += 10) quiet[i] = 0.004;
    expect(findSoundBounds([quiet], RATE, 0, 200)).toBeNull();
  });
});
