import { type Browser } from 'wxt/browser';
// Offscreen document (reason AUDIO_PLAYBACK): the player's host (utils/playback/audio-host.ts), fed by the service
// worker over the offscreen protocol. Offscreen documents only get chrome.runtime, so the audio comes from the
// shared IndexedDB cache.
import { backgroundMessenger } from '../../utils/messages/background-protocol';
import { isFromBackground } from '../../utils/messages/background-context';
import { offscreenMessenger } from '../../utils/messages/offscreen-protocol';
import type { PlaybackEvent } from '../../utils/messages/offscreen-protocol';
import { createAudioHost } from '../../utils/playback/audio-host';
import { MATH_SPEECH_BUDGET_MS } from '../../utils/playback/math-speech-budget';
import { speakFormulasWithin } from '../../utils/page-text/math-speech';

function guard(sender: Browser.runtime.MessageSender): void {
  if (!isFromBackground(sender)) throw new Error('unexpected sender');
}

const { player, setVolume } = createAudioHost({
  send: (event: PlaybackEvent) => backgroundMessenger.sendMessage('playbackEvent', event),
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
offscreenMessenger.onMessage('offscreen:mathSpeech', ({ sender, data }) => {
  guard(sender);
  return speakFormulasWithin(data.mathml, data.lang, MATH_SPEECH_BUDGET_MS);
});
offscreenMessenger.onMessage('offscreen:setVolume', ({ sender, data }) => {
  guard(sender);
  if (typeof data?.volume !== 'number' || !Number.isFinite(data.volume)) throw new Error('malformed volume');
  setVolume(data.volume);
});
offscreenMessenger.onMessage('offscreen:streamGrew', ({ sender, data }) => {
  guard(sender);
  if (typeof data?.stream !== 'string' || !Number.isInteger(data.chunks)) throw new Error('malformed stream growth');
  player.streamGrew(data);
});
