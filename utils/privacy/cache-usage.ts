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

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
