// The scheduler's PlayerPort in Firefox: the player's host (utils/playback/audio-host.ts) runs right here, in the
// background page, which Firefox lets own an AudioContext and keeps alive for the browser's lifetime (MV2,
// docs/architecture.md "Firefox"). The same contract as the offscreen document, called directly instead of by
// message; events go to the reading through the same at-least-once, in-order delivery.
import type {
  MathSpeechRequest,
  PlaybackEvent,
  PlayerStatus,
  PlayerUnit,
  StreamGrowth,
} from '../messages/offscreen-protocol';
import { createAudioHost, type AudioHost } from '../playback/audio-host';
import { MATH_SPEECH_BUDGET_MS } from '../playback/math-speech-budget';
import type { PlayerHostPort } from './player-port';

export function createBackgroundPlayerPort(onEvent: (event: PlaybackEvent) => Promise<unknown>): PlayerHostPort {
  // Created on first use, like the offscreen document: an AudioContext made before any reading would hold the
  // audio thread for nothing.
  let host: AudioHost | undefined;
  const player = () => (host ??= createAudioHost({ send: onEvent })).player;

  return {
    async ensure() {
      const created = host === undefined;
      player();
      return created;
    },
    async enqueue(sessionId: string, units: PlayerUnit[]) {
      player().enqueue(sessionId, units);
    },
    async pause() {
      await host?.player.pause();
    },
    async resume() {
      await host?.player.resume();
    },
    async stop(sessionId: string) {
      host?.player.stop(sessionId);
    },
    async status(): Promise<PlayerStatus | null> {
      return host ? host.player.status() : null;
    },
    async streamGrew(update: StreamGrowth) {
      host?.player.streamGrew(update);
    },
    async setVolume(volume: number) {
      host?.setVolume(volume);
    },
    async mathSpeech(request: MathSpeechRequest) {
      // The engine (~870 KB) is loaded on the first formula only, as in the offscreen document.
      const { speakFormulasWithin } = await import('../page-text/math-speech');
      return speakFormulasWithin(request.mathml, request.lang, MATH_SPEECH_BUDGET_MS);
    },
  };
}
