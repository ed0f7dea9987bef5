import { render } from 'preact';
import { i18n } from '../../utils/i18n/i18n';
import { applyUiLanguage } from '../../utils/i18n/ui-language';
import { PrivacyPrompt } from '../../components/options/PrivacyPrompt';
import '../options/style.css';

// The question's details come from the URL the service worker opened; they are shown, never trusted for the answer
// (the service worker only accepts an answer for a request id it is waiting on).
const q = new URLSearchParams(location.search);
const chars = Number(q.get('chars'));
// lang and dir of the messages shown (Arabic lays the page out right to left).
applyUiLanguage(document.documentElement);
document.title = i18n.t('privacyPrompt.title');
render(
  <PrivacyPrompt
    details={{
      requestId: q.get('id') ?? '',
      site: q.get('site') ?? i18n.t('privacyPrompt.unknownSite'),
      chars: Number.isFinite(chars) ? chars : 0,
      server: q.get('server') ?? '',
    }}
  />,
  document.getElementById('app')!,
);
