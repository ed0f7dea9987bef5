// Injected into a tab only when the user asks to read it (scripting.executeScript, see utils/reading/page-extraction.ts).
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractPageText } from '../utils/extract/extract-page-text';
import { pageMessenger } from '../utils/messages/page-protocol';

const INSTALLED = Symbol.for('vocalid.pageScript');

export default defineUnlistedScript(() => {
  const scope = globalThis as typeof globalThis & { [INSTALLED]?: true };
  // Each read injects the script again; the first injection's listener is still there and keeps serving.
  if (scope[INSTALLED]) return;
  scope[INSTALLED] = true;
  pageMessenger.onMessage('page:extract', ({ sender, data }) => {
    // Only our own service worker may ask (it has no tab); other extensions' messages never reach us.
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) throw new Error('unexpected sender');
    return extractPageText(document, data.source);
  });
});
