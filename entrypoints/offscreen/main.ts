import { browser, type Browser } from 'wxt/browser';
// Offscreen document (reason AUDIO_PLAYBACK): the one AudioContext, fed by the service worker over the offscreen
// protocol. Offscreen documents only get chrome.runtime, so the audio comes from the shared IndexedDB cache.
import { createAudioCache } from '../../utils/cache/audio-cache';
import { backgroundMessenger } from '../../utils/messages/background-protocol';
import { BACKGROUND_PATH, offscreenMessenger } from '../../utils/messages/offscreen-protocol';
import { GaplessPlayer } from '../../utils/playback/gapless-player';

/** Reads only: eviction happens when the service worker writes, with the user's cap. */
const READ_ONLY_CAP_BYTES = Number.MAX_SAFE_INTEGER;

function fromServiceWorker(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab === undefined && sender.url === browser.runtime.getURL(BACKGROUND_PATH as "/background.js");
}

function guard(sender: Browser.runtime.MessageSender): void {
  if (!fromServiceWorker(sender)) throw new Error('unexpected sender');
}

const cache = createAudioCache({ capBytes: READ_ONLY_CAP_BYTES });
const player = new GaplessPlayer({
  context: new AudioContext({ latencyHint: 'playback' }),
  loadBytes: async (key) => (await cache.get(key))?.bytes,
  emit: (event) => {
    backgroundMessenger.sendMessage('playbackEvent', event).catch((err: unknown) => {
      console.warn('playback event not delivered', err);
    });
  },
});

offscreenMessenger.onMessage('offscreen:enqueue', ({ sender, data }) => {
  guard(sender);
  player.enqueue(data.sessionId, data.units);
});
offscreenMessenger.onMessage('offscreen:pause', async ({ sender }) => {
  guard(sender);
  await player.pause();
});
offscreenMessenger.onMessage('offscreen:resume', async ({ sender }) => {
  guard(sender);
  await player.resume();
});
offscreenMessenger.onMessage('offscreen:stop', ({ sender, data }) => {
  guard(sender);
  player.stop(data.sessionId);
});
offscreenMessenger.onMessage('offscreen:status', ({ sender }) => {
  guard(sender);
  return player.status();
});
