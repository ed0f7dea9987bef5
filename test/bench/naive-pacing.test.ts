// The benchmark's baseline pacing, driven through the real scheduler with the scheduler's test doubles.
import { describe, expect, it } from 'vitest';
import { NAIVE_PACING_NAME, naivePacing } from '../../bench/lib/naive-pacing';
import { buildUnits } from '../../utils/reading/reading-session';
import { SynthesisScheduler } from '../../utils/reading/synthesis-scheduler';
import { baseDeps, event, PARAMS, settle, startReading, TEXTS } from '../reading/scheduler-fakes';

describe('naive pacing (benchmark baseline)', () => {
  it('waits a fixed 650 ms ÷ rate between units, whatever the paragraph', () => {
    const extracted = {
      lang: 'en',
      blocks: [
        { index: 0, text: 'One. Two.' },
        { index: 1, text: 'Three.' },
      ],
    };
    const units = buildUnits(extracted, { sentencePauseMs: 200, paragraphPauseMs: 800, rate: 2, pacing: naivePacing });
    expect(units.map((u) => u.pauseAfterMs)).toEqual([325, 325, 0]);
    expect(
      naivePacing.pauseAfterMs({
        endsParagraph: false,
        isLast: false,
        sentencePauseMs: 0,
        paragraphPauseMs: 0,
        rate: 1.3,
      }),
    ).toBe(500);
    expect(naivePacing.name).toBe(NAIVE_PACING_NAME);
  });

  it('does not create the player before its first unit is ready', async () => {
    const naive = baseDeps({ pacing: () => naivePacing });
    await startReading(new SynthesisScheduler(naive.deps));
    expect(naive.player.exists).toBe(false);
    naive.synth.call('Unit zero.').resolve(1000);
    await settle();
    expect(naive.player.exists).toBe(true);
  });
});

describe('SynthesisScheduler (naive baseline)', () => {
  it('fetches one unit, then the next only when the previous starts, without reading the cache', async () => {
    const { deps, synth, cache, player } = baseDeps({ pacing: () => naivePacing });
    const key = await deps.cacheKeyFor('Unit zero.', PARAMS);
    await cache.put(key, new ArrayBuffer(0));
    const scheduler = new SynthesisScheduler(deps);
    await startReading(scheduler, TEXTS.slice(0, 3));
    expect(synth.calls.map((c) => c.text)).toEqual(['Unit zero.']);
    expect(cache.gets).toEqual([]);

    synth.call('Unit zero.').resolve(500);
    await settle();
    expect(player.enqueued.map((u) => u.index)).toEqual([0]);
    // Read Aloud's pauses run from buffer edge to buffer edge.
    expect(player.enqueued[0]!.soundAligned).toBeUndefined();
    expect(synth.calls).toHaveLength(1);

    await scheduler.onPlaybackEvent(event(0, 'started'));
    await settle();
    expect(synth.calls.map((c) => c.text)).toEqual(['Unit zero.', 'Unit one.']);
    synth.call('Unit one.').resolve(500);
    await settle();
    expect(synth.calls).toHaveLength(2);
    await scheduler.onPlaybackEvent(event(0, 'ended'));
    await scheduler.onPlaybackEvent(event(1, 'started'));
    await settle();
    expect(synth.calls.map((c) => c.text)).toEqual(['Unit zero.', 'Unit one.', 'Unit two.']);
  });
});
