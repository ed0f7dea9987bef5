// What the popup says about a reading, in words a person understands.
import { isolate } from '../text/bidi-isolate';
import { sentencePosition } from './sentence-position';
import { plural } from '../i18n/plural-message';
import { i18n } from '../i18n/i18n';
import { readingMessage } from './reading-message';
import { currentUnitIndex, type ReadingState } from './reading-state';

export interface StatusText {
  /** One short line: what is happening. */
  headline: string;
  /** "Sentence i of n" while a reading is under way. */
  progress?: string;
}

export function describeReading(state: ReadingState): StatusText {
  const total = state.units.length;
  const current = currentUnitIndex(state);
  const progress = total > 0 && current >= 0 ? sentencePosition(current, total) : undefined;
  const withProgress = (headline: string): StatusText => (progress ? { headline, progress } : { headline });
  switch (state.status) {
    case 'idle':
      return { headline: i18n.t('reading.status.ready') };
    case 'extracting':
      return { headline: state.notice ?? i18n.t('reading.status.finding') };
    case 'loading':
      return withProgress(state.notice ?? i18n.t('reading.status.preparing'));
    case 'playing':
      // Audio already fetched keeps playing while the next sentence is retried; say why it may stop for a moment.
      return withProgress(
        state.notice ??
          (state.title
            ? i18n.t('reading.status.readingTitle', { title: isolate(state.title) })
            : i18n.t('reading.status.readingAloud')),
      );
    case 'paused':
      return withProgress(i18n.t('reading.status.paused'));
    case 'done':
      return {
        headline: total > 0 ? plural('reading.status.finishedCount', total) : i18n.t('reading.status.finished'),
      };
    case 'stopped':
      return { headline: i18n.t('reading.status.stopped') };
    case 'error':
      return { headline: readingMessage(state)!.text };
  }
}
