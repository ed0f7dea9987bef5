import type { ReadingStatus } from '../../utils/reading/reading-state';

/** What the mini player shows and what it asks for; the lead maps ReadingState onto this. */

export type MiniPlayerAction =
  'toggle' | 'prev-sentence' | 'next-sentence' | 'prev-paragraph' | 'next-paragraph' | 'slower' | 'faster' | 'stop';

export interface MiniPlayerState {
  status: ReadingStatus;
  /** 0-based index of the unit (sentence) being read. */
  index: number;
  total: number;
  rate: number;
  remainingMs: number;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}
