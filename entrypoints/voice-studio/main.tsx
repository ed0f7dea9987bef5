import { render } from 'preact';
import { i18n } from '../../utils/i18n/i18n';
import { applyUiLanguage } from '../../utils/i18n/ui-language';
import { VoiceStudioApp } from '../../components/voice-studio/VoiceStudioApp';
import '../options/style.css';
import './style.css';

// lang and dir of the messages shown (Arabic lays the page out right to left).
applyUiLanguage(document.documentElement);
document.title = i18n.t('studio.pageTitle');
render(<VoiceStudioApp />, document.getElementById('app')!);
