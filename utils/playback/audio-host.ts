// The player's host: one AudioContext, the GaplessPlayer on it reading audio from the shared IndexedDB cache, and
// its playback events delivered at least once and in order. Chrome runs it in the offscreen document
// (entrypoints/offscreen/main.ts, events sent to the service worker); Firefox, which has no offscreen documents,
// runs it in its background page (utils/reading/background-player-port.ts, events handed over in the same page).
import { browser } from 'wxt/browser';
import { createAudioCache } from '../cache/audio-cache';
import { createCacheCompactor, type CacheCompactor, type CompressionRecord } from '../cache/cache-compactor';
import { cachedAudioAsWav, cachedAudioForPlayer, compressWavEntry } from '../audio-codec/cache-entry-codec';
import { cachedAudioDurationMs, UnreadableCacheEntryError } from '../audio-codec/compressed-entry';
import { opusEncodingSupported } from '../audio-codec/opus-codec';
import type { PlaybackEvent } from '../messages/offscreen-protocol';
import { OutputTap, TAP_WORKLET_PATH } from '../instrumentation/output-tap';
import { createEventDelivery } from './event-delivery';
import { GaplessPlayer } from './gapless-player';
import { createStreamSource } from './stream-source';

/** Reads only: eviction happens when the background writes, with the user's cap. */
const READ_ONLY_CAP_BYTES = Number.MAX_SAFE_INTEGER;

export interface AudioHostOptions {
  /** Hands one playback event to the reading; rejects when it was not handled (it is sent again). */
  send(event: PlaybackEvent): Promise<unknown>;
}

export interface AudioHost {
  player: GaplessPlayer;
  context: AudioContext;
  /** 0–1, from the volume setting; applies to the sound playing now. */
  setVolume(volume: number): void;
}

/** Test builds: the output recorder and the speed knob, on the host's global (read by the benchmark). */
export interface AudioHostTestHooks {
  tap: OutputTap;
  setSpeed(k: number): void;
  /** The gain the player's sound goes through now (the volume setting as applied). */
  volume(): number;
  /** Waits for the cache compressions queued so far (test/e2e/compressed-cache.test.ts). */
  compactorIdle(): Promise<void>;
  /** A cache entry's bytes as the WAV the player hears, whatever the format stored (test/e2e/voice-studio.test.ts). */
  entryAsWav(bytes: ArrayBuffer): Promise<ArrayBuffer>;
  /** Every compression this host made, and the time each cached unit took to decode (the compression figures). */
  codecLog: {
    compressed: CompressionRecord[];
    /** speechMs from the entry's header; decodedMs the length of the audio handed to the player. */
    /** atMs: when the decode began, on this document's clock (performance.now(): ms since it was created). */
    decoded: { key: string; speechMs: number; decodedMs: number; decodeMs: number; atMs: number }[];
  };
}

export function createAudioHost(options: AudioHostOptions): AudioHost {
  const cache = createAudioCache({ capBytes: READ_ONLY_CAP_BYTES });
  // Opening the databases takes tens of ms on a cold document; start it now (the background creates the player
  // while the first unit is still being synthesised) so the first unit's read does not pay for it.
  void cache.has('warm-up').catch(() => undefined);
  // The smallest render buffer the device allows (latencyHint 0: Chromium clamps to the hardware minimum). Every
  // first sound waits for the output latency, and the timeline is scheduled ahead, so larger buffers buy nothing
  // while playing. Measured in Chromium 156 here: output + base latency 11 ms, against 42 ms with 'interactive' and
  // 95 ms with 'playback'. The player suspends the context when idle (IDLE_SUSPEND_MS), so the small quanta cost
  // nothing between readings.
  const context = new AudioContext({ latencyHint: 0 });
  // Test builds route the player through a recorder that the benchmark reads (utils/instrumentation/output-tap.ts);
  // the speed knob lets it push 100 000 characters through the real pipeline in minutes for the memory figures.
  // Release builds drop all of this.
  let testSpeed = 1;
  const tap =
    __BUILD_KIND__ !== 'release'
      ? new OutputTap(context, browser.runtime.getURL(TAP_WORKLET_PATH as '/output-tap-worklet.js'))
      : undefined;
  // Every source goes through one gain: the volume changes the sound playing now, not only the next sentence.
  const gain = context.createGain();
  gain.connect(tap ? tap.input : context.destination);
  const codecLog: AudioHostTestHooks['codecLog'] = { compressed: [], decoded: [] };
  // Where WebCodecs' AudioEncoder exists (this host's window), played WAV entries are compressed in place.
  const compactor: CacheCompactor = createCacheCompactor({
    cache,
    supported: () => opusEncodingSupported(),
    compress: compressWavEntry,
    durationMs: cachedAudioDurationMs,
    onError: (_key, err) => console.warn('cached audio not compressed', err),
    ...(tap ? { onCompressed: (record: CompressionRecord) => void codecLog.compressed.push(record) } : {}),
  });
  if (tap) {
    const hooks: AudioHostTestHooks = {
      tap,
      setSpeed: (k: number) => (testSpeed = k),
      volume: () => gain.gain.value,
      compactorIdle: () => compactor.idle(),
      entryAsWav: cachedAudioAsWav,
      codecLog,
    };
    (globalThis as typeof globalThis & { __vocalidOffscreenTest?: AudioHostTestHooks }).__vocalidOffscreenTest = hooks;
  }
  // At least once and in order: a worker stopped while handling an event loses it (utils/playback/event-delivery.ts).
  const deliverEvent = createEventDelivery({
    send: (event) => options.send(event as PlaybackEvent),
    onGiveUp: (_event, err) => console.warn('playback event not delivered', err),
  });
  const player = new GaplessPlayer({
    context,
    output: gain,
    ...(tap ? { speed: () => testSpeed } : {}),
    loadAudio: async (key) => {
      // The first unit waits for the recorder so the benchmark hears it from its first sample (test builds only).
      if (tap) await tap.ready;
      const bytes = (await cache.get(key))?.bytes;
      if (!bytes) return undefined;
      compactor.offer(key, bytes);
      const started = performance.now();
      try {
        const audio = await cachedAudioForPlayer(bytes, context.sampleRate);
        if (tap && audio !== bytes) {
          const decodeMs = performance.now() - started;
          const speechMs = cachedAudioDurationMs(bytes);
          const decodedMs =
            audio instanceof ArrayBuffer
              ? cachedAudioDurationMs(audio)
              : ((audio.channels[0]?.length ?? 0) / audio.sampleRate) * 1000;
          codecLog.decoded.push({ key, speechMs, decodedMs, decodeMs, atMs: started });
        }
        return audio;
      } catch (err) {
        // An entry this version cannot read (written by a newer one): drop it so the next reading synthesises again.
        if (err instanceof UnreadableCacheEntryError) await cache.delete(key).catch(() => undefined);
        throw err;
      }
    },
    dropAudio: (key) => void cache.delete(key).catch(() => undefined),
    emit: (event) => void deliverEvent(event),
    streams: createStreamSource(cache, tap?.ready, (key, bytes) => compactor.offer(key, bytes)),
  });
  const setVolume = (volume: number): void => {
    // A short ramp rather than a jump: a step in gain mid-sound is heard as a click.
    const value = Math.min(1, Math.max(0, volume));
    gain.gain.cancelScheduledValues(context.currentTime);
    // A suspended context (idle, IDLE_SUSPEND_MS) runs no ramps: set the value outright.
    if (context.state === 'running') gain.gain.setTargetAtTime(value, context.currentTime, 0.015);
    else gain.gain.value = value;
  };
  return { player, context, setVolume };
}
