import { render } from 'preact';
import { i18n } from '../../utils/i18n/i18n';
import { applyUiLanguage } from '../../utils/i18n/ui-language';
import { WelcomePage } from '../../components/welcome/WelcomePage';
import '../options/style.css';
import './style.css';

// lang and dir of the messages shown (Arabic lays the page out right to left).
applyUiLanguage(document.documentElement);
document.title = i18n.t('welcome.title');
render(<WelcomePage />, document.getElementById('app')!);
