import { describe, expect, it } from 'vitest';
import {
  contextToWall,
  firstSoundContextTime,
  seamsFromUnits,
  unitTimings,
  type LevelTrack,
} from '../../utils/instrumentation/tap-analysis';

// A tap track as the worklet makes it: one RMS value per 0.5 ms window (24 frames at 48 kHz), starting at a
// context time that is not zero, so any confusion between track index and context time shows.
const SR = 48000;
const FRAMES = 24;
const W = FRAMES / SR;

function track(segments: { s: number; loud: boolean }[], origin: number): LevelTrack {
  const total = segments.reduce((n, seg) => n + Math.round(seg.s / W), 0);
  const levels = new Float32Array(total);
  let i = 0;
  for (const seg of segments) {
    const n = Math.round(seg.s / W);
    levels.fill(seg.loud ? 0.2 : 0.0001, i, i + n);
    i += n;
  }
  return {
    levels,
    windowFrames: FRAMES,
    contextSampleRate: SR,
    originContextTime: origin,
    clock: { contextTime: origin + 1, wallTime: 1_000_000 },
  };
}

describe('tap analysis', () => {
  it('finds the first sound on the context timeline and maps it to wall time', () => {
    const t = track(
      [
        { s: 0.2, loud: false },
        { s: 0.5, loud: true },
      ],
      10,
    );
    const first = firstSoundContextTime(t)!;
    expect(first).toBeCloseTo(10.2, 3);
    // The clock says context 11 was heard at wall 1 000 000: 10.2 was heard 800 ms earlier.
    expect(contextToWall(t, first)).toBeCloseTo(999_200, 0);
  });

  it('measures each seam against the pause planned after the previous unit, and flags a late unit', () => {
    // unit 0: 10.0–10.5, pause 250 ms planned; unit 1 arrives on time at 10.75 and lasts to 11.25; unit 2 was
    // planned 250 ms later (11.5) but only sounded at 11.62 (120 ms late).
    const t = track(
      [
        { s: 0.5, loud: true },
        { s: 0.25, loud: false },
        { s: 0.5, loud: true },
        { s: 0.37, loud: false },
        { s: 0.3, loud: true },
      ],
      10,
    );
    const { seams, missing } = seamsFromUnits(t, [
      { index: 0, startContextTime: 10, endContextTime: 10.5, pauseAfterMs: 250 },
      { index: 1, startContextTime: 10.75, endContextTime: 11.25, pauseAfterMs: 250 },
      { index: 2, startContextTime: 11.62, endContextTime: 11.92, pauseAfterMs: 0 },
    ]);
    expect(missing).toEqual([]);
    expect(seams.map((s) => s.index)).toEqual([1, 2]);
    expect(Math.abs(seams[0]!.excessMs)).toBeLessThanOrEqual(3);
    expect(seams[0]!.underrun).toBe(false);
    expect(seams[1]!.excessMs).toBeGreaterThan(110);
    expect(seams[1]!.excessMs).toBeLessThan(130);
    expect(seams[1]!.underrun).toBe(true);
  });
});

describe('unitTimings', () => {
  it("takes each unit's first started/ended of the given player session from the playback log", () => {
    const units = [
      { index: 0, pauseAfterMs: 250 },
      { index: 1, pauseAfterMs: 0 },
    ];
    const events = [
      { sessionId: 'old', index: 0, kind: 'started' as const, contextTime: 1 },
      { sessionId: 's#1', index: 0, kind: 'started' as const, contextTime: 10 },
      { sessionId: 's#1', index: 0, kind: 'started' as const, contextTime: 99 },
      { sessionId: 's#1', index: 0, kind: 'ended' as const, contextTime: 10.5 },
      { sessionId: 's#1', index: 1, kind: 'started' as const, contextTime: 10.75 },
    ];
    expect(unitTimings(units, events, 's#1')).toEqual([
      { index: 0, pauseAfterMs: 250, startContextTime: 10, endContextTime: 10.5 },
      { index: 1, pauseAfterMs: 0, startContextTime: 10.75 },
    ]);
  });
});
