import { describe, expect, it } from 'vitest';
import { LevelMeter, warningText, type LevelWarning } from '../../utils/voice-studio/level-meter';

const RATE = 48_000;

function sine(peakDbfs: number, seconds: number, hz = 140): Float32Array {
  const amplitude = 10 ** (peakDbfs / 20);
  return Float32Array.from(
    { length: Math.round(RATE * seconds) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / RATE),
  );
}

/** Feeds `samples` in capture-sized blocks; the warnings seen after each block, in order of first appearance. */
function feed(meter: LevelMeter, samples: Float32Array): LevelWarning[] {
  const seen: LevelWarning[] = [];
  for (let i = 0; i < samples.length; i += 2048) {
    const w = meter.push(samples.subarray(i, i + 2048)).warning;
    if (seen.at(-1) !== w) seen.push(w);
  }
  return seen;
}

describe('level meter', () => {
  it('a voice at a good level (-20 dBFS peak, -23 dBFS RMS) raises no warning', () => {
    const meter = new LevelMeter(RATE);
    expect(feed(meter, sine(-20, 3))).toEqual([null]);
    const reading = meter.reading();
    expect(reading.rmsDbfs).toBeCloseTo(-23, 0);
    expect(reading.fill).toBeCloseTo((60 - 23) / 60, 1);
  });

  it('-60 dBFS is too quiet, but only once 1.5 s are heard (the first words are not judged by silence)', () => {
    const meter = new LevelMeter(RATE);
    expect(feed(meter, sine(-60, 1.2))).toEqual([null]);
    expect(feed(meter, sine(-60, 0.5))).toEqual([null, 'too-quiet']);
  });

  it('just above the server’s -45 dBFS limit is not too quiet; just below is', () => {
    // A sine's RMS is 3 dB under its peak.
    expect(feed(new LevelMeter(RATE), sine(-40, 2)).at(-1)).toBeNull();
    expect(feed(new LevelMeter(RATE), sine(-50, 2)).at(-1)).toBe('too-quiet');
  });

  it('silence is too quiet (no voice reaches the microphone)', () => {
    expect(feed(new LevelMeter(RATE), new Float32Array(RATE * 2)).at(-1)).toBe('too-quiet');
  });

  it('full-scale samples warn of clipping at once, and the warning holds for the window after', () => {
    const meter = new LevelMeter(RATE);
    const clipped = sine(-20, 0.1).map((x, i) => (i % 100 === 0 ? 1 : x));
    expect(feed(meter, clipped)).toEqual(['clipping']);
    expect(meter.push(sine(-20, 0.5)).warning).toBe('clipping');
    expect(feed(meter, sine(-20, 1.6)).at(-1)).toBeNull();
  });

  it('a loud voice without clipping (-1 dBFS peak, -4 dBFS RMS) is too loud', () => {
    expect(feed(new LevelMeter(RATE), sine(-1, 1)).at(-1)).toBe('too-loud');
  });

  it('each warning has words that say what to do', () => {
    expect(warningText('too-quiet')).toMatch(/closer to the microphone/);
    expect(warningText('clipping')).toMatch(/Move back/);
    expect(warningText(null)).toBe('');
  });
});
