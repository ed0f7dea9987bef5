// What the popup says about a reading, in words a person understands.
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
  const progress = total > 0 && current >= 0 ? `Sentence ${current + 1} of ${total}` : undefined;
  const withProgress = (headline: string): StatusText => (progress ? { headline, progress } : { headline });
  switch (state.status) {
    case 'idle':
      return { headline: 'Ready to read this page.' };
    case 'extracting':
      return { headline: state.notice ?? 'Finding the text on the page…' };
    case 'loading':
      return withProgress(state.notice ?? 'Preparing the voice…');
    case 'playing':
      // Audio already fetched keeps playing while the next sentence is retried; say why it may stop for a moment.
      return withProgress(state.notice ?? (state.title ? `Reading “${state.title}”` : 'Reading aloud'));
    case 'paused':
      return withProgress('Paused');
    case 'done':
      return {
        headline:
          total > 0 ? `Finished reading (${total} ${total === 1 ? 'sentence' : 'sentences'}).` : 'Finished reading.',
      };
    case 'stopped':
      return { headline: 'Stopped.' };
    case 'error':
      return { headline: readingMessage(state)!.text };
  }
}
