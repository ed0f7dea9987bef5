import { describe, expect, it } from 'vitest';
import { measureSeams, percentile } from '../../utils/instrumentation/seam-detector';

const SR = 8000;

/** Builds a signal from segments of tone and silence; returns it with the start time of each tone burst. */
function compose(segments: { toneMs?: number; silenceMs?: number; amp?: number }[]) {
  const parts: Float32Array[] = [];
  const starts: number[] = [];
  let t = 0;
  for (const s of segments) {
    const ms = s.toneMs ?? s.silenceMs ?? 0;
    const n = Math.round((SR * ms) / 1000);
    const buf = new Float32Array(n);
    if (s.toneMs) {
      starts.push(t / SR);
      for (let i = 0; i < n; i++) buf[i] = (s.amp ?? 0.3) * Math.sin((2 * Math.PI * 220 * i) / SR);
    }
    parts.push(buf);
    t += n;
  }
  const out = new Float32Array(t);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return { samples: out, starts };
}

describe('measureSeams', () => {
  it('measures known gaps between bursts within the envelope resolution', () => {
    const { samples, starts } = compose([
      { silenceMs: 50 },
      { toneMs: 300 },
      { silenceMs: 250 },
      { toneMs: 200 },
      { silenceMs: 600 },
      { toneMs: 200 },
      { silenceMs: 100 },
    ]);
    const seams = measureSeams(
      samples,
      [
        { index: 1, scheduledStart: starts[1]!, pauseMs: 250 },
        { index: 2, scheduledStart: starts[2]!, pauseMs: 600 },
      ],
      { sampleRate: SR },
    );
    expect(seams.map((s) => s.index)).toEqual([1, 2]);
    expect(seams[0]!.gapMs).toBeGreaterThanOrEqual(246);
    expect(seams[0]!.gapMs).toBeLessThanOrEqual(254);
    expect(seams[1]!.gapMs).toBeGreaterThanOrEqual(596);
    expect(seams[1]!.gapMs).toBeLessThanOrEqual(604);
    expect(Math.abs(seams[0]!.excessMs)).toBeLessThanOrEqual(4);
    expect(seams.every((s) => !s.underrun)).toBe(true);
  });

  it('ignores silences inside a unit (speech pauses) and reports a late unit as an underrun', () => {
    // unit 0 has an internal 150 ms pause; unit 1 was scheduled 250 ms after unit 0 but arrived 120 ms late.
    const { samples, starts } = compose([
      { toneMs: 200 },
      { silenceMs: 150 },
      { toneMs: 200 },
      { silenceMs: 370 },
      { toneMs: 200 },
    ]);
    const scheduled = starts[2]! - 0.12;
    const [seam] = measureSeams(samples, [{ index: 1, scheduledStart: scheduled, pauseMs: 250 }], { sampleRate: SR });
    expect(seam).toBeDefined();
    expect(seam!.gapMs).toBeGreaterThanOrEqual(366);
    expect(seam!.gapMs).toBeLessThanOrEqual(374);
    expect(seam!.excessMs).toBeGreaterThan(100);
    expect(seam!.underrun).toBe(true);
  });

  it('treats low-level noise below the threshold as silence', () => {
    const { samples, starts } = compose([{ toneMs: 200 }, { silenceMs: 300 }, { toneMs: 200 }]);
    for (let i = 0; i < samples.length; i++) samples[i]! += 0.0005 * Math.sin(i); // about -69 dBFS
    const [seam] = measureSeams(samples, [{ index: 1, scheduledStart: starts[1]!, pauseMs: 300 }], { sampleRate: SR });
    expect(seam!.gapMs).toBeGreaterThanOrEqual(296);
    expect(seam!.gapMs).toBeLessThanOrEqual(304);
  });
});

describe('percentile', () => {
  it('uses nearest rank', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });
});
