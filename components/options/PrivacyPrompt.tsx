// The question asked before text from a site is sent the first time. Opened by the service worker in a small
// window, so it also appears when reading starts from a keyboard shortcut.
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
      setError(
        `Your answer could not be delivered (${err instanceof Error ? err.message : String(err)}). Close this window and start reading again.`,
      );
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
      <h1>Send this page’s text to VocaliD?</h1>
      <p data-testid="prompt-details">
        To read <strong>{details.site}</strong> aloud, about <strong>{details.chars.toLocaleString()}</strong>{' '}
        characters of its text will be sent to the VocaliD server at <strong>{server}</strong>, which turns them into
        speech. Nothing else from the page is sent.
      </p>
      <div class="actions">
        <button type="button" ref={first} onClick={() => void answer('once')}>
          Allow once
        </button>
        <button type="button" onClick={() => void answer('always')}>
          Always allow for this site
        </button>
        <button type="button" onClick={() => void answer('never')}>
          Never for this site
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
    </main>
  );
}
