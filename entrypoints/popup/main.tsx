import { render } from 'preact';
import { i18n } from '../../utils/i18n/i18n';
import { applyUiLanguage } from '../../utils/i18n/ui-language';
import { ReaderPopup } from '../../components/ReaderPopup';
import './style.css';

// Opened as a tab (tests), the popup is itself the active tab, so `?tab=<id>` names the page to read.
const tabParam = new URLSearchParams(location.search).get('tab');
const tabId = tabParam !== null && /^\d+$/.test(tabParam) ? Number(tabParam) : undefined;

// lang and dir of the messages shown (Arabic lays the page out right to left).
applyUiLanguage(document.documentElement);
// Shown when the popup is opened as a tab; the HTML title is the manifest's __MSG_ placeholder.
document.title = i18n.t('manifest.name');
render(<ReaderPopup tabId={tabId} />, document.getElementById('app')!);
