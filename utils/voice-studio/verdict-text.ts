// The server's level verdict in words, with what to do about it (the docs' advice, "Response Sentence Status
// Codes", said for a person at a microphone).
import { i18n } from '../i18n/i18n';
import type { SentenceStatusCode } from '../vocalid/recording-api';
import type { TakeSummary } from './take-store';

export function verdictText(code: SentenceStatusCode): { title: string; advice: string } {
  switch (code) {
    case 'OK':
      return { title: i18n.t('studio.verdicts.okTitle'), advice: i18n.t('studio.verdicts.okAdvice') };
    case 'OVERDRIVEN':
      return { title: i18n.t('studio.verdicts.loudTitle'), advice: i18n.t('studio.verdicts.loudAdvice') };
    case 'UNDERDRIVEN':
      return { title: i18n.t('studio.verdicts.quietTitle'), advice: i18n.t('studio.verdicts.quietAdvice') };
  }
}

/** The verdict as one sentence: "Too quiet. Move closer…". */
export function verdictLine(code: SentenceStatusCode): string {
  return i18n.t('studio.verdictLine', verdictText(code));
}

/** One line about a take's upload, for the screen and for screen readers. */
export function takeStateText(take: TakeSummary): string {
  switch (take.state) {
    case 'recorded':
      return i18n.t('studio.takeStates.recorded');
    case 'queued':
      return take.error
        ? i18n.t('studio.takeStates.queuedAfterError', { reason: take.error })
        : i18n.t('studio.takeStates.queued');
    case 'uploading':
      return i18n.t('studio.takeStates.uploading');
    case 'failed':
      return i18n.t('studio.takeStates.failed', { reason: take.error ?? i18n.t('studio.takeStates.refused') });
    case 'done':
      return take.verdict ? verdictLine(take.verdict) : i18n.t('studio.takeStates.sent');
  }
}
