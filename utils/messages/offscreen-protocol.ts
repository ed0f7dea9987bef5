// Messages received by the offscreen player (docs/architecture.md "offscreen-protocol.ts").
//
// The wire names carry an `offscreen:` prefix: runtime.sendMessage reaches every extension page, so a popup's
// `pause` (meant for the service worker) would also reach the offscreen document, whose answer could win the
// race. Distinct names keep each message with exactly one receiver.
import { defineExtensionMessaging } from '@webext-core/messaging';

export interface PlayerUnit {
  index: number;
  cacheKey: string;
  pauseAfterMs: number;
  /**
   * Time the pause after this unit from the end of its sound to the start of the next one's (the product's pacing), rather
   * than from buffer edge to buffer edge (the benchmark's naive baseline). `started`/`ended` then report the sound's bounds.
   */
  soundAligned?: boolean;
  /**
   * The unit's audio is still arriving: its samples are in the stream store under this key (utils/cache/
   * audio-stream-store.ts), more are announced by `offscreen:streamGrew`, and the whole WAV is in the cache under
   * `cacheKey` once it is complete.
   */
  stream?: string;
  /**
   * The stream is complete with this many chunks and stays in the stream store: the cache refused its whole WAV (a
   * full disk), so `offscreen:streamGrew` has nothing more to say about it, and may have said it before this unit came.
   */
  streamChunks?: number;
}

/** A stream (PlayerUnit.stream) has `chunks` chunks in the store; `done`: no more will come (the whole is cached). */
export interface StreamGrowth {
  stream: string;
  chunks: number;
  done?: boolean;
}

export interface EnqueueRequest {
  sessionId: string;
  units: PlayerUnit[];
}

export interface PlayerStatus {
  sessionId?: string;
  playingIndex?: number;
  queued: number[];
  paused: boolean;
}

export interface PlaybackEvent {
  sessionId: string;
  index: number;
  kind: 'started' | 'ended' | 'error';
  /** Date.now() when it happened. */
  at: number;
  /** AudioContext.currentTime (seconds) when it happened, or the scheduled time for `started`/`ended`. */
  contextTime: number;
  durationMs?: number;
  message?: string;
  /** `ended` of a streamed unit: how long its audio waited for samples that came late (streamed-placement.ts). */
  waitedMs?: number;
}

/** The formulas of a page, for their speech (computed where the speech engine can run, see math-speech.ts). */
export interface MathSpeechRequest {
  /** Each formula's MathML (absent: the formula has only a label, which the page reads itself). */
  mathml: (string | undefined)[];
  /** The page's language. */
  lang: string;
}

export interface OffscreenProtocol {
  'offscreen:enqueue'(request: EnqueueRequest): void;
  'offscreen:pause'(): void;
  'offscreen:resume'(): void;
  'offscreen:stop'(request: { sessionId: string }): void;
  'offscreen:status'(): PlayerStatus;
  /** Speech for each formula, in order; null where there is none (the page falls back to its label). */
  'offscreen:mathSpeech'(request: MathSpeechRequest): (string | null)[];
  /** The volume setting (0–1), applied to the sound playing now and after. */
  'offscreen:setVolume'(request: { volume: number }): void;
  /** A stream the player may be reading grew (StreamGrowth): cache keys, never audio bytes. */
  'offscreen:streamGrew'(update: StreamGrowth): void;
}

export const offscreenMessenger = defineExtensionMessaging<OffscreenProtocol>({ logger: undefined });

/** The offscreen document's path; only messages from the service worker are accepted there. */
export const OFFSCREEN_PATH = '/offscreen.html';
