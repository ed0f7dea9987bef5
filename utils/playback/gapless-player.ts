// Gapless playback of synthesised units on ONE AudioContext timeline: each unit is decoded ahead, trimmed of its
// leading/trailing silence, and started with AudioBufferSourceNode.start(when) exactly at the previous unit's
// end plus the unit's deliberate pause. Pause/resume suspend the whole timeline, so nothing drifts. Units marked
// `soundAligned` are placed sound to sound (timeline.ts nextSoundSlot): their quiet edges overlap into the pause.
import type { PcmAudio } from '../audio-codec/opus-codec';
import type { PlaybackEvent, PlayerStatus, PlayerUnit, StreamGrowth } from '../messages/offscreen-protocol';
import { pcm16ToChannels, StreamFeed, StreamGrowthBoard, type StreamSource } from './stream-feed';
import { StreamPlacement } from './streamed-placement';
import { nextSlot, nextSoundSlot, scheduleLeadS, type SoundSpan, type TimelineSlot } from './timeline';
import { findSoundBounds, findTrimBounds } from './trim-silence';

export interface GaplessPlayerDeps {
  context: BaseAudioContext &
    Pick<AudioContext, 'suspend' | 'resume' | 'state' | 'destination'> & { readonly baseLatency?: number };
  /**
   * A unit's audio from the shared IndexedDB cache: WAV bytes, or samples already decoded (a compressed entry at the
   * context's rate, utils/audio-codec/cache-entry-codec.ts).
   */
  loadAudio(cacheKey: string): Promise<ArrayBuffer | PcmAudio | undefined>;
  /**
   * A cached unit that could not be decoded: dropped from the cache, or every later reading of the sentence would
   * fail on it again rather than ask the server for it.
   */
  dropAudio?(cacheKey: string): void;
  emit(event: PlaybackEvent): void;
  now?: () => number;
  /** How often the started/ended watcher looks at the clock, in ms. */
  pollMs?: number;
  /** Where sources connect; the destination unless a test build taps the output (utils/instrumentation/output-tap.ts). */
  output?: AudioNode;
  /**
   * Test builds only: plays units this many times faster (pitch and all), timeline included, so the memory
   * benchmark can run 100 000 characters through the whole pipeline without waiting for them in real time.
   */
  speed?: () => number;
  /** Units still arriving (PlayerUnit.stream): the stream store and the cache (stream-feed.ts). */
  streams?: StreamSource;
}

interface Decoded {
  buffer: AudioBuffer;
  /** The trimmed segment, in seconds of the buffer. */
  offset: number;
  duration: number;
  /** Where the sound lies within the segment. */
  span: SoundSpan;
}

interface Entry {
  unit: PlayerUnit;
  decoded?: Promise<Decoded | Error>;
  slot?: TimelineSlot;
  source?: AudioBufferSourceNode;
  /** A streamed unit's earlier pieces (`source` is its last). */
  pieces?: AudioBufferSourceNode[];
  /** A streamed unit's silence while late samples were awaited, ms. */
  waitedMs?: number;
  started: boolean;
}

function pcmBuffer(context: BaseAudioContext, pcm: PcmAudio): AudioBuffer {
  const buffer = context.createBuffer(pcm.channels.length, pcm.channels[0]?.length ?? 0, pcm.sampleRate);
  pcm.channels.forEach((samples, c) => buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, c));
  return buffer;
}

/** Units decoded ahead of the one playing; decoding everything at once would only cost memory. */
const DECODE_AHEAD = 4;
/**
 * A running AudioContext keeps the audio thread waking every render quantum even with nothing to play; after this
 * long without anything queued it is suspended (the next enqueue resumes it).
 */
export const IDLE_SUSPEND_MS = 30_000;

export class GaplessPlayer {
  private sessionId: string | undefined;
  private entries: Entry[] = [];
  private previousEnd: number | null = null;
  private previousPauseMs = 0;
  private paused = false;
  private scheduling = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;
  private readonly growth = new StreamGrowthBoard();
  private feed: StreamFeed | undefined;

  constructor(private readonly deps: GaplessPlayerDeps) {
    this.now = deps.now ?? Date.now;
  }

  enqueue(sessionId: string, units: PlayerUnit[]): void {
    this.cancelIdleSuspend();
    if (sessionId !== this.sessionId) {
      this.reset();
      this.sessionId = sessionId;
      // A pause belongs to the reading it paused; a new reading starts audible.
      this.paused = false;
    }
    const known = new Set(this.entries.map((e) => e.unit.index));
    for (const unit of units) {
      if (unit.stream !== undefined && unit.streamChunks !== undefined)
        this.growth.note({ stream: unit.stream, chunks: unit.streamChunks, done: true });
      if (known.has(unit.index)) continue; // a re-sent unit (e.g. after a worker restart) must not play twice
      this.entries.push({ unit, started: false });
      known.add(unit.index);
    }
    if (!this.paused && this.deps.context.state === 'suspended') void this.deps.context.resume();
    this.decodeAhead();
    void this.scheduleReady();
  }

