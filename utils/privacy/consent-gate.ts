// The service worker's side of the privacy prompt. Reading can start from a keyboard shortcut with no popup
// open, so the question is asked in a small window of its own; the reading waits for the answer.
// "Always" and "never" are stored per site; "once" lets this reading through and asks again next time;
// closing the window or not answering within the time limit sends nothing.
import { i18n } from '../i18n/i18n';
import type { Settings } from '../settings/settings-schema';
import type { ConsentAnswer } from './consent-protocol';
import { consentFor, deniedMessage } from './consent-rules';

export interface ConsentRequest {
  url: string;
  /** Characters of page text that the reading would send. */
  chars: number;
  baseUrl: string;
}

export type GateResult =
  | { ok: true }
  | {
      ok: false;
      code: 'privacy_denied' | 'privacy_unanswered' | 'privacy_closed' | 'privacy_cancelled';
      message: string;
      /** What the user can do next: change the site's answer in settings, or ask again. */
      action: 'settings' | 'retry';
    };

export interface CheckOptions {
  /** Called when the question is actually shown (not for a site with a standing answer). */
  onAsk?: () => void;
  /** The reading was stopped or replaced while the question was open: close it, send nothing. */
  signal?: AbortSignal;
}

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
  const pending = new Map<string, (answer: ConsentAnswer | 'timeout' | 'cancelled') => void>();

  async function check(request: ConsentRequest, options: CheckOptions = {}): Promise<GateResult> {
    const verdict = consentFor(await deps.getSettings(), request.url);
    if (verdict.kind === 'allowed') return { ok: true };
    if (verdict.kind === 'denied')
      return { ok: false, code: 'privacy_denied', message: deniedMessage(verdict), action: 'settings' };

    const requestId = crypto.randomUUID();
    // 'timeout' and 'cancelled' are the gate's own outcomes, never a prompt's answer.
    const answered = new Promise<ConsentAnswer | 'timeout' | 'cancelled'>((resolve) => {
      pending.set(requestId, resolve);
      setTimeout(() => resolve('timeout'), deps.timeoutMs ?? PROMPT_TIMEOUT_MS);
      if (options.signal?.aborted) resolve('cancelled');
      options.signal?.addEventListener('abort', () => resolve('cancelled'), { once: true });
    });
    let close: (() => Promise<void>) | undefined;
    try {
      close = await deps.openPrompt(requestId, { ...request, siteKey: verdict.siteKey });
      options.onAsk?.();
      const answer = await answered;
      if (answer === 'always' || answer === 'never') await deps.remember(verdict.siteKey, answer);
      if (answer === 'once' || answer === 'always') return { ok: true };
      if (answer === 'never')
        return {
          ok: false,
          code: 'privacy_denied',
          message: i18n.t('reading.privacy.neverForSite'),
          action: 'settings',
        };
      if (answer === 'cancelled')
        return {
          ok: false,
          code: 'privacy_cancelled',
          message: i18n.t('reading.privacy.stoppedNothingSent'),
          action: 'retry',
        };
      if (answer === 'dismissed')
        return {
          ok: false,
          code: 'privacy_closed',
          message: i18n.t('reading.privacy.questionClosed'),
          action: 'retry',
        };
      return {
        ok: false,
        code: 'privacy_unanswered',
        message: i18n.t('reading.privacy.questionUnanswered'),
        action: 'retry',
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
