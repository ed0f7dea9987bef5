import { describe, expect, it } from 'vitest';
import { buildPageView, sameVisibleView, type FollowSettings } from '../../utils/reading/page-view';
import type { ReadingState } from '../../utils/reading/reading-state';

const settings: FollowSettings = {
  granularity: 'sentence',
  sentenceColor: '#ff0',
  wordColor: '#fa0',
  showPlayer: true,
  autoScroll: true,
  paragraphButtons: false,
  volume: 1,
};

function state(patch: Partial<ReadingState> = {}): ReadingState {
  return {
    sessionId: 's',
    tabId: 4,
    status: 'playing',
    extractionId: 'x',
    lang: 'en-GB',
    params: { voiceToken: 'v', pitch: 1, rate: 2, sampleRate: 22050 },
    units: [
      {
        index: 0,
        block: 0,
        start: 0,
        end: 10,
        text: 'Sentence 0',
        status: 'played',
        durationMs: 1000,
        pauseAfterMs: 100,
      },
      {
        index: 1,
        block: 0,
        start: 11,
        end: 21,
        text: 'Sentence 1',
        status: 'playing',
        startedAt: 5000,
        durationMs: 1000,
        pauseAfterMs: 100,
      },
      {
        index: 2,
        block: 1,
        start: 0,
        end: 10,
        text: 'Sentence 2',
        status: 'queued',
        durationMs: 1000,
        pauseAfterMs: 0,
      },
    ],
    ...patch,
  };
}

describe('page view', () => {
  it('describes the unit playing now, where it is in its block, and when its audio started', () => {
    const v = buildPageView(state(), settings, 7, 5400);
    expect(v).toMatchObject({
      seq: 7,
      status: 'playing',
      index: 1,
      total: 3,
      rate: 2,
      lang: 'en-GB',
      extractionId: 'x',
    });
    expect(v.current).toEqual({
      index: 1,
      block: 0,
      start: 11,
      end: 21,
      text: 'Sentence 1',
      startedAt: 5000,
      durationMs: 1000,
    });
    // Time left: the rest of unit 1 (600 ms of its 1000) and its pause, plus unit 2.
    expect(v.remainingMs).toBe(600 + 100 + 1000);
  });

  it('between units keeps the unit just heard as current, and counts from the next one', () => {
    const s = state();
    s.units[1]!.status = 'played';
    const v = buildPageView(s, settings, 1, 0);
    expect(v.current?.index).toBe(1);
    expect(v.index).toBe(2);
    // Not after a skip: a unit passed over by next/previous was never heard.
    s.units[1]!.skipped = true;
    delete s.units[1]!.startedAt;
    expect(buildPageView(s, settings, 2, 0).current).toBeNull();
  });

  it('places the slider by sentence: a sentence cut into two units counts once', () => {
    const s = state();
    // Units 0 and 1 are one sentence cut after its first clause; unit 1 is playing.
    s.units[0]!.endsClause = true;
    const v = buildPageView(s, settings, 1, 0);
    expect(v.current?.index).toBe(1);
    expect([v.index, v.total]).toEqual([0, 2]);
    s.units[1]!.status = 'played';
    s.units[2]!.status = 'playing';
    s.units[2]!.startedAt = 5;
    expect(buildPageView(s, settings, 2, 0)).toMatchObject({ index: 1, total: 2 });
  });

  it('treats snapshots that differ only by the passing of time as the same', () => {
    const a = buildPageView(state(), settings, 1, 5400);
    const b = buildPageView(state(), settings, 2, 5900);
    expect(sameVisibleView(a, b)).toBe(true);
    const paused = buildPageView(state({ status: 'paused' }), settings, 3, 5900);
    expect(sameVisibleView(a, paused)).toBe(false);
  });

  it('carries the notice while a problem is ridden out and the error that ended the reading, with its action', () => {
    const retrying = buildPageView(state({ notice: 'Still trying…' }), settings, 1, 5400);
    expect(retrying.message).toEqual({ kind: 'notice', text: 'Still trying…' });
    expect(sameVisibleView(buildPageView(state(), settings, 0, 5400), retrying)).toBe(false);
    const failed = buildPageView(
      state({ status: 'error', error: { code: 'network', message: "Can't reach it.", action: 'retry' } }),
      settings,
      2,
      5400,
    );
    expect(failed.message).toEqual({ kind: 'error', text: "Can't reach it.", action: 'retry' });
    expect(buildPageView(state({ status: 'done', notice: 'stale' }), settings, 3, 5400).message).toBeUndefined();
  });
});