  /** The worker announced more of a stream (offscreen:streamGrew). */
  streamGrew(update: StreamGrowth): void {
    this.growth.note(update);
  }

  async pause(): Promise<void> {
    this.paused = true;
    await this.deps.context.suspend();
  }

  async resume(): Promise<void> {
    this.paused = false;
    await this.deps.context.resume();
  }

  stop(sessionId?: string): void {
    if (sessionId !== undefined && sessionId !== this.sessionId) return;
    this.reset();
    this.sessionId = undefined;
    this.suspendWhenIdle();
  }

  private cancelIdleSuspend(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private suspendWhenIdle(): void {
    this.cancelIdleSuspend();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.entries.length === 0 && !this.paused && this.deps.context.state === 'running')
        void this.deps.context.suspend();
    }, IDLE_SUSPEND_MS);
  }

  status(): PlayerStatus {
    const playing = this.entries.find((e) => e.started);
    return {
      ...(this.sessionId !== undefined ? { sessionId: this.sessionId } : {}),
      ...(playing ? { playingIndex: playing.unit.index } : {}),
      queued: this.entries.filter((e) => !e.started).map((e) => e.unit.index),
      paused: this.paused,
    };
  }

  private reset(): void {
    this.feed?.cancel();
    this.feed = undefined;
    for (const entry of this.entries) {
      for (const piece of entry.pieces ?? []) {
        piece.onended = null;
        try {
          piece.stop();
        } catch {
          // As below.
        }
        piece.disconnect();
      }
      if (entry.source) {
        entry.source.onended = null;
        try {
          entry.source.stop();
        } catch {
          // stop() before start() throws InvalidStateError on some engines; the node is discarded anyway.
        }
        entry.source.disconnect();
      }
    }
    this.entries = [];
    this.previousEnd = null;
    this.previousPauseMs = 0;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private decodeAhead(): void {
    // Until something is on the timeline, the unit to be heard first is read alone: a reading from the cache hands
    // over many units at once, and decoding them together (Opus, utils/audio-codec/) delayed its first sound by
    // hundreds of ms on a busy machine. The others are read while it plays.
    const ahead = this.entries.some((e) => e.slot) ? DECODE_AHEAD : 1;
    let pending = 0;
    for (const entry of this.entries) {
      if (entry.slot) continue;
      if (pending++ >= ahead) break;
      // A streamed unit is read as it is placed (placeStreamed), not decoded ahead.
      if (entry.unit.stream !== undefined && this.deps.streams) continue;
      entry.decoded ??= this.decode(entry.unit);
    }
  }

  private async decode(unit: PlayerUnit): Promise<Decoded | Error> {
    try {
      const audio = await this.deps.loadAudio(unit.cacheKey);
      if (!audio) return new Error(`audio for unit ${unit.index} is not in the cache`);
      const buffer =
        audio instanceof ArrayBuffer
          ? // decodeAudioData detaches its argument; the cache's copy stays intact because we pass a copy.
            await this.deps.context.decodeAudioData(audio.slice(0)).catch((err: unknown) => {
              this.deps.dropAudio?.(unit.cacheKey);
              throw err;
            })
          : pcmBuffer(this.deps.context, audio);
      const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
      const { startFrame, endFrame } = findTrimBounds(channels, buffer.sampleRate);
      const rate = buffer.sampleRate;
      // A segment with no loud window (a click, or silence) counts as sound throughout.
      const sound = unit.soundAligned ? findSoundBounds(channels, rate, startFrame, endFrame) : null;
      const span: SoundSpan = sound
        ? { leadInS: (sound.startFrame - startFrame) / rate, soundEndS: (sound.endFrame - startFrame) / rate }
        : { leadInS: 0, soundEndS: (endFrame - startFrame) / rate };
      return { buffer, offset: startFrame / rate, duration: (endFrame - startFrame) / rate, span };
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }

  /**
   * Puts decoded units on the timeline strictly in queue order. One loop at a time: a call made while it runs
   * returns at once and the running loop takes the new units. So when the unit it waited for was dropped meanwhile
   * (a stop, or a seek: stop, then the new session's units), it goes on with the queue as it is now — returning
   * there left the new units unplaced for good, heard as a reading stuck on a queued unit.
   */
  private async scheduleReady(): Promise<void> {
    if (this.scheduling) return;
    this.scheduling = true;
    try {
      for (;;) {
        const entry = this.entries.find((e) => !e.slot || e.slot.end === Infinity);
        if (!entry) break;
        if (entry.unit.stream !== undefined && this.deps.streams && !entry.decoded) {
          const failed = await this.placeStreamed(entry, entry.unit.stream, this.deps.streams);
          if (!this.entries.includes(entry)) continue;
          if (failed) {
            this.drop(entry);
            this.emit(entry.unit.index, 'error', this.deps.context.currentTime, { message: failed.message });
            continue;
          }
          if (entry.decoded) continue; // it was whole in the cache after all: placed as usual below
          this.decodeAhead();
          continue;
        }
        entry.decoded ??= this.decode(entry.unit);
        const decoded = await entry.decoded;
        // reset() replaces the queue, so a unit still in it belongs to the current session.
        if (!this.entries.includes(entry)) continue;
        if (decoded instanceof Error) {
          this.entries = this.entries.filter((e) => e !== entry);
          this.emit(entry.unit.index, 'error', this.deps.context.currentTime, { message: decoded.message });
          continue;
        }
        this.place(entry, decoded);
        this.decodeAhead();
      }
    } finally {
      this.scheduling = false;
    }
  }

  private drop(entry: Entry): void {
    this.entries = this.entries.filter((e) => e !== entry);
    for (const piece of [...(entry.pieces ?? []), ...(entry.source ? [entry.source] : [])]) {
      piece.onended = null;
      try {
        piece.stop();
      } catch {
        // Not started: nothing to stop.
      }
      piece.disconnect();
    }
  }

  /**
   * A unit whose audio is still arriving, placed piece by piece as it comes (streamed-placement.ts). Returns once
   * all of it is on the timeline (or the queue was reset); an Error when its audio cannot be had. When the whole
   * unit is cached by now it is left to the ordinary decode (entry.decoded is set).
   */
  private async placeStreamed(entry: Entry, stream: string, source: StreamSource): Promise<Error | void> {
    const ctx = this.deps.context;
    try {
      // Nothing to wait for when the whole is there (a stream that ended before the unit's turn).
      if (await source.whole(entry.unit.cacheKey)) {
        entry.decoded = this.decode(entry.unit);
        return;
      }
      const feed = new StreamFeed(stream, entry.unit.cacheKey, source, this.growth);
      this.feed = feed;
      let placement: StreamPlacement | undefined;
      const speed = this.deps.speed?.() ?? 1;
      const clock = () => ({
        now: ctx.currentTime,
        leadS: scheduleLeadS(ctx.baseLatency),
        previousEnd: this.previousEnd,
        previousPauseMs: this.previousPauseMs / speed,
      });
      for (;;) {
        const chunk = await feed.next();
        if (!chunk || !this.entries.includes(entry)) return;
        const { format } = chunk;
        placement ??= new StreamPlacement({
          sampleRate: format.sampleRate,
          soundAligned: entry.unit.soundAligned === true,
          speed,
        });
        const piece = placement.push(pcm16ToChannels(chunk.pcm, format.channels), clock());
        if (piece) this.playPiece(entry, placement, piece, format.sampleRate, speed);
        if (placement.start !== null && !entry.slot) {
          entry.slot = { start: placement.start, end: Infinity };
          this.watch();
        }
        if (!chunk.done) continue;
        const { piece: last, slot } = placement.finish(clock());
        if (last) this.playPiece(entry, placement, last, format.sampleRate, speed);
        if (!entry.source) {
          // Silence throughout: one silent frame carries the unit's events, as a whole unit trimmed to nothing.
          const silent = ctx.createBuffer(1, 1, format.sampleRate);
          this.playPiece(entry, undefined, { from: 0, to: 0, when: slot.start }, format.sampleRate, 1, silent);
        }
        entry.slot = slot;
        if (placement.waitedS > 0) entry.waitedMs = placement.waitedS * 1000;
        entry.source!.onended = () => this.onEnded(entry);
        this.previousEnd = slot.end;
        this.previousPauseMs = entry.unit.pauseAfterMs;
        this.watch();
        source.played?.(entry.unit.cacheKey);
        return;
      }
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    } finally {
      if (this.feed && !this.entries.includes(entry)) this.feed = undefined;
    }
  }

  private playPiece(
    entry: Entry,
    placement: StreamPlacement | undefined,
    piece: { from: number; to: number; when: number },
    sampleRate: number,
    speed: number,
    buffer?: AudioBuffer,
  ): void {
    const ctx = this.deps.context;
    let audio = buffer;
    if (!audio) {
      const data = placement!.channelData(piece.from, piece.to);
      audio = ctx.createBuffer(data.length, piece.to - piece.from, sampleRate);
      data.forEach((channel, c) => audio!.copyToChannel(channel, c));
    }
    const node = ctx.createBufferSource();
    node.buffer = audio;
    if (speed !== 1) node.playbackRate.value = speed;
    node.connect(this.deps.output ?? ctx.destination);
    node.start(piece.when);
    if (entry.source) {
      const earlier = entry.source;
      (entry.pieces ??= []).push(earlier);
      // A piece that has played is let go at once: a long unit would otherwise hold every buffer until its end.
      earlier.onended = () => {
        earlier.disconnect();
        entry.pieces = entry.pieces?.filter((p) => p !== earlier);
      };
    }
    entry.source = node;
  }

  private place(entry: Entry, decoded: Decoded): void {
    const ctx = this.deps.context;
    const speed = this.deps.speed?.() ?? 1;
    const timing = {
      now: ctx.currentTime,
      previousEnd: this.previousEnd,
      previousPauseMs: this.previousPauseMs / speed,
      leadS: scheduleLeadS(ctx.baseLatency),
    };
    let slot: TimelineSlot;
    let bufferStart: number;
    let offset = decoded.offset;
    let duration = decoded.duration;
    if (entry.unit.soundAligned) {
      const s = nextSoundSlot({
        ...timing,
        span: { leadInS: decoded.span.leadInS / speed, soundEndS: decoded.span.soundEndS / speed },
      });
      slot = { start: s.start, end: s.end };
      bufferStart = s.bufferStart;
      // skipS is in timeline seconds; the buffer plays `speed` seconds of audio per timeline second.
      offset += s.skipS * speed;
      duration -= s.skipS * speed;
    } else {
      slot = nextSlot({ ...timing, durationS: decoded.duration / speed });
      bufferStart = slot.start;
    }
    const source = ctx.createBufferSource();
    source.buffer = decoded.buffer;
    if (speed !== 1) source.playbackRate.value = speed;
    source.connect(this.deps.output ?? ctx.destination);
    source.onended = () => this.onEnded(entry);
    source.start(bufferStart, offset, duration);
    entry.slot = slot;
    entry.source = source;
    this.previousEnd = slot.end;
    this.previousPauseMs = entry.unit.pauseAfterMs;
    this.watch();
  }

  /** `started` is reported when the clock reaches the slot; polling follows suspend/resume for free. */
  private watch(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      const t = this.deps.context.currentTime;
      for (const entry of this.entries) {
        if (!entry.slot || entry.started || t < entry.slot.start) continue;
        entry.started = true;
        // A unit still arriving has no known length yet (the worker's durationMs stands until it is whole).
        const durationMs = (entry.slot.end - entry.slot.start) * 1000;
        this.emit(entry.unit.index, 'started', entry.slot.start, Number.isFinite(durationMs) ? { durationMs } : {}, t);
      }
      if (this.entries.length === 0 && this.timer !== undefined) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    }, this.deps.pollMs ?? 15);
  }

  private onEnded(entry: Entry): void {
    if (!this.entries.includes(entry) || !entry.slot) return;
    for (const piece of entry.pieces ?? []) piece.disconnect();
    if (!entry.started) {
      entry.started = true;
      this.emit(entry.unit.index, 'started', entry.slot.start, {
        durationMs: (entry.slot.end - entry.slot.start) * 1000,
      });
    }
    this.entries = this.entries.filter((e) => e !== entry);
    entry.source?.disconnect();
    this.emit(entry.unit.index, 'ended', entry.slot.end, {
      durationMs: (entry.slot.end - entry.slot.start) * 1000,
      ...(entry.waitedMs !== undefined ? { waitedMs: entry.waitedMs } : {}),
    });
    this.decodeAhead();
    if (this.entries.length === 0) this.suspendWhenIdle();
  }

  /** `at` is back-dated from the clock reading so both timestamps describe the same instant. */
  private emit(
    index: number,
    kind: PlaybackEvent['kind'],
    contextTime: number,
    extra: Partial<PlaybackEvent>,
    observedAt?: number,
  ): void {
    if (this.sessionId === undefined) return;
    const t = observedAt ?? this.deps.context.currentTime;
    const at = Math.round(this.now() - Math.max(0, t - contextTime) * 1000);
    this.deps.emit({ sessionId: this.sessionId, index, kind, at, contextTime, ...extra });
  }
}
