// The service worker's side of the privacy prompt. Reading can start from a keyboard shortcut with no popup
// open, so the question is asked in a small window of its own; the reading waits for the answer.
// "Always" and "never" are stored per site; "once" lets this reading through and asks again next time;
// closing the window or not answering within the time limit sends nothing.
import type { Settings } from '../settings/settings-schema';
import type { ConsentAnswer } from './consent-protocol';
import { consentFor, deniedMessage } from './consent-rules';

export interface ConsentRequest {
  url: string;
  /** Characters of page text that the reading would send. */
  chars: number;
  baseUrl: string;
}

export type GateResult = { ok: true } | { ok: false; code: 'privacy_denied' | 'privacy_unanswered'; message: string };

export interface ConsentGateDeps {
  getSettings(): Promise<Pick<Settings, 'siteConsent' | 'denyList'>>;
  /** Stores a standing answer for the site. */
  remember(siteKey: string, decision: 'always' | 'never'): Promise<void>;
  /** Shows the question; returns a function that closes it. */
  openPrompt(requestId: string, details: ConsentRequest & { siteKey: string }): Promise<() => Promise<void>>;
  timeoutMs?: number;
}

export const PROMPT_TIMEOUT_MS = 120_000;

export function createConsentGate(deps: ConsentGateDeps) {
  const pending = new Map<string, (answer: ConsentAnswer) => void>();

  async function check(request: ConsentRequest): Promise<GateResult> {
    const verdict = consentFor(await deps.getSettings(), request.url);
    if (verdict.kind === 'allowed') return { ok: true };
    if (verdict.kind === 'denied') return { ok: false, code: 'privacy_denied', message: deniedMessage(verdict) };

    const requestId = crypto.randomUUID();
    const answered = new Promise<ConsentAnswer>((resolve) => {
      pending.set(requestId, resolve);
      setTimeout(() => resolve('dismissed'), deps.timeoutMs ?? PROMPT_TIMEOUT_MS);
    });
    let close: (() => Promise<void>) | undefined;
    try {
      close = await deps.openPrompt(requestId, { ...request, siteKey: verdict.siteKey });
      const answer = await answered;
      if (answer === 'always' || answer === 'never') await deps.remember(verdict.siteKey, answer);
      if (answer === 'once' || answer === 'always') return { ok: true };
      if (answer === 'never')
        return {
          ok: false,
          code: 'privacy_denied',
          message: 'You chose never to send text from this site. Nothing was sent.',
        };
      return {
        ok: false,
        code: 'privacy_unanswered',
        message:
          'Reading did not start: the question about sending this page’s text was not answered. Nothing was sent.',
      };
    } finally {
      pending.delete(requestId);
      await close?.().catch(() => undefined);
    }
  }

  /** The prompt page's answer; false when no question with that id is waiting (old window, forged id). */
  function answer(requestId: string, value: ConsentAnswer): boolean {
    const resolve = pending.get(requestId);
    if (!resolve) return false;
    resolve(value);
    return true;
  }

  return { check, answer, pendingCount: () => pending.size };
}

export type ConsentGate = ReturnType<typeof createConsentGate>;
