import { i18n } from '../utils/i18n/i18n';
import { isolate } from '../utils/text/bidi-isolate';
import { useEffect, useState } from 'preact/hooks';
import { backgroundMessenger, type ResumeOffer } from '../utils/messages/background-protocol';
import { isActive, type ReadingState } from '../utils/reading/reading-state';

interface Props {
  tabId: number | undefined;
  state: ReadingState;
  busy: boolean;
  onContinue(): void;
}

/** At most this many characters of the stored first words are shown on the button. */
const MAX_SHOWN = 48;

/**
 * "Continue from '<first words>'" when this page was left half-way last time and nothing is being read.
 * The offer is asked for again whenever a reading ends, since that is when the stored position moves.
 */
export function ResumeOfferButton({ tabId, state, busy, onContinue }: Props) {
  const [offer, setOffer] = useState<ResumeOffer | null>(null);
  const active = isActive(state);
  useEffect(() => {
    if (active) {
      setOffer(null);
      return;
    }
    let current = true;
    backgroundMessenger
      .sendMessage('getResumeOffer', { ...(tabId !== undefined ? { tabId } : {}) })
      .then((o) => current && setOffer(o))
      .catch(() => current && setOffer(null));
    return () => {
      current = false;
    };
  }, [tabId, active]);
  if (!offer) return null;
  const words =
    offer.firstWords.length > MAX_SHOWN ? `${offer.firstWords.slice(0, MAX_SHOWN - 1).trimEnd()}…` : offer.firstWords;
  return (
    <button type="button" class="resume" disabled={busy} onClick={onContinue}>
      {i18n.t('popup.continueFrom', { words: isolate(words) })}
    </button>
  );
}
