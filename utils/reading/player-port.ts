// Where the player runs, per browser (a build-time choice: WXT builds one bundle per browser, so each carries only
// its own). Chrome: an offscreen document, since a service worker cannot play audio. Firefox: the background page
// itself, since Firefox has no offscreen documents and its background page can (docs/architecture.md "Firefox").
import type { MathSpeechRequest, PlaybackEvent } from '../messages/offscreen-protocol';
import { createBackgroundPlayerPort } from './background-player-port';
import { createOffscreenPlayerPort } from './offscreen-player-port';
import type { PlayerPort } from './synthesis-scheduler';

/** The player and the other work its host does because it has a DOM: the speech of formulas. */
export interface PlayerHostPort extends PlayerPort {
  /** Speech for each formula, in order; null where there is none. Creates the host if needed. */
  mathSpeech(request: MathSpeechRequest): Promise<(string | null)[]>;
  /** The volume (0–1) for the sound playing now and after; never creates the host (utils/reading/volume-port.ts). */
  setVolume(volume: number): Promise<void>;
}

/** Whether the player lives in the background's own context (and so cannot be closed under a reading). */
export const PLAYER_IN_BACKGROUND = import.meta.env.FIREFOX;

/**
 * The player for this browser. `onEvent` receives the playback events of an in-background player; an offscreen
 * document sends its own to the background's `playbackEvent` handler instead.
 */
export function createPlayerPort(onEvent: (event: PlaybackEvent) => Promise<unknown>): PlayerHostPort {
  return PLAYER_IN_BACKGROUND ? createBackgroundPlayerPort(onEvent) : createOffscreenPlayerPort();
}
