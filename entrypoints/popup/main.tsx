import { render } from 'preact';
import { ReaderPopup } from '../../components/ReaderPopup';
import './style.css';

// Opened as a tab (tests), the popup is itself the active tab, so `?tab=<id>` names the page to read.
const tabParam = new URLSearchParams(location.search).get('tab');
const tabId = tabParam !== null && /^\d+$/.test(tabParam) ? Number(tabParam) : undefined;

render(<ReaderPopup tabId={tabId} />, document.getElementById('app')!);
