/**
 * The words the mini player shows and announces. Announcements go to an aria-live="polite" region
 * (https://www.w3.org/WAI/ARIA/apg/practices/live-regions/): only changes a user would want to hear. Automatic
 * sentence advances are not announced — they would talk over the voice that is reading — only the ones the user
 * asked for with previous/next.
 */
import { formatSpeed } from '../../utils/settings/speed-steps';
import type { MiniPlayerAction, MiniPlayerState } from './mini-player-types';

export const formatRate = formatSpeed;

/** The position as the popup and the player show it and their sliders announce it. */
export function sentencePosition(index: number, total: number): string {
  return `Sentence ${Math.min(index + 1, total)} of ${total}`;
}

export function formatRemaining(ms: number): string {
  if (!(ms > 0)) return '';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'less than a minute left';
  if (minutes < 60) return `about ${minutes} min left`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `about ${h} h ${m} min left` : `about ${h} h left`;
}

export function formatProgress(state: MiniPlayerState): string {
  if (state.total <= 0) return '';
  const position = sentencePosition(state.index, state.total);
  const left = formatRemaining(state.remainingMs);
  return left ? `${position}, ${left}` : position;
}

const STATUS_WORDS: Record<MiniPlayerState['status'], string> = {
  idle: 'Ready',
  extracting: 'Getting the text',
  loading: 'Loading',
  playing: 'Playing',
  paused: 'Paused',
  done: 'Finished reading',
  stopped: 'Stopped',
  error: 'Reading failed',
};

export function statusWord(status: MiniPlayerState['status']): string {
  return STATUS_WORDS[status];
}

const NAVIGATION: ReadonlySet<MiniPlayerAction> = new Set([
  'prev-sentence',
  'next-sentence',
  'prev-paragraph',
  'next-paragraph',
]);

/** The announcement for going from `prev` to `next`, or null when nothing worth saying changed. */
export function describeChange(
  prev: MiniPlayerState | null,
  next: MiniPlayerState,
  lastAction: MiniPlayerAction | null,
): string | null {
  const parts: string[] = [];
  if (!prev || prev.status !== next.status) parts.push(statusWord(next.status));
  if (prev && prev.rate !== next.rate) parts.push(`Speed ${formatRate(next.rate)}`);
  // A notice (the server retried…) is said once when it appears; an error is said by its own alert.
  if (next.message?.kind === 'notice' && next.message.text !== prev?.message?.text) parts.push(next.message.text);
  if (prev && prev.index !== next.index && lastAction && NAVIGATION.has(lastAction)) parts.push(formatProgress(next));
  return parts.length ? parts.join('. ') : null;
}
