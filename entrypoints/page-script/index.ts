// The page script: injected into a tab only when the user asks to read it (scripting.executeScript, see
// utils/reading/page-extraction.ts). Extracts the text from the live page, then follows the reading there
// (highlight, on-page player, read from here); the wiring is in ./start-page-script.ts.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startPageScript } from './start-page-script';

const INSTALLED = Symbol.for('vocalid.pageScript');

export default defineUnlistedScript(() => {
  const scope = globalThis as typeof globalThis & { [INSTALLED]?: true };
  // Each read injects the script again; the first injection's listeners are still there and keep serving.
  if (scope[INSTALLED]) return;
  scope[INSTALLED] = true;
  startPageScript({ testHooks: __BUILD_KIND__ === 'test' });
});
