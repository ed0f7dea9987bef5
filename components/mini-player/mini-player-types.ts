import type { ReadingMessage } from '../../utils/reading/reading-message';
import type { ReadingStatus } from '../../utils/reading/reading-state';

/** What the mini player shows and what it asks for; the lead maps ReadingState onto this. */

export type MiniPlayerAction =
  | 'toggle'
  | 'prev-sentence'
  | 'next-sentence'
  | 'prev-paragraph'
  | 'next-paragraph'
  | 'slower'
  | 'faster'
  | 'stop'
  /** The error's own action (Try again, Sign in…), see ReadingMessage.action. */
  | 'error-action'
  /** Close the error. */
  | 'dismiss';

export interface MiniPlayerState {
  status: ReadingStatus;
  /** 0-based sentence being read (a sentence sent in several units counts once: PageView.index). */
  index: number;
  total: number;
  rate: number;
  remainingMs: number;
  /** Playback volume 0–1 (the volume setting); absent: 1. */
  volume?: number;
  /** A notice (shown in place of the progress) or an error (shown instead of the controls, until dismissed). */
  message?: ReadingMessage;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}
