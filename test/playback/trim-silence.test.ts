import { describe, expect, it } from 'vitest';
import { findTrimBounds } from '../../utils/playback/trim-silence';

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
    expect(findTrimBounds([signal(200, 100, 200, 0.5, loudNoise)], RATE, { keepMs: 0 })).toEqual({ startFrame: 0, endFrame: 500 });
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
