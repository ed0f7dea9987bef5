// The audio cache as Options shows it: how much is kept on this device, and a way to empty it.
import { createAudioCache, type AudioCacheStats } from '../cache/audio-cache';
import { getSettings } from '../settings/settings-store';

async function cache() {
  return createAudioCache({ capBytes: (await getSettings()).cacheCapMB * 1024 * 1024 });
}

export async function cacheUsage(): Promise<AudioCacheStats> {
  return (await cache()).stats();
}

export async function clearAudioCache(): Promise<void> {
  await (await cache()).clear();
}

/**
 * Applies a new cap from Options at once: evicts the least recently used audio down to it. The service worker's
 * own cache follows settings changes too, but only once a reading has opened it since the worker started.
 */
export async function applyCacheCap(capMB: number): Promise<void> {
  const capBytes = capMB * 1024 * 1024;
  await createAudioCache({ capBytes }).setCap(capBytes);
}
