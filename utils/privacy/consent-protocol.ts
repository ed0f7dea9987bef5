// Messages between the privacy prompt page and the service worker. A protocol of its own (not the reading
// protocol) because only the prompt page may send it, and the background checks exactly that.
import { defineExtensionMessaging } from '@webext-core/messaging';

export type ConsentAnswer = 'once' | 'always' | 'never' | 'dismissed';
export const PROMPT_PATH = '/privacy-prompt.html';

export interface ConsentProtocol {
  answerConsent(answer: { requestId: string; answer: ConsentAnswer }): void;
}

export const consentMessenger = defineExtensionMessaging<ConsentProtocol>({ logger: undefined });
