import { beforeEach, describe, expect, it } from 'vitest';
import { createAudioCache } from '../../utils/cache/audio-cache';
import { applyCacheCap, cacheUsage, clearAudioCache } from '../../utils/privacy/cache-usage';

const MiB = 1024 * 1024;

describe('cache usage from Options', () => {
  beforeEach(() => clearAudioCache());

  it('a smaller cap applies at once: the least recently used audio goes until the rest fits', async () => {
    let t = 0;
    const writer = createAudioCache({ capBytes: 100 * MiB, now: () => ++t });
    for (const key of ['a', 'b', 'c']) await writer.put(key, new Uint8Array(0.6 * MiB));
    expect((await cacheUsage()).entries).toBe(3);

    await applyCacheCap(1);
    const after = await cacheUsage();
    expect(after.bytes).toBeLessThanOrEqual(MiB);
    expect(after.entries).toBe(1);
    expect(await writer.has('c')).toBe(true);
  });
});
