import { describe, expect, it } from 'vitest';
import { estimateMedianF0 } from '../../../server/src/audio/pitch-estimate';
import { countWords, speakingRate, speechSeconds } from '../../../server/src/audio/speaking-rate';
import { concat, silence, sine, voicedSpeech } from './synthetic-signals';

describe('estimateMedianF0', () => {
  it.each([
    [100, 16_000],
    [100, 48_000],
    [220, 22_050],
    [220, 44_100],
    [150, 8000],
  ])('finds %d Hz in a harmonic-rich voice at %d Hz sampling', (f0Hz, sampleRate) => {
    const median = estimateMedianF0(voicedSpeech({ f0Hz, words: 4, sampleRate }), sampleRate);
    expect(median).not.toBeNull();
    expect(Math.abs((median as number) / f0Hz - 1)).toBeLessThan(0.03);
  });

  it('finds nothing in silence', () => {
    expect(estimateMedianF0(silence(1, 16_000), 16_000)).toBeNull();
  });
});

describe('speaking rate', () => {
  it('counts words, not punctuation', () => {
    expect(countWords("  Hello, world — it's 9 o'clock !  ")).toBe(5);
  });

  it('counts only the seconds that hold sound', () => {
    const signal = concat(
      silence(1, 16_000),
      sine({ hz: 200, peakDbfs: -20, seconds: 1, sampleRate: 16_000 }),
      silence(1, 16_000),
    );
    expect(speechSeconds(signal, 16_000)).toBeCloseTo(1, 1);
  });

  it('is words per second of speech over all recordings', () => {
    const tone = (seconds: number) => sine({ hz: 200, peakDbfs: -20, seconds, sampleRate: 16_000 });
    const rate = speakingRate([
      { samples: concat(silence(0.5, 16_000), tone(1)), sampleRate: 16_000, transcript: 'one two three' },
      { samples: tone(2), sampleRate: 16_000, transcript: 'four five six seven eight nine' },
    ]);
    expect(rate).toBeCloseTo(3, 1);
  });
});
