import { describe, expect, it } from 'vitest';
import { bytesPerSpeechMinute, speechMinutesInCap } from '../../utils/cache/speech-capacity';

describe('speech a cache cap holds', () => {
  it('is about 0.4 minutes per MB as 22 kHz 16-bit WAV (what the cache held before compression)', () => {
    expect((1024 * 1024) / bytesPerSpeechMinute('wav', 22050)).toBeCloseTo(0.396, 2);
    expect(speechMinutesInCap(200, 'wav', 22050)).toBe(79);
  });

  it('meets the ≥ 3 minutes per MB target as Opus, with margin for the variable bitrate', () => {
    const perMB = (1024 * 1024) / bytesPerSpeechMinute('opus', 22050);
    expect(perMB).toBeGreaterThanOrEqual(3);
    expect(perMB).toBeLessThan(6); // 24 kb/s alone would give 5.8: the estimate must not promise more
    expect(speechMinutesInCap(200, 'opus', 22050)).toBe(1000);
  });

  it('rounds down to two significant figures, an estimate and never more than fits', () => {
    expect(speechMinutesInCap(10, 'wav', 48000)).toBe(1.8);
    expect(speechMinutesInCap(10240, 'opus', 22050)).toBe(53000);
  });
});
