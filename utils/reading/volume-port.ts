// The volume setting, applied by the player's host: a host just created (the offscreen document is closed after
// 30 s of silence and made again) gets the stored volume before its first sound, and a change made anywhere
// (popup, page player, Options) reaches the host playing now through the settings watch.
import type { Settings } from '../settings/settings-schema';
import type { PlayerHostPort } from './player-port';

export interface VolumeSource {
  get(): Promise<Settings>;
  watch(cb: (settings: Settings) => void): () => void;
}

export function withVolume(port: PlayerHostPort, settings: VolumeSource): PlayerHostPort {
  let applied: number | undefined;
  // Registered at once (the worker may have been woken by a settings change).
  settings.watch((s) => {
    if (s.volume === applied) return;
    applied = s.volume;
    port.setVolume(s.volume).catch(() => undefined);
  });
  return {
    ...port,
    async ensure() {
      const created = await port.ensure();
      if (created) {
        applied = (await settings.get()).volume;
        await port.setVolume(applied);
      }
      return created;
    },
  };
}
