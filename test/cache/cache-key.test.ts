import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../utils/cache/cache-key';

const base = {
  baseUrl: 'https://vocalid.co',
  voiceToken: 'v1',
  pitch: 1,
  rate: 1,
  sampleRate: 22050,
  text: 'Hello there.',
};

describe('cacheKey', () => {
  it('is a SHA-256 hex string, stable for the same input', async () => {
    const a = await cacheKey(base);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await cacheKey({ ...base })).toBe(a);
  });

  it('ignores differences that normalisation removes', async () => {
    const a = await cacheKey(base);
    expect(await cacheKey({ ...base, text: '  Hello\n  there. ' })).toBe(a);
    expect(await cacheKey({ ...base, baseUrl: 'https://vocalid.co/' })).toBe(a);
    expect(await cacheKey({ ...base, text: 'Cafe\u0301' })).toBe(await cacheKey({ ...base, text: 'Café' }));
  });

  it('differs when anything that changes the audio differs', async () => {
    const keys = await Promise.all([
      cacheKey(base),
      cacheKey({ ...base, voiceToken: 'v2' }),
      cacheKey({ ...base, pitch: 1.1 }),
      cacheKey({ ...base, rate: 0.9 }),
      cacheKey({ ...base, sampleRate: 48000 }),
      cacheKey({ ...base, text: 'Hello there!' }),
      cacheKey({ ...base, baseUrl: 'http://127.0.0.1:8787' }),
    ]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('rejects non-numeric parameters', async () => {
    await expect(cacheKey({ ...base, pitch: Number.NaN })).rejects.toThrow(/pitch/);
  });
});
