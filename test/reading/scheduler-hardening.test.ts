// Scheduler behaviour the reliability e2e suite (test/e2e/reliability.test.ts) showed was needed.
import { describe, expect, it } from 'vitest';
import type { PlaybackEvent } from '../../utils/messages/offscreen-protocol';
import { SynthesisScheduler, type StartRequest } from '../../utils/reading/synthesis-scheduler';
import { baseDeps, makeUnits, PARAMS, settle } from './scheduler-fakes';

const TEXTS = ['Unit zero.', 'Unit one.', 'Unit two.'];

async function startReading(scheduler: SynthesisScheduler) {
  await scheduler.begin({ sessionId: 's1', tabId: 7, status: 'extracting', units: [], params: PARAMS, triggeredAt: 1 });
  const request: StartRequest = { sessionId: 's1', tabId: 7, units: makeUnits(TEXTS), params: PARAMS };
  await scheduler.start(request);
  await settle();
}

const event = (index: number, kind: PlaybackEvent['kind']): PlaybackEvent => ({
  sessionId: 's1',
  index,
  kind,
  at: 1000 + index * 10,
  contextTime: index,
});

describe('SynthesisScheduler: lost playback events', () => {
  it("a unit whose 'ended' was lost counts as played once a later unit starts, and the reading reaches its end", async () => {
    const { deps, synth, store } = baseDeps({ settings: async () => ({ prefetchSeconds: 60 }) });
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler);
    for (let round = 0; round < 3; round++) {
      for (const c of [...synth.calls]) c.resolve(500);
      await settle();
    }
    await scheduler.onPlaybackEvent(event(0, 'started'));
    // Unit 0's 'ended' and unit 1's 'started' never arrive (the worker was stopped while handling them).
    await scheduler.onPlaybackEvent(event(1, 'ended'));
    await scheduler.onPlaybackEvent(event(2, 'started'));
    await scheduler.onPlaybackEvent(event(2, 'ended'));
    expect(store.saved.units.map((u) => u.status)).toEqual(['played', 'played', 'played']);
    expect(store.saved.status).toBe('done');
  });
});
