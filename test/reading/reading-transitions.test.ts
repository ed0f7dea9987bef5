// The reading's state transitions on literal states: no scheduler, player, storage or clock.
import { describe, expect, it } from 'vitest';
import type { PlaybackEvent } from '../../utils/messages/offscreen-protocol';
import { idleState, type ReadingState, type ReadingUnit, type UnitStatus } from '../../utils/reading/reading-state';
import {
  appendUnits,
  applyPlaybackEvent,
  nextBatch,
  playerSessionOf,
  requeueAll,
  restartAt,
  startReading,
  type Abandon,
} from '../../utils/reading/reading-transitions';

function reading(statuses: UnitStatus[], patch: Partial<ReadingState> = {}): ReadingState {
  const units: ReadingUnit[] = statuses.map((status, index) => ({
    index,
    text: `Unit ${index}.`,
    block: index,
    start: 0,
    end: 7,
    status,
    pauseAfterMs: 0,
  }));
  return { ...idleState(), sessionId: 's', tabId: 1, status: 'playing', units, ...patch };
}

const event = (index: number, kind: PlaybackEvent['kind'], sessionId = 's', at = 100): PlaybackEvent => ({
  sessionId,
  index,
  kind,
  at,
  contextTime: 0,
});
const statuses = (s: ReadingState) => s.units.map((u) => u.status);

describe('applyPlaybackEvent', () => {
  it('a start plays the unit and counts earlier queued units as played (their ended was lost)', () => {
    const s = reading(['queued', 'queued', 'queued'], { status: 'loading' });
    expect(applyPlaybackEvent(s, event(1, 'started', 's', 50))).toEqual({ kind: 'applied' });
    expect(statuses(s)).toEqual(['played', 'playing', 'queued']);
    expect(s.status).toBe('playing');
    expect(s.firstAudioAt).toBe(50);
  });

  it('the last end finishes the reading; a repeated end or a stale session changes nothing', () => {
    const s = reading(['played', 'playing']);
    expect(applyPlaybackEvent(s, event(1, 'ended'))).toEqual({ kind: 'applied' });
    expect(s.status).toBe('done');
    const t = reading(['played', 'playing'], { playEpoch: 2 });
    expect(applyPlaybackEvent(t, event(1, 'ended', 's'))).toEqual({ kind: 'ignored' });
    expect(playerSessionOf(t)).toBe('s#2');
    expect(applyPlaybackEvent(t, event(1, 'ended', 's#2'))).toEqual({ kind: 'applied' });
    expect(applyPlaybackEvent(t, event(1, 'ended', 's#2'))).toEqual({ kind: 'ignored' });
  });

  it('an error names the sentence that could not be played', () => {
    const outcome = applyPlaybackEvent(reading(['playing', 'queued']), {
      ...event(1, 'error'),
      message: 'decode failed',
    });
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: { code: 'playback_failed', message: 'Could not play sentence 2: decode failed' },
    });
  });
});

describe('restartAt', () => {
  const abandon: Abandon = (unit, next) => {
    unit.status = next;
  };

  it('skips earlier units and hands the rest to the player again from the audio it has', () => {
    const s = reading(['playing', 'queued', 'ready', 'fetching']);
    expect(restartAt(s, 2, false, abandon)).toBe(true);
    expect(statuses(s)).toEqual(['played', 'played', 'ready', 'fetching']);
    expect(s.units.map((u) => u.skipped)).toEqual([true, true, undefined, undefined]);
    expect(s.playEpoch).toBe(1);
  });

  it('with new voice parameters every unit from the target is made again', () => {
    const s = reading(['playing', 'ready', 'fetching']);
    s.units[1]!.cacheKey = 'old';
    restartAt(s, 0, true, abandon);
    expect(statuses(s)).toEqual(['pending', 'pending', 'pending']);
    expect(s.units[1]!.cacheKey).toBeUndefined();
  });

  it('a target past the last unit finishes the reading', () => {
    const s = reading(['playing']);
    expect(restartAt(s, 5, false, abandon)).toBe(false);
    expect(s.status).toBe('done');
  });
});

