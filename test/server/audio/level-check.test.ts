import { describe, expect, it } from 'vitest';
import { checkLevel } from '../../../server/src/audio/level-check';
import type { DecodedWav } from '../../../server/src/audio/wav-read';
import { concat, dbfsToAmplitude, silence, sine } from './synthetic-signals';

const RATE = 16_000;

function wavOf(...channels: Float32Array[]): DecodedWav {
  const length = channels[0]?.length ?? 0;
  return { sampleRate: RATE, channels, length, durationSec: length / RATE };
}

describe('checkLevel', () => {
  it('accepts a sine peaking at -20 dBFS', () => {
    const report = checkLevel(wavOf(sine({ hz: 220, peakDbfs: -20, seconds: 1, sampleRate: RATE })));
    expect(report.code).toBe('OK');
    // A sine's RMS is 3 dB below its peak.
    expect(report.speechRmsDbfs).toBeCloseTo(-23, 0);
    expect(report.peakDbfs).toBeCloseTo(-20, 1);
  });

  it('accepts a sine whose RMS is -20 dBFS', () => {
    expect(checkLevel(wavOf(sine({ hz: 220, peakDbfs: -17, seconds: 1, sampleRate: RATE }))).code).toBe('OK');
  });

  it('reports a clipped square wave as OVERDRIVEN', () => {
    const clipped = sine({ hz: 220, peakDbfs: 20, seconds: 1, sampleRate: RATE }).map((v) =>
      Math.max(-1, Math.min(1, v)),
    );
    const report = checkLevel(wavOf(clipped));
    expect(report.code).toBe('OVERDRIVEN');
    expect(report.clippedFraction).toBeGreaterThan(0.5);
  });

  it('reports a -60 dBFS sine as UNDERDRIVEN', () => {
    expect(checkLevel(wavOf(sine({ hz: 220, peakDbfs: -60, seconds: 1, sampleRate: RATE }))).code).toBe('UNDERDRIVEN');
  });

  it('reports digital silence as UNDERDRIVEN', () => {
    const report = checkLevel(wavOf(silence(1, RATE)));
    expect(report.code).toBe('UNDERDRIVEN');
    expect(report.speechRmsDbfs).toBe(-Infinity);
  });

  it('reports a very loud but unclipped signal as OVERDRIVEN (RMS above -8 dBFS)', () => {
    const report = checkLevel(wavOf(sine({ hz: 220, peakDbfs: -1, seconds: 1, sampleRate: RATE })));
    expect(report.clippedFraction).toBe(0);
    expect(report.code).toBe('OVERDRIVEN');
  });

  it('ignores leading and trailing silence when judging the level', () => {
    // -40 dBFS peak is OK on its own; averaged over 5x as much silence it would fall below -45 dBFS.
    const speech = sine({ hz: 220, peakDbfs: -40, seconds: 0.5, sampleRate: RATE });
    const report = checkLevel(wavOf(concat(silence(1.25, RATE), speech, silence(1.25, RATE))));
    expect(report.code).toBe('OK');
    expect(report.speechRmsDbfs).toBeCloseTo(-43, 0);
  });

  it('tolerates a handful of samples at full scale', () => {
    const signal = sine({ hz: 220, peakDbfs: -20, seconds: 1, sampleRate: RATE });
    for (let i = 0; i < 5; i++) signal[i * 1000] = 1;
    expect(checkLevel(wavOf(signal)).code).toBe('OK');
  });

  it('judges stereo by the worst channel for clipping', () => {
    const clean = sine({ hz: 220, peakDbfs: -20, seconds: 1, sampleRate: RATE });
    const clipped = clean.map((v) => (Math.abs(v) > dbfsToAmplitude(-21) ? Math.sign(v) : v));
    expect(checkLevel(wavOf(clean, clipped)).code).toBe('OVERDRIVEN');
  });
});
