import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlaybackEvent } from '../../utils/messages/offscreen-protocol';
import { GaplessPlayer } from '../../utils/playback/gapless-player';
import { SCHEDULE_LEAD_S } from '../../utils/playback/timeline';

const RATE = 1000;

/** Decoded "audio": 100 ms of silence, `toneMs` of sound, 200 ms of silence; the byte length encodes toneMs. */
function fakeBuffer(toneMs: number) {
  const data = new Float32Array(100 + toneMs + 200);
  data.fill(0.5, 100, 100 + toneMs);
  return { sampleRate: RATE, numberOfChannels: 1, length: data.length, duration: data.length / RATE, getChannelData: () => data } as unknown as AudioBuffer;
}

class FakeContext {
  currentTime = 0;
  state: AudioContextState = 'running';
  destination = {} as AudioDestinationNode;
  sources: { when: number; offset: number; duration: number; onended: (() => void) | null; stopped: boolean }[] = [];
  async decodeAudioData(bytes: ArrayBuffer) {
    return fakeBuffer(bytes.byteLength);
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

function setup() {
  vi.useFakeTimers();
  const context = new FakeContext();
  const events: PlaybackEvent[] = [];
  // The cache key is the tone length in ms, so each unit's audio is predictable.
  const player = new GaplessPlayer({
    context: context as unknown as AudioContext,
    loadBytes: async (key) => (key === 'missing' ? undefined : new ArrayBuffer(Number(key))),
    emit: (e) => events.push(e),
    now: () => 1_000_000,
    pollMs: 10,
  });
  return { context, events, player };
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
    player.enqueue('s', [{ index: 0, cacheKey: '200', pauseAfterMs: 0 }, { index: 1, cacheKey: '100', pauseAfterMs: 0 }]);
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
    player.enqueue('s', [{ index: 0, cacheKey: 'missing', pauseAfterMs: 0 }, { index: 1, cacheKey: '100', pauseAfterMs: 0 }]);
    await flush();
    expect(events[0]).toMatchObject({ index: 0, kind: 'error' });
    expect(context.sources).toHaveLength(1);
  });
});
