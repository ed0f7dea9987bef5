// The question asked before text from a site is sent the first time. Opened by the service worker in a small
// window, so it also appears when reading starts from a keyboard shortcut.
import { formatNumber } from '../../utils/i18n/locale-format';
import { isolate } from '../../utils/text/bidi-isolate';
import { keepPlaceholders, messageParts } from '../message-parts';
import { i18n } from '../../utils/i18n/i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import { consentMessenger, type ConsentAnswer } from '../../utils/privacy/consent-protocol';

export interface PromptDetails {
  requestId: string;
  site: string;
  chars: number;
  server: string;
}

export function PrivacyPrompt({ details }: { details: PromptDetails }) {
  const [error, setError] = useState('');
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function answer(value: ConsentAnswer) {
    try {
      await consentMessenger.sendMessage('answerConsent', { requestId: details.requestId, answer: value });
      window.close();
    } catch (err) {
      setError(i18n.t('privacyPrompt.deliveryFailed', { reason: err instanceof Error ? err.message : String(err) }));
    }
  }

  let server = details.server;
  try {
    server = new URL(details.server).origin;
  } catch {
    // Shown as given.
  }

  return (
    <main onKeyDown={(e) => e.key === 'Escape' && void answer('dismissed')}>
      <h1>{i18n.t('privacyPrompt.heading')}</h1>
      <p data-testid="prompt-details">
        {/* One message (word order differs by language) with the site, size and server in bold. */}
        {messageParts(i18n.t('privacyPrompt.details', keepPlaceholders('site', 'chars', 'server')), {
          site: <strong>{isolate(details.site)}</strong>,
          chars: <strong>{formatNumber(details.chars)}</strong>,
          server: <strong>{isolate(server)}</strong>,
        })}
      </p>
      <div class="actions">
        <button type="button" ref={first} onClick={() => void answer('once')}>
          {i18n.t('privacyPrompt.allowOnce')}
        </button>
        <button type="button" onClick={() => void answer('always')}>
          {i18n.t('privacyPrompt.alwaysAllow')}
        </button>
        <button type="button" onClick={() => void answer('never')}>
          {i18n.t('privacyPrompt.never')}
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
    </main>
  );
}
