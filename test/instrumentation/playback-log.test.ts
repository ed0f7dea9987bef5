import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import {
  PLAYBACK_LOG_PAGE_SIZE,
  PLAYBACK_LOG_PREFIX,
  playbackLogFrom,
  recordPlaybackEvent,
} from '../../utils/instrumentation/playback-log';
import type { PlaybackEvent } from '../../utils/messages/offscreen-protocol';

beforeEach(() => fakeBrowser.reset());

const started = (index: number): PlaybackEvent =>
  ({ kind: 'started', sessionId: 's', index, at: index }) as PlaybackEvent;
const all = async () => playbackLogFrom(await browser.storage.session.get(null));

describe('the test builds playback log', () => {
  it('keeps every event in arrival order across pages', async () => {
    const n = PLAYBACK_LOG_PAGE_SIZE * 2 + 17;
    for (let i = 0; i < n; i++) void recordPlaybackEvent(started(i));
    await recordPlaybackEvent(started(n));
    expect((await all()).map((e) => e.index)).toEqual(Array.from({ length: n + 1 }, (_, i) => i));
  });

  it('writes a bounded amount per event: no stored list grows past one page', async () => {
    // The old log rewrote one list holding every event on each event (quadratic in a long reading).
    for (let i = 0; i < PLAYBACK_LOG_PAGE_SIZE * 3; i++) await recordPlaybackEvent(started(i));
    const stored = await browser.storage.session.get(null);
    const lists = Object.entries(stored).filter(([k, v]) => k.startsWith(PLAYBACK_LOG_PREFIX) && Array.isArray(v));
    expect(lists.length).toBe(3);
    for (const [, v] of lists) expect((v as unknown[]).length).toBeLessThanOrEqual(PLAYBACK_LOG_PAGE_SIZE);
  });

  it('starts afresh after a test cleared it, with nothing of the old reading', async () => {
    for (let i = 0; i < 5; i++) await recordPlaybackEvent(started(i));
    const keys = Object.keys(await browser.storage.session.get(null)).filter((k) => k.startsWith(PLAYBACK_LOG_PREFIX));
    await browser.storage.session.remove(keys);
    await recordPlaybackEvent(started(100));
    expect((await all()).map((e) => e.index)).toEqual([100]);
  });

  it('drops the oldest pages past 5 000 events', async () => {
    const n = PLAYBACK_LOG_PAGE_SIZE * 26;
    for (let i = 0; i < n; i++) void recordPlaybackEvent(started(i));
    await recordPlaybackEvent(started(n));
    const log = await all();
    expect(log.at(-1)!.index).toBe(n);
    expect(log.length).toBeLessThanOrEqual(PLAYBACK_LOG_PAGE_SIZE * 25 + 1);
    expect(log.map((e) => e.index)).toEqual(log.map((_, i) => log[0]!.index + i));
  });
});
