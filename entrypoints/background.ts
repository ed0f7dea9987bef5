import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { backgroundMessenger } from '../utils/messages/background-protocol';
import { OFFSCREEN_PATH } from '../utils/messages/offscreen-protocol';
import { isFromExtensionPage } from '../utils/messages/sender-checks';
import { createReadingRuntime, type ReadingRuntime } from '../utils/reading/reading-runtime';
import type { ReadingState } from '../utils/reading/reading-state';
import { getSettings, updateSettings } from '../utils/settings/settings-store';
import { installTestApi } from '../utils/testing/test-api';

const MENU_ID = 'read-aloud';
/** Extension pages allowed to drive reading. */
const UI_PAGES = ['/popup.html', '/options.html'];

type OnClickData = Browser.contextMenus.OnClickData;

export function handleContextMenuClick(runtime: ReadingRuntime, info: Pick<OnClickData, 'menuItemId' | 'selectionText'>, tabId: number | undefined): Promise<ReadingState> | undefined {
  if (info.menuItemId !== MENU_ID) return undefined;
  return runtime.read(tabId, { source: info.selectionText ? 'selection' : 'auto' });
}

export function handleCommand(runtime: ReadingRuntime, name: string, tabId: number | undefined): Promise<ReadingState> | undefined {
  switch (name) {
    case 'read-aloud':
      return runtime.read(tabId, { source: 'auto' });
    case 'pause-resume':
      return runtime.togglePause();
    case 'stop':
      return runtime.stop();
    default:
      return undefined;
  }
}

export default defineBackground(() => {
  const runtime = createReadingRuntime();
  const id = browser.runtime.id;
  const origin = browser.runtime.getURL('/');
  const fromUi = (sender: Browser.runtime.MessageSender) => {
    if (!isFromExtensionPage(sender, id, origin, UI_PAGES)) throw new Error('unexpected sender');
  };

  // Listeners first and synchronously: a worker woken by one of these events must find its listener in place.
  browser.runtime.onInstalled.addListener(() => {
    // removeAll first: onInstalled also fires on update, and creating an existing id is an error.
    void browser.contextMenus.removeAll().then(() =>
      browser.contextMenus.create({ id: MENU_ID, title: 'Read aloud', contexts: ['selection', 'page'] }),
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void handleContextMenuClick(runtime, info, tab?.id);
  });
  browser.commands.onCommand.addListener((name, tab) => {
    void handleCommand(runtime, name, tab?.id);
  });

  backgroundMessenger.onMessage('startReading', ({ sender, data }) => {
    fromUi(sender);
    return runtime.read(data.tabId, { source: data.source, ...(data.fromBlock !== undefined ? { fromBlock: data.fromBlock } : {}) });
  });
  backgroundMessenger.onMessage('pause', ({ sender }) => (fromUi(sender), runtime.pause()));
  backgroundMessenger.onMessage('resume', ({ sender }) => (fromUi(sender), runtime.resume()));
  backgroundMessenger.onMessage('stop', ({ sender }) => (fromUi(sender), runtime.stop()));
  backgroundMessenger.onMessage('togglePause', ({ sender }) => (fromUi(sender), runtime.togglePause()));
  backgroundMessenger.onMessage('getState', ({ sender }) => (fromUi(sender), runtime.state()));
  backgroundMessenger.onMessage('setVoiceParams', ({ sender, data }) => (fromUi(sender), runtime.setVoiceParams(data)));
  backgroundMessenger.onMessage('listVoices', ({ sender, data }) => (fromUi(sender), runtime.listVoices(data?.refresh ?? false)));
  backgroundMessenger.onMessage('playbackEvent', ({ sender, data }) => {
    if (!isFromExtensionPage(sender, id, origin, [OFFSCREEN_PATH])) throw new Error('unexpected sender');
    return runtime.scheduler.onPlaybackEvent(data);
  });

  if (__BUILD_KIND__ !== 'release') {
    installTestApi({
      read: (tabId, options) => runtime.read(tabId, options),
      contextMenuClick: async (info, tabId) => handleContextMenuClick(runtime, { menuItemId: MENU_ID, ...info }, tabId),
      command: async (name, tabId) => handleCommand(runtime, name, tabId),
      stop: runtime.stop,
      pause: runtime.pause,
      resume: runtime.resume,
      state: runtime.state,
      settings: { get: getSettings, set: (patch) => updateSettings(patch) },
      clearCache: async () => {
        await (await runtime.audioCache()).clear();
      },
      cacheStats: async () => (await runtime.audioCache()).stats(),
    });
  }

  // A worker restarted in the middle of a reading carries on from the stored state.
  void runtime.scheduler.resumeAfterRestart();
});
