// The test build's record of every playback event the worker received (utils/instrumentation/playback-log.ts),
// read from storage.session in the worker.
import type { Worker } from 'playwright-core';
import { PLAYBACK_LOG_PREFIX, playbackLogFrom } from '../../utils/instrumentation/playback-log';

export interface PlaybackEventRecord {
  sessionId: string;
  index: number;
  kind: 'started' | 'ended' | 'error';
  at: number;
  contextTime?: number;
  message?: string;
  /** A streamed unit's wait for late samples (PlaybackEvent.waitedMs). */
  waitedMs?: number;
}

type SessionStorageGlobal = typeof globalThis & {
  chrome: {
    storage: {
      session: { get(k: null): Promise<Record<string, unknown>>; remove(k: string[]): Promise<void> };
    };
  };
};

/** Every playback event the worker received, in arrival order; with a session id, that reading's only. */
export async function playbackLog(sw: Worker, sessionId?: string | null): Promise<PlaybackEventRecord[]> {
  const stored = await sw.evaluate(() => (globalThis as SessionStorageGlobal).chrome.storage.session.get(null));
  return filterSession(playbackLogFrom(stored) as PlaybackEventRecord[], sessionId);
}

/** A reading's events (all when no id is given). */
export const filterSession = (all: PlaybackEventRecord[], sessionId?: string | null) =>
  sessionId ? all.filter((e) => sameSession(e.sessionId, sessionId)) : all;

/** A player session is the reading's id, or `<id>#<epoch>` after a seek restarted playback. */
export const sameSession = (playerSession: string, sessionId: string) =>
  playerSession === sessionId || playerSession.startsWith(`${sessionId}#`);

export async function clearPlaybackLog(sw: Worker): Promise<void> {
  await sw.evaluate(async (prefix) => {
    const session = (globalThis as SessionStorageGlobal).chrome.storage.session;
    await session.remove(Object.keys(await session.get(null)).filter((k) => k.startsWith(prefix)));
  }, PLAYBACK_LOG_PREFIX);
}
