import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import {
  clearPositions,
  createPositionTracker,
  firstWords,
  forgetPosition,
  getPosition,
  MAX_PAGES,
  savePosition,
  unitForPosition,
} from '../../utils/reading/reading-positions';
import { pageKey } from '../../utils/reading/page-url';
import type { ReadingState, ReadingUnit } from '../../utils/reading/reading-state';

beforeEach(() => fakeBrowser.reset());

describe('reading positions', () => {
  it('keys a page by its URL without the fragment, and only web and file pages', () => {
    expect(pageKey('https://example.com/a?b=1#section')).toBe('https://example.com/a?b=1');
    expect(pageKey('chrome://settings')).toBeNull();
    expect(pageKey('not a url')).toBeNull();
  });

  it('stores the position and only the first words, and finds it again from another anchor of the page', async () => {
    await savePosition(
      'https://example.com/post#top',
      { block: 3, start: 40, firstWords: 'One two three four five six seven eight nine ten eleven' },
      1000,
    );
    expect(await getPosition('https://example.com/post#comments')).toEqual({
      block: 3,
      start: 40,
      firstWords: 'One two three four five six seven eight',
      at: 1000,
    });
    const stored = JSON.stringify(await browser.storage.local.get('readingPositions'));
    expect(stored).not.toContain('nine');
  });

  it('keeps at most MAX_PAGES pages, dropping the least recently read', async () => {
    for (let i = 0; i <= MAX_PAGES; i++)
      await savePosition(`https://example.com/${i}`, { block: 0, start: 0, firstWords: 'x' }, 1000 + i);
    expect(await getPosition('https://example.com/0')).toBeNull();
    expect(await getPosition('https://example.com/1')).not.toBeNull();
    expect(await getPosition(`https://example.com/${MAX_PAGES}`)).not.toBeNull();
    // Reading page 1 again makes it recent: the next new page pushes out page 2 instead.
    await savePosition('https://example.com/1', { block: 1, start: 0, firstWords: 'y' }, 5000);
    await savePosition('https://example.com/new', { block: 0, start: 0, firstWords: 'z' }, 5001);
    expect(await getPosition('https://example.com/1')).not.toBeNull();
    expect(await getPosition('https://example.com/2')).toBeNull();
  });

  it('forgets one page, or all of them', async () => {
    await savePosition('https://a.example/', { block: 1, start: 0, firstWords: 'a' });
    await savePosition('https://b.example/', { block: 1, start: 0, firstWords: 'b' });
    await forgetPosition('https://a.example/#x');
    expect(await getPosition('https://a.example/')).toBeNull();
    expect(await getPosition('https://b.example/')).not.toBeNull();
    await clearPositions();
    expect(await getPosition('https://b.example/')).toBeNull();
  });

  it('first words collapse white space', () => {
    expect(firstWords('  A\n fox   ran  ', 2)).toBe('A fox');
  });
});

describe('position tracker', () => {
  const unit = (
    index: number,
    block: number,
    start: number,
    text: string,
    status: ReadingUnit['status'],
  ): ReadingUnit => ({
    index,
    block,
    start,
    end: start + text.length,
    text,
    status,
    pauseAfterMs: 0,
  });
  const state = (
    status: ReadingState['status'],
    statuses: ReadingUnit['status'][],
    patch: Partial<ReadingState> = {},
  ): ReadingState => ({
    sessionId: 's',
    tabId: 1,
    status,
    url: 'https://example.com/a#x',
    source: 'article',
    params: { voiceToken: 'v', pitch: 1, rate: 1, sampleRate: 22050 },
    units: [
      unit(0, 0, 0, 'First one here.', statuses[0]!),
      unit(1, 0, 16, 'Second one here.', statuses[1]!),
      unit(2, 1, 0, 'Third.', statuses[2]!),
    ],
    ...patch,
  });

  it('saves the unit being heard once audio plays, once per unit, and forgets the page when read to the end', () => {
    const saved: [string, unknown][] = [];
    const forgotten: string[] = [];
    const tracker = createPositionTracker({
      save: async (url, p) => void saved.push([url, p]),
      forget: async (url) => void forgotten.push(url),
    });
    tracker.onSaved(state('loading', ['fetching', 'pending', 'pending']));
    expect(saved).toEqual([]);
    tracker.onSaved(state('playing', ['playing', 'ready', 'pending']));
    tracker.onSaved(state('playing', ['playing', 'queued', 'fetching']));
    tracker.onSaved(state('playing', ['played', 'playing', 'queued']));
    expect(saved).toEqual([
      ['https://example.com/a#x', { block: 0, start: 0, firstWords: 'First one here.' }],
      ['https://example.com/a#x', { block: 0, start: 16, firstWords: 'Second one here.' }],
    ]);
    tracker.onSaved(state('done', ['played', 'played', 'played']));
    expect(forgotten).toEqual(['https://example.com/a#x']);
  });

  it('does not track selections', () => {
    const saved: unknown[] = [];
    const tracker = createPositionTracker({ save: async (...a) => void saved.push(a), forget: async () => undefined });
    tracker.onSaved(state('playing', ['playing', 'pending', 'pending'], { source: 'selection' }));
    expect(saved).toEqual([]);
  });

  it('finds the unit a position points at only while its first words still match', () => {
    const units = state('idle', ['pending', 'pending', 'pending']).units;
    expect(unitForPosition(units, { block: 0, start: 16, firstWords: 'Second one here.' })).toBe(1);
    expect(unitForPosition(units, { block: 0, start: 20, firstWords: 'Second one here.' })).toBe(1);
    expect(unitForPosition(units, { block: 0, start: 16, firstWords: 'Something else entirely' })).toBe(-1);
    expect(unitForPosition(units, { block: 5, start: 0, firstWords: 'Third.' })).toBe(-1);
  });
});
