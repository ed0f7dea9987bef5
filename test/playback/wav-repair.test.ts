// Found by test/e2e/bad-input.test.ts: a WAV claiming more data than it holds was refused whole by Chrome's
// decoder and ended the reading.
import { describe, expect, it } from 'vitest';
import { readWavInfo } from '../../utils/playback/wav-decode';
import { repairWavSizes } from '../../utils/playback/wav-repair';
import { silentWav } from './wav-fixture';

const wav = (dataBytes: number, claimedData: number, claimedRiff = 36 + claimedData) =>
  silentWav({ dataBytes, claimedData, claimedRiff });

describe('repairWavSizes', () => {
  it('writes the real sizes into a header that claims more data than there is', () => {
    const fixed = new DataView(repairWavSizes(wav(4000, 50_000_000)));
    expect(fixed.getUint32(40, true)).toBe(4000);
    expect(fixed.getUint32(4, true)).toBe(36 + 4000);
  });
  it('fills in the sizes a streaming writer left at 0 or 0xFFFFFFFF', () => {
    expect(new DataView(repairWavSizes(wav(100, 0, 0))).getUint32(40, true)).toBe(100);
    expect(new DataView(repairWavSizes(wav(100, 0xffffffff, 0xffffffff))).getUint32(4, true)).toBe(136);
  });
  it('returns a truthful WAV and anything that is not a WAV unchanged', () => {
    const good = wav(100, 100);
    expect(repairWavSizes(good)).toBe(good);
    const text = new TextEncoder().encode('not audio').buffer as ArrayBuffer;
    expect(repairWavSizes(text)).toBe(text);
  });
  it('keeps the audio readable', () => {
    expect(readWavInfo(repairWavSizes(wav(4410, 9_999_999))).durationMs).toBeCloseTo(100, 0);
  });
});
