// Unit tests run in Node with fakeBrowser (wired by WxtVitest) and an in-memory IndexedDB for idb-keyval.
import 'fake-indexeddb/auto';
// chrome.i18n in English, from locales/en.yml as the build turns it into _locales (tests may install another).
import { installLocale } from './harness/locale-messages';
await installLocale('en');
