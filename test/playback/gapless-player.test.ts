import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlaybackEvent } from '../../utils/messages/offscreen-protocol';
import { GaplessPlayer } from '../../utils/playback/gapless-player';
import { IDLE_SUSPEND_MS } from '../../utils/playback/gapless-player';
import type { StreamSource } from '../../utils/playback/stream-feed';
import { SCHEDULE_LEAD_S } from '../../utils/playback/timeline';

const RATE = 1000;

/** Sparse clicks: single samples above the -50 dBFS trim threshold, every 2 ms window's RMS below it. */
const SOFT_EDGE_MS = 40;
const CLICK = 0.004;

/**
 * Decoded "audio": 100 ms of silence, `toneMs` of sound, 200 ms of silence; the byte length encodes toneMs. With
 * `softEdges`, the tone has a 40 ms soft onset and release (clicks every 10 ms) that trimming keeps.
 */
function fakeBuffer(toneMs: number, softEdges = false) {
  const data = new Float32Array(100 + toneMs + 200);
  data.fill(0.5, 100, 100 + toneMs);
  if (softEdges) {
    data.fill(0, 100, 100 + SOFT_EDGE_MS);
    data.fill(0, 100 + toneMs - SOFT_EDGE_MS, 100 + toneMs);
    for (let i = 0; i < SOFT_EDGE_MS; i += 10) {
      data[100 + i] = CLICK;
      data[100 + toneMs - 1 - i] = CLICK;
    }
  }
  return {
    sampleRate: RATE,
    numberOfChannels: 1,
    length: data.length,
    duration: data.length / RATE,
    getChannelData: () => data,
  } as unknown as AudioBuffer;
}

class FakeContext {
  currentTime = 0;
  state: AudioContextState = 'running';
  softEdges = false;
  destination = {} as AudioDestinationNode;
  sources: { when: number; offset: number; duration: number; onended: (() => void) | null; stopped: boolean }[] = [];
  decodes = 0;
  async decodeAudioData(bytes: ArrayBuffer) {
    this.decodes++;
    // Chromium refuses a WAV without samples the same way.
    if (bytes.byteLength === 0) throw new DOMException('Unable to decode audio data', 'EncodingError');
    return fakeBuffer(bytes.byteLength, this.softEdges);
  }
  createBuffer(numberOfChannels: number, length: number, sampleRate: number) {
    const data = Array.from({ length: numberOfChannels }, () => new Float32Array(length));
    return {
      sampleRate,
      numberOfChannels,
      length,
      duration: length / sampleRate,
      getChannelData: (c: number) => data[c]!,
      copyToChannel: (source: Float32Array, c: number) => data[c]!.set(source),
    } as unknown as AudioBuffer;
  }
  createBufferSource() {
    const record = { when: 0, offset: 0, duration: 0, onended: null as (() => void) | null, stopped: false };
    this.sources.push(record);
    return {
      buffer: null,
      connect() {},
      disconnect() {},
      start(when: number, offset: number, duration: number) {
        Object.assign(record, { when, offset, duration });
      },
      stop() {
        record.stopped = true;
      },
      set onended(fn: (() => void) | null) {
        record.onended = fn;
      },
    } as unknown as AudioBufferSourceNode;
  }
  async suspend() {
    this.state = 'suspended';
  }
  async resume() {
    this.state = 'running';
  }
  /** Moves the clock and fires onended for sources whose audio is over. */
  advanceTo(t: number) {
    this.currentTime = t;
    for (const s of this.sources) {
      if (!s.stopped && s.onended && s.when + s.duration <= t + 1e-9) {
        const fn = s.onended;
        s.onended = null;
        fn();
      }
    }
  }
}

/** `before(key)` is awaited before a unit's audio is read (a slow cache read). */
function setup(before?: (key: string) => Promise<void>, streams?: StreamSource) {
  vi.useFakeTimers();
  const context = new FakeContext();
  const events: PlaybackEvent[] = [];
  const dropped: string[] = [];
  // The cache key is the tone length in ms, so each unit's audio is predictable.
  const player = new GaplessPlayer({
    context: context as unknown as AudioContext,
    loadAudio: async (key) => {
      await before?.(key);
      return key === 'missing' ? undefined : new ArrayBuffer(Number(key));
    },
    dropAudio: (key) => dropped.push(key),
    emit: (e) => events.push(e),
    now: () => 1_000_000,
    pollMs: 10,
    ...(streams ? { streams } : {}),
  });
  return { context, events, player, dropped };
}

