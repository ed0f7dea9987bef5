import { browser, type Browser } from 'wxt/browser';
// Offscreen document (reason AUDIO_PLAYBACK): the one AudioContext, fed by the service worker over the offscreen
// protocol. Offscreen documents only get chrome.runtime, so the audio comes from the shared IndexedDB cache.
import { createAudioCache } from '../../utils/cache/audio-cache';
import { backgroundMessenger } from '../../utils/messages/background-protocol';
import { BACKGROUND_PATH, offscreenMessenger } from '../../utils/messages/offscreen-protocol';
import { GaplessPlayer } from '../../utils/playback/gapless-player';
import { createEventDelivery } from '../../utils/playback/event-delivery';
import type { PlaybackEvent } from '../../utils/messages/offscreen-protocol';
import { OutputTap, TAP_WORKLET_PATH } from '../../utils/instrumentation/output-tap';
import { speakFormulasWithin } from '../../utils/page-text/math-speech';

/** Reads only: eviction happens when the service worker writes, with the user's cap. */
const READ_ONLY_CAP_BYTES = Number.MAX_SAFE_INTEGER;

function fromServiceWorker(sender: Browser.runtime.MessageSender): boolean {
  return (
    sender.id === browser.runtime.id &&
    sender.tab === undefined &&
    sender.url === browser.runtime.getURL(BACKGROUND_PATH as '/background.js')
  );
}

function guard(sender: Browser.runtime.MessageSender): void {
  if (!fromServiceWorker(sender)) throw new Error('unexpected sender');
}

const cache = createAudioCache({ capBytes: READ_ONLY_CAP_BYTES });
// Opening the databases takes tens of ms on a cold document; start it now (the service worker creates this
// document while the first unit is still being synthesised) so the first unit's read does not pay for it.
void cache.has('warm-up').catch(() => undefined);
// The smallest render buffer the device allows (latencyHint 0: Chromium clamps to the hardware minimum). Every
// first sound waits for the output latency, and the timeline is scheduled ahead, so larger buffers buy nothing
// while playing. Measured in Chromium 156 here: output + base latency 11 ms, against 42 ms with 'interactive' and
// 95 ms with 'playback'. The player suspends the context when idle (IDLE_SUSPEND_MS), so the small quanta cost
// nothing between readings.
const context = new AudioContext({ latencyHint: 0 });
// Test builds route the player through a recorder that the benchmark reads over the DevTools protocol
// (utils/instrumentation/output-tap.ts); the speed knob lets it push 100 000 characters through the real pipeline in
// minutes for the memory figures. Release builds drop all of this.
let testSpeed = 1;
const tap =
  __BUILD_KIND__ !== 'release'
    ? new OutputTap(context, browser.runtime.getURL(TAP_WORKLET_PATH as '/output-tap-worklet.js'))
    : undefined;
if (tap) {
  (globalThis as typeof globalThis & { __vocalidOffscreenTest?: unknown }).__vocalidOffscreenTest = {
    tap,
    setSpeed: (k: number) => (testSpeed = k),
  };
}
// At least once and in order: a worker stopped while handling an event loses it (utils/playback/event-delivery.ts).
const deliverEvent = createEventDelivery({
  send: (event) => backgroundMessenger.sendMessage('playbackEvent', event as PlaybackEvent),
  onGiveUp: (_event, err) => console.warn('playback event not delivered', err),
});
const player = new GaplessPlayer({
  context,
  ...(tap ? { output: tap.input, speed: () => testSpeed } : {}),
  loadBytes: async (key) => {
    // The first unit waits for the recorder so the benchmark hears it from its first sample (test builds only).
    if (tap) await tap.ready;
    return (await cache.get(key))?.bytes;
  },
  emit: (event) => void deliverEvent(event),
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
// How long the start of a reading waits for the speech of a page's formulas; those not done by then are read from
// their labels. The engine's first start alone took 3.4 s on this project's 2 shared cores.
const MATH_SPEECH_BUDGET_MS = 6000;
offscreenMessenger.onMessage('offscreen:mathSpeech', ({ sender, data }) => {
  guard(sender);
  return speakFormulasWithin(data.mathml, data.lang, MATH_SPEECH_BUDGET_MS);
});
