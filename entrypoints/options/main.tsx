import { i18n } from '../../utils/i18n/i18n';
import { render } from 'preact';
import { applyUiLanguage } from '../../utils/i18n/ui-language';
import { OptionsApp } from '../../components/options/OptionsApp';
import './style.css';

// lang and dir of the messages shown (Arabic lays the page out right to left).
applyUiLanguage(document.documentElement);
document.title = i18n.t('options.pageTitle');
render(<OptionsApp />, document.getElementById('app')!);
