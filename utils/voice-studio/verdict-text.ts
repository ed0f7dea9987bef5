// The server's level verdict in words, with what to do about it (the docs' advice, "Response Sentence Status
// Codes", said for a person at a microphone).
import type { SentenceStatusCode } from '../vocalid/recording-api';
import type { TakeSummary } from './take-store';

export function verdictText(code: SentenceStatusCode): { title: string; advice: string } {
  switch (code) {
    case 'OK':
      return { title: 'Good take', advice: 'The level is right. On to the next sentence.' };
    case 'OVERDRIVEN':
      return {
        title: 'Too loud',
        advice:
          'Move the microphone about 5 cm (2 inches) from the corner of your mouth, not straight in front of it, or speak more softly. Then record this sentence again.',
      };
    case 'UNDERDRIVEN':
      return {
        title: 'Too quiet',
        advice:
          'Move closer to the microphone or speak up, and check that your headset is the microphone the browser uses. Then record this sentence again.',
      };
  }
}

/** One line about a take's upload, for the screen and for screen readers. */
export function takeStateText(take: TakeSummary): string {
  switch (take.state) {
    case 'recorded':
      return 'Saved on this computer, not sent yet.';
    case 'queued':
      return take.error ? `Not sent yet: ${take.error} It will be sent again automatically.` : 'Waiting to be sent.';
    case 'uploading':
      return 'Sending…';
    case 'failed':
      return `Not accepted: ${take.error ?? 'the server refused it.'}`;
    case 'done': {
      if (!take.verdict) return 'Sent.';
      const v = verdictText(take.verdict);
      return `${v.title}. ${v.advice}`;
    }
  }
}
