import { browser, type Browser } from 'wxt/browser';
import { i18n } from '../utils/i18n/i18n';
import { defineBackground } from 'wxt/utils/define-background';
import { backgroundMessenger } from '../utils/messages/background-protocol';
import { checkMathSpeechRequest } from '../utils/messages/math-speech-request';
import { OFFSCREEN_PATH, type PlaybackEvent } from '../utils/messages/offscreen-protocol';
import { isFromExtensionPage, isFromTab } from '../utils/messages/sender-checks';
import { checkMoreBlocks } from '../utils/reading/more-blocks-request';
import { PDF_READER_PATH } from '../utils/pdf/reader-url';
import { wasInjected } from '../utils/reading/injected-tabs';
import { clearPositions } from '../utils/reading/reading-positions';
import { createPlayerPort } from '../utils/reading/player-port';
import { withVolume } from '../utils/reading/volume-port';
import { focusPlayer, installTransportMessages } from '../utils/reading/transport-messages';
import { createReadingRuntime, WELCOME_PATH, type ReadingRuntime } from '../utils/reading/reading-runtime';
import { installReadingGuards } from '../utils/reading/reading-guards';
import type { ReadingState } from '../utils/reading/reading-state';
import { getSettings, updateSettings, watchSettings } from '../utils/settings/settings-store';
import { installTestApi } from '../utils/instrumentation/test-api';
import { installTestBridge } from '../utils/instrumentation/test-bridge';
import { recordPlaybackEvent } from '../utils/instrumentation/playback-log';
import { timeExtraction } from '../utils/instrumentation/extract-timing';
import { testPacing, useTestPacing } from '../utils/instrumentation/test-pacing';
import { spokenText } from '../utils/instrumentation/spoken-text';
import { installConsentGate } from '../utils/privacy/browser-consent-gate';
import { restrictStorageToExtension } from '../utils/privacy/storage-access';
import { installVoiceStudio } from '../utils/voice-studio/studio-service';

const MENU_ID = 'read-aloud';
const FROM_HERE_MENU_ID = 'read-from-here';
/** Extension pages allowed to drive reading. */
const UI_PAGES = ['/popup.html', '/options.html', WELCOME_PATH];

type OnClickData = Browser.contextMenus.OnClickData;

export function handleContextMenuClick(
  runtime: ReadingRuntime,
  info: Pick<OnClickData, 'menuItemId' | 'selectionText'>,
  tabId: number | undefined,
): Promise<ReadingState> | undefined {
  // Read from here: the page script finds the element right-clicked (or, on its first injection, the one under
  // the pointer) and reading starts at its paragraph; the article if it is in it, else the page's text.
  if (info.menuItemId === FROM_HERE_MENU_ID) return runtime.read(tabId, { source: 'article', fromHere: true });
  if (info.menuItemId !== MENU_ID) return undefined;
  return runtime.read(tabId, { source: info.selectionText ? 'selection' : 'auto' });
}

export function handleCommand(
  runtime: ReadingRuntime,
  name: string,
  tabId: number | undefined,
): Promise<ReadingState> | undefined {
  switch (name) {
    case 'read-aloud':
      return runtime.read(tabId, { source: 'auto' });
    case 'pause-resume':
      return runtime.togglePause();
    case 'stop':
      return runtime.stop();
    // Without suggested keys (Chrome allows four): users assign them at chrome://extensions/shortcuts.
    case 'next-sentence':
      return runtime.seek({ to: 'next-sentence' });
    case 'previous-sentence':
      return runtime.seek({ to: 'prev-sentence' });
    case 'faster':
      return runtime.stepRate(1).then(() => runtime.state());
    case 'slower':
      return runtime.stepRate(-1).then(() => runtime.state());
    case 'focus-player':
      return focusPlayer(runtime);
    default:
      return undefined;
  }
}

