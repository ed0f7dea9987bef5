// Wires the consent gate to the browser: the question opens as a small extension window (works whether reading
// started from the popup, the context menu or a keyboard shortcut), answers arrive as messages that only that
// page may send, and closing the window counts as "no answer".
import { browser, type Browser } from 'wxt/browser';
import { isFromExtensionPage } from '../messages/sender-checks';
import { getSettings, updateSettings } from '../settings/settings-store';
import { createConsentGate, type ConsentGate } from './consent-gate';
import { consentMessenger, PROMPT_PATH, type ConsentAnswer } from './consent-protocol';

const ANSWERS: readonly ConsentAnswer[] = ['once', 'always', 'never', 'dismissed'];

export function promptUrl(requestId: string, details: { siteKey: string; chars: number; baseUrl: string }): string {
  const q = new URLSearchParams({
    id: requestId,
    site: details.siteKey,
    chars: String(details.chars),
    server: details.baseUrl,
  });
  return `${browser.runtime.getURL(PROMPT_PATH)}?${q.toString()}`;
}

/** Call once, synchronously, when the service worker starts: it registers the answer listener. */
export function installConsentGate(): ConsentGate {
  const windowRequests = new Map<number, string>();
  const gate = createConsentGate({
    getSettings,
    remember: async (siteKey, decision) => {
      const { siteConsent } = await getSettings();
      await updateSettings({ siteConsent: { ...siteConsent, [siteKey]: decision } });
    },
    openPrompt: async (requestId, details) => {
      const win = await browser.windows.create({
        url: promptUrl(requestId, details),
        type: 'popup',
        width: 480,
        height: 420,
        focused: true,
      });
      const windowId = win?.id;
      if (windowId !== undefined) windowRequests.set(windowId, requestId);
      return async () => {
        if (windowId === undefined) return;
        windowRequests.delete(windowId);
        await browser.windows.remove(windowId).catch(() => undefined);
      };
    },
  });

  browser.windows.onRemoved.addListener((windowId) => {
    const requestId = windowRequests.get(windowId);
    if (requestId === undefined) return;
    windowRequests.delete(windowId);
    gate.answer(requestId, 'dismissed');
  });

  const origin = browser.runtime.getURL('/');
  consentMessenger.onMessage('answerConsent', ({ sender, data }) => {
    if (!isFromExtensionPage(sender as Browser.runtime.MessageSender, browser.runtime.id, origin, [PROMPT_PATH]))
      throw new Error('unexpected sender');
    if (typeof data?.requestId !== 'string' || !ANSWERS.includes(data.answer)) throw new Error('malformed answer');
    gate.answer(data.requestId, data.answer);
  });
  return gate;
}