async function flush() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await vi.advanceTimersByTimeAsync(20);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('GaplessPlayer', () => {
  it('schedules trimmed units back to back, separated only by each pause', async () => {
    const { context, player } = setup();
    player.enqueue('s', [
      { index: 0, cacheKey: '500', pauseAfterMs: 250 },
      { index: 1, cacheKey: '300', pauseAfterMs: 600 },
      { index: 2, cacheKey: '400', pauseAfterMs: 0 },
    ]);
    await flush();
    const keep = 0.015; // default margin kept around the sound
    const [a, b, c] = context.sources;
    expect(a!.when).toBeCloseTo(SCHEDULE_LEAD_S, 9);
    expect(a!.offset).toBeCloseTo(0.1 - keep, 9);
    expect(a!.duration).toBeCloseTo(0.5 + 2 * keep, 9);
    expect(b!.when).toBeCloseTo(a!.when + a!.duration + 0.25, 9);
    expect(c!.when).toBeCloseTo(b!.when + b!.duration + 0.6, 9);
  });

  it('reports started and ended in order with their timeline positions', async () => {
    const { context, events, player } = setup();
    player.enqueue('s', [
      { index: 0, cacheKey: '200', pauseAfterMs: 100 },
      { index: 1, cacheKey: '200', pauseAfterMs: 0 },
    ]);
    await flush();
    const [a, b] = context.sources;
    context.advanceTo(a!.when);
    await flush();
    context.advanceTo(a!.when + a!.duration);
    await flush();
    context.advanceTo(b!.when + b!.duration);
    await flush();
    expect(events.map((e) => `${e.kind}${e.index}`)).toEqual(['started0', 'ended0', 'started1', 'ended1']);
    expect(events[2]!.contextTime - events[1]!.contextTime).toBeCloseTo(0.1, 9);
    expect(player.status().queued).toEqual([]);
  });

  it('ignores a unit enqueued twice for the same reading', async () => {
    const { context, player } = setup();
    player.enqueue('s', [{ index: 0, cacheKey: '200', pauseAfterMs: 0 }]);
    player.enqueue('s', [
      { index: 0, cacheKey: '200', pauseAfterMs: 0 },
      { index: 1, cacheKey: '100', pauseAfterMs: 0 },
    ]);
    await flush();
    expect(context.sources).toHaveLength(2);
  });

  it('a new reading after a paused one is audible again', async () => {
    const { context, player } = setup();
    player.enqueue('old', [{ index: 0, cacheKey: '200', pauseAfterMs: 0 }]);
    await flush();
    await player.pause();
    player.stop('old');
    expect(context.sources[0]!.stopped).toBe(true);
    player.enqueue('new', [{ index: 0, cacheKey: '200', pauseAfterMs: 0 }]);
    await flush();
    expect(context.state).toBe('running');
    expect(player.status()).toMatchObject({ sessionId: 'new', paused: false });
  });

  it('reports an error for audio missing from the cache and carries on with the next unit', async () => {
    const { context, events, player } = setup();
    player.enqueue('s', [
      { index: 0, cacheKey: 'missing', pauseAfterMs: 0 },
      { index: 1, cacheKey: '100', pauseAfterMs: 0 },
    ]);
    await flush();
    expect(events[0]).toMatchObject({ index: 0, kind: 'error' });
    expect(context.sources).toHaveLength(1);
  });

  it('plays a finished stream that is not cached from the stream store, told it is finished by the unit itself', async () => {
    // The cache refused the whole (a full disk) and the stream ended before the unit came: no announcement will
    // ever say it is done, and without one the player waited for more of it for good.
    const tone = (frames: number) => {
      const bytes = new Uint8Array(frames * 2);
      const view = new DataView(bytes.buffer);
      for (let i = 0; i < frames; i++) view.setInt16(i * 2, 16_000, true);
      return bytes;
    };
    const chunks = [tone(300), tone(300)];
    const { context, events, player } = setup(undefined, {
      format: async () => ({ sampleRate: RATE, channels: 1, bitsPerSample: 16 }),
      chunk: async (_stream, seq) => chunks[seq],
      whole: async () => undefined,
    });
    player.enqueue('s', [
      { index: 0, cacheKey: 'refused', stream: 'st', streamChunks: 2, pauseAfterMs: 0 },
      { index: 1, cacheKey: '100', pauseAfterMs: 0 },
    ]);
    for (let i = 0; i < 5; i++) await flush();
    expect(events.filter((e) => e.kind === 'error')).toEqual([]);
    // All 600 ms of the stream are on the timeline, and the next unit right after them.
    const [first, ...rest] = context.sources;
    const next = rest.at(-1)!;
    expect(next.duration).toBeCloseTo(0.1 + 2 * 0.015, 9);
    expect(next.when - first!.when).toBeCloseTo(0.6, 3);
  });

  it('drops a cached unit it cannot decode, so that a later reading asks for it again, and carries on', async () => {
    const { context, events, player, dropped } = setup();
    player.enqueue('s', [
      { index: 0, cacheKey: '0', pauseAfterMs: 0 },
      { index: 1, cacheKey: 'missing', pauseAfterMs: 0 },
      { index: 2, cacheKey: '100', pauseAfterMs: 0 },
    ]);
    await flush();
    expect(events.filter((e) => e.kind === 'error').map((e) => e.index)).toEqual([0, 1]);
    expect(dropped).toEqual(['0']);
    expect(context.sources).toHaveLength(1);
  });

  it('plays a new session enqueued while the stopped one was still decoding (a seek during a slow decode)', async () => {
    // The old session's next unit takes long to load (IndexedDB and decoding on a busy machine).
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const { context, events, player } = setup(async (key) => {
      if (key === '250') await slow;
    });
    player.enqueue('r#1', [{ index: 4, cacheKey: '200', pauseAfterMs: 0 }]);
    await flush();
    player.enqueue('r#1', [{ index: 5, cacheKey: '250', pauseAfterMs: 0 }]);
    await flush();
    // The seek: the worker stops the old playback and hands the player the units from the target, in a new session.
    player.stop('r#1');
    player.enqueue('r#2', [
      { index: 6, cacheKey: '300', pauseAfterMs: 0 },
      { index: 7, cacheKey: '400', pauseAfterMs: 0 },
    ]);
    await flush();
    release();
    await flush();
    const placed = context.sources.filter((s) => !s.stopped);
    expect(placed).toHaveLength(2);
    context.advanceTo(placed[0]!.when);
    await flush();
    expect(events.filter((e) => e.sessionId === 'r#2').map((e) => `${e.kind}${e.index}`)).toEqual(['started6']);
    expect(player.status()).toMatchObject({ sessionId: 'r#2', playingIndex: 6, queued: [7] });
  });

  it('loads only the first unit until it is on the timeline: the first sound does not share the CPU with later units', async () => {
    // A reading from the cache hands the player many units at once; decoding them all together (Opus, on a busy
    // machine) delayed the first sound of a cached replay by hundreds of ms.
    const loads: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const { context, player } = setup(async (key) => {
      loads.push(key);
      if (key === '500') await slow;
    });
    player.enqueue('s', [{ index: 0, cacheKey: '500', pauseAfterMs: 0 }]);
    player.enqueue('s', [{ index: 1, cacheKey: '300', pauseAfterMs: 0 }]);
    player.enqueue('s', [
      { index: 2, cacheKey: '400', pauseAfterMs: 0 },
      { index: 3, cacheKey: '200', pauseAfterMs: 0 },
    ]);
    await flush();
    expect(loads).toEqual(['500']);
    release();
    await flush();
    // Once the first is placed, the next ones are read ahead as before, and all play in order.
    expect(loads).toEqual(['500', '300', '400', '200']);
    expect(context.sources.map((s) => Math.round(s.duration * 1000))).toEqual([530, 330, 430, 230]);
  });

  it('plays samples the cache already decoded without decoding them again', async () => {
    vi.useFakeTimers();
    const context = new FakeContext();
    // 100 ms of silence, 600 ms of sound, 200 ms of silence at the context's rate, as a compressed entry decodes.
    const samples = new Float32Array(900);
    samples.fill(0.5, 100, 700);
    const player = new GaplessPlayer({
      context: context as unknown as AudioContext,
      loadAudio: async () => ({ sampleRate: RATE, channels: [samples] }),
      emit: () => undefined,
      now: () => 1_000_000,
      pollMs: 10,
    });
    player.enqueue('s', [{ index: 0, cacheKey: 'opus', pauseAfterMs: 0 }]);
    await flush();
    expect(context.decodes).toBe(0);
    // Trimmed like any decoded unit: the sound and the kept margin around it.
    expect(context.sources[0]!.offset).toBeCloseTo(0.1 - 0.015, 9);
    expect(context.sources[0]!.duration).toBeCloseTo(0.6 + 2 * 0.015, 9);
  });

  describe('sound-aligned units (smart mode)', () => {
    // Tone 500 ms with 40 ms soft edges: trimming keeps the clicks, so the sound proper is the middle 420 ms.
    const units = [
      { index: 0, cacheKey: '500', pauseAfterMs: 125, soundAligned: true },
      { index: 1, cacheKey: '500', pauseAfterMs: 0, soundAligned: true },
    ];

    it('times the pause from the end of one sound to the start of the next; quiet edges overlap into it', async () => {
      const { context, events, player } = setup();
      context.softEdges = true;
      player.enqueue('s', units);
      await flush();
      const [a, b] = context.sources;
      const keep = 0.015;
      // The whole trimmed segment still plays (soft edges are not cut off)...
      expect(a!.offset).toBeCloseTo(0.1 - keep, 9);
      expect(a!.duration).toBeCloseTo(0.5 + 2 * keep, 9);
      // ...but the next unit's lead-in (margin + soft onset) starts inside the pause, under the previous tail.
      // (2 ms RMS windows: the edges found are within a window of the exact ones.)
      const soft = SOFT_EDGE_MS / 1000;
      const aSoundEnd = a!.when + keep + 0.5 - soft;
      expect(b!.when).toBeLessThan(a!.when + a!.duration + 0.125);
      expect(b!.when + keep + soft).toBeCloseTo(aSoundEnd + 0.125, 2);

      context.advanceTo(b!.when + b!.duration);
      await flush();
      const ended0 = events.find((e) => e.kind === 'ended' && e.index === 0)!;
      const started1 = events.find((e) => e.kind === 'started' && e.index === 1)!;
      // started/ended describe the sound: exactly the pause apart, and inside the buffers.
      expect(started1.contextTime - ended0.contextTime).toBeCloseTo(0.125, 9);
      expect(started1.contextTime).toBeGreaterThan(b!.when);
      expect(ended0.contextTime).toBeLessThan(a!.when + a!.duration);
    });

    it('leaves units without the flag timed buffer edge to buffer edge (the naive baseline)', async () => {
      const { context, player } = setup();
      context.softEdges = true;
      player.enqueue(
        's',
        units.map(({ soundAligned: _, ...u }) => u),
      );
      await flush();
      const [a, b] = context.sources;
      expect(b!.when).toBeCloseTo(a!.when + a!.duration + 0.125, 9);
    });
  });

  describe('idle audio thread', () => {
    it('suspends the context once nothing has been queued for a while, and resumes it for the next reading', async () => {
      const { context, player } = setup();
      player.enqueue('s', [{ index: 0, cacheKey: '300', pauseAfterMs: 0 }]);
      await flush();
      const [a] = context.sources;
      context.advanceTo(a!.when + a!.duration);
      await vi.advanceTimersByTimeAsync(IDLE_SUSPEND_MS - 1000);
      expect(context.state).toBe('running');
      await vi.advanceTimersByTimeAsync(2000);
      expect(context.state).toBe('suspended');

      player.enqueue('t', [{ index: 0, cacheKey: '200', pauseAfterMs: 0 }]);
      await flush();
      expect(context.state).toBe('running');
      expect(context.sources).toHaveLength(2);
    });

    it('does not suspend while a reading is still queued, nor resume a paused one', async () => {
      const { context, player } = setup();
      player.enqueue('s', [
        { index: 0, cacheKey: '300', pauseAfterMs: 0 },
        { index: 1, cacheKey: '300', pauseAfterMs: 0 },
      ]);
      await flush();
      const [a] = context.sources;
      context.advanceTo(a!.when + a!.duration);
      await vi.advanceTimersByTimeAsync(IDLE_SUSPEND_MS * 2);
      // Unit 1 is still on the timeline (the fake clock does not move by itself): the thread must keep running.
      expect(context.state).toBe('running');
      await player.pause();
      player.stop('s');
      await vi.advanceTimersByTimeAsync(IDLE_SUSPEND_MS * 2);
      expect(context.state).toBe('suspended');
    });

    it('suspends after a stop', async () => {
      const { context, player } = setup();
      player.enqueue('s', [{ index: 0, cacheKey: '300', pauseAfterMs: 0 }]);
      await flush();
      player.stop('s');
      await vi.advanceTimersByTimeAsync(IDLE_SUSPEND_MS + 1000);
      expect(context.state).toBe('suspended');
    });
  });

  it('starts the first unit two render callbacks ahead when the context reports its buffer', async () => {
    const { context, player } = setup();
    (context as unknown as { baseLatency: number }).baseLatency = 128 / 44100;
    context.currentTime = 3;
    player.enqueue('s', [{ index: 0, cacheKey: '300', pauseAfterMs: 0 }]);
    await flush();
    const keep = 0.015;
    // The trimmed segment starts `keep` before the sound; the segment itself starts 2 × 2.9 ms after now.
    expect(context.sources[0]!.when).toBeCloseTo(3 + (2 * 128) / 44100, 9);
    expect(context.sources[0]!.offset).toBeCloseTo(0.1 - keep, 9);
  });
});