export default defineBackground(() => {
  void restrictStorageToExtension();
  // Registers the privacy prompt's answer listener synchronously, with the other listeners below.
  const consentGate = installConsentGate();
  // Chrome: an offscreen document, whose events come back as `playbackEvent` messages. Firefox: this page's own
  // player, whose events come straight here.
  // The volume setting reaches the host as it changes (utils/reading/volume-port.ts).
  const player = withVolume(
    createPlayerPort((event) => onPlaybackEvent(event)),
    { get: getSettings, watch: watchSettings },
  );
  const runtime = createReadingRuntime({
    checkConsent: consentGate.check,
    player,
    // Test builds let the benchmark swap in its baseline pacing (utils/instrumentation/test-pacing.ts).
    ...(__BUILD_KIND__ !== 'release' ? { pacing: testPacing } : {}),
  });
  const id = browser.runtime.id;
  const origin = browser.runtime.getURL('/');
  const fromUi = (sender: Browser.runtime.MessageSender) => {
    if (!isFromExtensionPage(sender, id, origin, UI_PAGES)) throw new Error('unexpected sender');
  };
  /** Our PDF reader page, open in a tab (top frame). Returns that tab. */
  const fromPdfReader = (sender: Browser.runtime.MessageSender): number => {
    const tabId = sender.tab?.id;
    if (
      tabId === undefined ||
      !isFromExtensionPage(sender, id, origin, [PDF_READER_PATH]) ||
      !isFromTab(sender, id, tabId)
    )
      throw new Error('unexpected sender');
    return tabId;
  };
  /** Our page script, in the top frame of a tab we injected it into, or our PDF reader page. Returns that tab. */
  const fromPageScript = async (sender: Browser.runtime.MessageSender): Promise<number> => {
    if (isFromExtensionPage(sender, id, origin, [PDF_READER_PATH])) return fromPdfReader(sender);
    const tabId = sender.tab?.id;
    if (tabId === undefined || !isFromTab(sender, id, tabId) || !(await wasInjected(tabId)))
      throw new Error('unexpected sender');
    return tabId;
  };
  /** The popup/options, or the on-page player of an injected tab. */
  const fromUiOrPage = async (sender: Browser.runtime.MessageSender): Promise<void> => {
    // Check the extension-page URL first: the popup opened as a tab (popup.html?tab=…) also carries sender.tab.
    if (isFromExtensionPage(sender, id, origin, UI_PAGES)) return;
    await fromPageScript(sender);
  };

  // Listeners first and synchronously: a worker woken by one of these events must find its listener in place.
  browser.runtime.onInstalled.addListener((details) => {
    // A first install opens the welcome page: without it a new user has no account connected and no idea where
    // to start. Test builds start from a configured profile, and their suites open the page themselves.
    if (details.reason === 'install' && __BUILD_KIND__ !== 'test')
      void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) });
    // removeAll first: onInstalled also fires on update, and creating an existing id is an error.
    void browser.contextMenus.removeAll().then(() =>
      Promise.all([
        browser.contextMenus.create({
          id: MENU_ID,
          title: i18n.t('reading.menuReadAloud'),
          contexts: ['selection', 'page'],
        }),
        browser.contextMenus.create({
          id: FROM_HERE_MENU_ID,
          title: i18n.t('reading.menuReadFromHere'),
          contexts: ['page', 'link', 'image'],
        }),
      ]),
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void handleContextMenuClick(runtime, info, tab?.id);
  });
  browser.commands.onCommand.addListener((name, tab) => {
    void handleCommand(runtime, name, tab?.id);
  });
  // Tab closed or navigated → stop; offscreen document closed under a reading → a new one, same sentence.
  installReadingGuards(runtime);

  backgroundMessenger.onMessage('startReading', ({ sender, data }) => {
    fromUi(sender);
    const { tabId, ...options } = data;
    return runtime.read(tabId, options);
  });
  backgroundMessenger.onMessage('pause', ({ sender }) => (fromUi(sender), runtime.pause()));
  backgroundMessenger.onMessage('resume', ({ sender }) => (fromUi(sender), runtime.resume()));
  backgroundMessenger.onMessage('stop', async ({ sender }) => (await fromUiOrPage(sender), runtime.stop()));
  backgroundMessenger.onMessage(
    'togglePause',
    async ({ sender }) => (await fromUiOrPage(sender), runtime.togglePause()),
  );
  backgroundMessenger.onMessage('seek', async ({ sender, data }) => (await fromUiOrPage(sender), runtime.seek(data)));
  backgroundMessenger.onMessage(
    'stepRate',
    async ({ sender, data }) => (await fromUiOrPage(sender), runtime.stepRate(data.direction)),
  );
  backgroundMessenger.onMessage('errorAction', async ({ sender, data }) => {
    await fromUiOrPage(sender);
    if (data?.choice !== 'act' && data?.choice !== 'dismiss') throw new Error('malformed error action');
    return runtime.errorAction(data.choice);
  });
  backgroundMessenger.onMessage('readFromHere', async ({ sender }) => {
    const tabId = await fromPageScript(sender);
    return runtime.read(tabId, { source: 'article', fromHere: true });
  });
  backgroundMessenger.onMessage('readPdf', ({ sender, data }) => {
    const tabId = fromPdfReader(sender);
    return runtime.read(tabId, {
      source: 'page',
      ...(data?.fromBlock !== undefined ? { fromBlock: data.fromBlock } : {}),
    });
  });
  // Blocks extracted after the reading started: a long PDF's later pages, a long page's later blocks.
  backgroundMessenger.onMessage('moreBlocks', async ({ sender, data }) =>
    runtime.extendReading(await fromPageScript(sender), checkMoreBlocks(data)),
  );
  backgroundMessenger.onMessage(
    'getResumeOffer',
    ({ sender, data }) => (fromUi(sender), runtime.resumeOffer(data.tabId)),
  );
  // Math speech needs a DOM and a large engine: the player's host computes it (utils/page-text/math-speech.ts).
  backgroundMessenger.onMessage('mathSpeech', async ({ sender, data }) => {
    await fromPageScript(sender);
    return player.mathSpeech(checkMathSpeechRequest(data));
  });
  backgroundMessenger.onMessage('clearReadingPositions', ({ sender }) => (fromUi(sender), clearPositions()));
  backgroundMessenger.onMessage('getState', ({ sender }) => (fromUi(sender), runtime.state()));
  backgroundMessenger.onMessage('setVoiceParams', ({ sender, data }) => (fromUi(sender), runtime.setVoiceParams(data)));
  backgroundMessenger.onMessage(
    'listVoices',
    ({ sender, data }) => (fromUi(sender), runtime.listVoices(data?.refresh ?? false)),
  );
  function onPlaybackEvent(event: PlaybackEvent): Promise<void> {
    // Test builds keep every event for the reliability suite (utils/instrumentation/playback-log.ts).
    if (__BUILD_KIND__ !== 'release') return recordPlaybackEvent(event).then(() => runtime.onPlaybackEvent(event));
    return runtime.onPlaybackEvent(event);
  }
  backgroundMessenger.onMessage('playbackEvent', ({ sender, data }) => {
    if (!isFromExtensionPage(sender, id, origin, [OFFSCREEN_PATH])) throw new Error('unexpected sender');
    return onPlaybackEvent(data);
  });

  if (__BUILD_KIND__ !== 'release') {
    const testApi: Parameters<typeof installTestApi>[0] = {
      read: (tabId, options) => runtime.read(tabId, options),
      contextMenuClick: async (info, tabId) => handleContextMenuClick(runtime, { menuItemId: MENU_ID, ...info }, tabId),
      command: async (name, tabId) => handleCommand(runtime, name, tabId),
      stop: runtime.stop,
      pause: runtime.pause,
      resume: runtime.resume,
      state: runtime.state,
      settings: { get: getSettings, set: (patch) => updateSettings(patch) },
      clearCache: runtime.clearCache,
      cacheStats: runtime.cacheStats,
      extractTiming: timeExtraction,
      spokenText,
      usePacing: useTestPacing,
    };
    installTestApi(testApi);
    // Firefox's WebDriver BiDi cannot evaluate in this page: tests reach the API over loopback instead.
    if (import.meta.env.FIREFOX) installTestBridge(testApi);
  }

  // The page player's volume and shortcuts (utils/reading/transport-messages.ts).
  installTransportMessages({ fromUiOrPage });

  // Voice studio: its messages, alarms and resumed uploads (utils/voice-studio/studio-service.ts).
  installVoiceStudio({
    refreshVoices: () => runtime.listVoices(true),
    useVoice: (voiceToken) => runtime.setVoiceParams({ voiceToken }),
  });

  // A worker restarted in the middle of a reading carries on from the stored state.
  void runtime.resumeAfterRestart();
});
