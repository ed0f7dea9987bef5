// The scheduler's PlayerPort backed by the offscreen document. Chrome closes an AUDIO_PLAYBACK offscreen document
// after ~30 s without sound (https://developer.chrome.com/docs/extensions/reference/api/offscreen#closing), so
// every call first checks runtime.getContexts and creates the document again when it is gone.
import { browser, type Browser } from 'wxt/browser';
import {
  OFFSCREEN_PATH,
  offscreenMessenger,
  type MathSpeechRequest,
  type PlayerStatus,
  type PlayerUnit,
  type StreamGrowth,
} from '../messages/offscreen-protocol';
import type { PlayerHostPort } from './player-port';

// i18n-ignore: the offscreen API's justification is for the browser and store review, never shown to the user.
const JUSTIFICATION = 'Plays the synthesised speech of the page being read aloud, decoded from cached audio blobs.';
/**
 * AUDIO_PLAYBACK alone gets the document closed after 30 s whenever Chromium does not see the tab as audible —
 * verified here in headless Chromium 156 with an oscillator playing the whole time (no audio device), which is also
 * what a machine without an output device looks like. With BLOBS added (true of this document too: it decodes audio
 * blobs read from IndexedDB) the same document stayed open past 40 s in the same test. Closure is still handled:
 * every call below recreates the document and the scheduler re-queues from the current unit.
 */
const REASONS = ['AUDIO_PLAYBACK', 'BLOBS'] as Browser.offscreen.Reason[];

export function createOffscreenPlayerPort(): PlayerHostPort {
  let creating: Promise<void> | null = null;
  const url = () => browser.runtime.getURL(OFFSCREEN_PATH as '/offscreen.html');

  async function exists(): Promise<boolean> {
    const contexts = await browser.runtime.getContexts({
      contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType],
      documentUrls: [url()],
    });
    return contexts.length > 0;
  }

  async function ensure(): Promise<boolean> {
    if (await exists()) return false;
    creating ??= browser.offscreen
      .createDocument({ url: url(), reasons: REASONS, justification: JUSTIFICATION })
      .catch(async (err: unknown) => {
        // Two creations racing: the other one won, which is all we wanted.
        if (!(await exists())) throw err;
      })
      .finally(() => {
        creating = null;
      });
    await creating;
    return true;
  }

  return {
    ensure,
    async enqueue(sessionId: string, units: PlayerUnit[]) {
      await offscreenMessenger.sendMessage('offscreen:enqueue', { sessionId, units });
    },
    async pause() {
      if (await exists()) await offscreenMessenger.sendMessage('offscreen:pause', undefined);
    },
    async resume() {
      if (await exists()) await offscreenMessenger.sendMessage('offscreen:resume', undefined);
    },
    async stop(sessionId: string) {
      if (await exists()) await offscreenMessenger.sendMessage('offscreen:stop', { sessionId });
    },
    async status(): Promise<PlayerStatus | null> {
      if (!(await exists())) return null;
      return offscreenMessenger.sendMessage('offscreen:status', undefined);
    },
    async streamGrew(update: StreamGrowth) {
      if (await exists()) await offscreenMessenger.sendMessage('offscreen:streamGrew', update);
    },
    async setVolume(volume: number) {
      if (await exists()) await offscreenMessenger.sendMessage('offscreen:setVolume', { volume });
    },
    async mathSpeech(request: MathSpeechRequest) {
      await ensure();
      return offscreenMessenger.sendMessage('offscreen:mathSpeech', request);
    },
  };
}
