/**
 * The words the mini player shows and announces. Announcements go to an aria-live="polite" region
 * (https://www.w3.org/WAI/ARIA/apg/practices/live-regions/): only changes a user would want to hear. Automatic
 * sentence advances are not announced — they would talk over the voice that is reading — only the ones the user
 * asked for with previous/next.
 */
import { formatDuration } from '../../utils/i18n/locale-format';
import { sentencePosition } from '../../utils/reading/sentence-position';
import { i18n } from '../../utils/i18n/i18n';
import { formatSpeed } from '../../utils/settings/speed-steps';
import type { MiniPlayerAction, MiniPlayerState } from './mini-player-types';

export const formatRate = formatSpeed;

export { sentencePosition };

export function formatRemaining(ms: number): string {
  if (!(ms > 0)) return '';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return i18n.t('player.lessThanAMinuteLeft');
  // Whole minutes: a finer estimate would promise more than the reading speed allows. Abbreviated units where the
  // language's read well ("36 min"); Arabic's one-letter abbreviations do not, so its messages ask for words.
  const style = i18n.t('player.durationStyle') === 'long' ? 'long' : 'short';
  return i18n.t('player.timeLeft', { duration: formatDuration(minutes * 60, style) });
}

export function formatProgress(state: MiniPlayerState): string {
  if (state.total <= 0) return '';
  const position = sentencePosition(state.index, state.total);
  const left = formatRemaining(state.remainingMs);
  return left ? i18n.t('player.progress', { position, left }) : position;
}

export function statusWord(status: MiniPlayerState['status']): string {
  return i18n.t(`player.status.${status}`);
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
  if (prev && prev.rate !== next.rate) parts.push(i18n.t('player.speedChanged', { speed: formatRate(next.rate) }));
  // A notice (the server retried…) is said once when it appears; an error is said by its own alert.
  if (next.message?.kind === 'notice' && next.message.text !== prev?.message?.text) parts.push(next.message.text);
  if (prev && prev.index !== next.index && lastAction && NAVIGATION.has(lastAction)) parts.push(formatProgress(next));
  return parts.length ? parts.join('. ') : null;
}