describe('hand-off and start', () => {
  it('the next batch is the run of ready units after what the player holds', () => {
    const s = reading(['played', 'queued', 'ready', 'ready', 'fetching', 'ready']);
    expect(nextBatch(s).map((u) => u.index)).toEqual([2, 3]);
    requeueAll(s);
    expect(nextBatch(s).map((u) => u.index)).toEqual([1, 2, 3]);
  });

  it('units of a reading that is no longer the one extracting are dropped', () => {
    const s = reading([], { status: 'extracting', sessionId: 'new' });
    expect(startReading(s, { sessionId: 'old', tabId: 1, units: reading(['pending']).units, params: s.params })).toBe(
      false,
    );
    expect(s.units).toEqual([]);
    expect(startReading(s, { sessionId: 'new', tabId: 1, units: [], params: s.params })).toBe(true);
    expect(s.status).toBe('done');
  });
});

describe('appendUnits (a long PDF read while its later pages are extracted)', () => {
  const more = (blocks: number[], patch: { tabId?: number; extractionId?: string; last?: boolean } = {}) => ({
    tabId: 1,
    extractionId: 'x',
    joinPauseMs: 600,
    units: blocks.map((block, i) => ({
      index: i,
      text: `Block ${block}.`,
      block,
      start: 0,
      end: 8,
      status: 'pending' as const,
      pauseAfterMs: 0,
    })),
    ...patch,
  });

  it('adds the units of blocks after the last one, numbered on, and gives the old last unit its paragraph pause', () => {
    const s = reading(['played', 'playing'], { extractionId: 'x' });
    // Block 1 is sent again (the page could not know it arrived): only blocks 2 and 3 are new.
    expect(appendUnits(s, more([1, 2, 3]))).toBe('added');
    expect(s.units.map((u) => [u.index, u.block, u.status])).toEqual([
      [0, 0, 'played'],
      [1, 1, 'playing'],
      [2, 2, 'pending'],
      [3, 3, 'pending'],
    ]);
    expect(s.units[1]!.pauseAfterMs).toBe(600);
    expect(appendUnits(s, more([3]))).toBe('added');
    expect(s.units).toHaveLength(4);
  });

  it('waits for the pages still being extracted when the listener reaches the last unit, and ends with the last batch', () => {
    // The last unit so far ends while later pages are still extracted: the reading waits, it is not over.
    const s = reading(['played', 'playing'], { extractionId: 'x', moreToCome: true });
    expect(applyPlaybackEvent(s, event(1, 'ended')).kind).toBe('applied');
    expect(s.status).toBe('loading');
    // Their units arrive and are read; the batch that says extraction is finished ends the wait for more.
    expect(appendUnits(s, more([2]))).toBe('added');
    expect(statuses(s)).toEqual(['played', 'played', 'pending']);
    s.units[2]!.status = 'played';
    expect(appendUnits(s, more([], { last: true }))).toBe('added');
    expect([s.status, s.moreToCome]).toEqual(['done', undefined]);
  });

  it('moves past the last unit so far ("next paragraph") to wait for the next block, not to the end', () => {
    const s = reading(['played', 'playing'], { extractionId: 'x', moreToCome: true });
    expect(restartAt(s, 2, false, (unit, next) => (unit.status = next))).toBe(false);
    expect(s.status).toBe('loading');
    expect(appendUnits(s, more([2]))).toBe('added');
    expect(statuses(s)).toEqual(['played', 'played', 'pending']);
    // Without more to come, the same move ends the reading (as before).
    const whole = reading(['played', 'playing'], { extractionId: 'x' });
    restartAt(whole, 2, false, () => undefined);
    expect(whole.status).toBe('done');
  });

  it('asks for later while the reading is being prepared, and refuses another tab, extraction or an ended reading', () => {
    expect(appendUnits(reading([], { status: 'extracting' }), more([0]))).toBe('later');
    expect(appendUnits(reading(['playing'], { extractionId: 'y' }), more([1]))).toBe('over');
    expect(appendUnits(reading(['playing'], { extractionId: 'x' }), more([1], { tabId: 2 }))).toBe('over');
    const done = reading(['played'], { extractionId: 'x', status: 'done' });
    expect(appendUnits(done, more([1]))).toBe('over');
    expect(done.units).toHaveLength(1);
  });
});
