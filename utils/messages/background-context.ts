// Who "the background" is as a message sender, in each browser. Chrome (MV3) runs background.js as a service
// worker, whose messages carry the script's URL. Firefox (MV2, docs/architecture.md "Firefox") runs it in a page that
// it generates, `_generated_background_page.html`, and messages sent from there carry that page's URL
// (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/manifest.json/background). Receivers that accept
// messages only from the background (the page script, the offscreen player) check against this one definition.
import { browser, type Browser } from 'wxt/browser';
import { isFromBackgroundContext } from './sender-checks';

/** The sender URL path of the background context, per browser (a build-time choice: one bundle per browser). */
export const BACKGROUND_SENDER_PATH = import.meta.env.FIREFOX ? '/_generated_background_page.html' : '/background.js';

/** True when the message comes from our own background (same extension, not from a tab, the background's URL). */
export function isFromBackground(sender: Browser.runtime.MessageSender): boolean {
  return isFromBackgroundContext(sender, browser.runtime.id, browser.runtime.getURL('/'), BACKGROUND_SENDER_PATH);
}
