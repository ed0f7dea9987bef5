// Field checks for following the reading on the page (added to version 2; missing fields are repaired to their
// defaults by migrateSettings): highlight granularity and colours, the on-page player, paragraph play buttons
// and auto-scroll.
import { i18n } from '../i18n/i18n';
import type { HighlightGranularity } from '../highlight/page-highlighter';
import { DEFAULT_HIGHLIGHT_COLORS } from '../highlight/highlight-colors';
import { safeCssColor } from '../highlight/safe-css-color';
import { SettingsValidationError } from './settings-error';

export const HIGHLIGHT_GRANULARITIES: readonly HighlightGranularity[] = ['sentence', 'word', 'off'];

export interface FollowFields {
  /** What is highlighted on the page: the sentence, the sentence and the estimated word, or nothing. */
  highlightGranularity: HighlightGranularity;
  highlightSentenceColor: string;
  highlightWordColor: string;
  /** The on-page mini player while reading. */
  showMiniPlayer: boolean;
  /** A small play button beside the paragraph under the pointer (once the page has been read). */
  paragraphPlayButtons: boolean;
  /** Scroll to keep the sentence being read in view. */
  autoScroll: boolean;
  /** Playback volume, 0–1, applied by the player's host as it changes (popup, page player, Options). */
  volume: number;
}

export const FOLLOW_DEFAULTS: Readonly<FollowFields> = Object.freeze({
  highlightGranularity: 'word',
  highlightSentenceColor: DEFAULT_HIGHLIGHT_COLORS.sentence,
  highlightWordColor: DEFAULT_HIGHLIGHT_COLORS.word,
  showMiniPlayer: true,
  paragraphPlayButtons: false,
  autoScroll: true,
  volume: 1,
});

export function checkGranularity(value: unknown): HighlightGranularity {
  if (!HIGHLIGHT_GRANULARITIES.includes(value as HighlightGranularity)) {
    throw new SettingsValidationError(
      'highlightGranularity',
      i18n.t('display.choiceInvalid', {
        label: i18n.t('display.highlightName'),
        choices: HIGHLIGHT_GRANULARITIES.join(', '),
        value: String(value),
      }),
    );
  }
  return value as HighlightGranularity;
}

export function colorCheck(field: 'highlightSentenceColor' | 'highlightWordColor', label: string) {
  return (value: unknown): string => {
    // The colour ends up in CSS text on the page: only plain colour syntax is accepted.
    const text = typeof value === 'string' ? value.trim() : '';
    if (!text || safeCssColor(text, '') !== text)
      throw new SettingsValidationError(field, i18n.t('display.colorInvalid', { label }));
    return text;
  };
}

export function booleanCheck(field: keyof FollowFields, label: string) {
  return (value: unknown): boolean => {
    if (typeof value !== 'boolean')
      throw new SettingsValidationError(field, i18n.t('display.toggleInvalid', { label }));
    return value;
  };
}

export function checkVolume(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1)
    throw new SettingsValidationError('volume', `Volume must be between 0 and 100 % (got ${String(value)}).`);
  return value;
}
