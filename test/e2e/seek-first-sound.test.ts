// The sentence heard first after a seek is cut at its first clause when its audio is still to be made
// (utils/reading/restart-cut.ts): the listener waits for a clause's synthesis, then hears the rest of the sentence
// with a comma's pause. Real Chromium, the real server; a prefetch of one second keeps the second paragraph unfetched while the first plays.
import { describe, expect, it } from 'vitest';
import {
  describeState,
  ext,
  firstUnitStartedAfter,
  openTab,
  playerControl,
  playingUnit,
  synthesisRequests,
  useExtensionSession,
  waitForState,
} from './helpers';

const session = useExtensionSession({ settings: { showMiniPlayer: true, prefetchSeconds: 1 }, reset: false });

const SENTENCE = 'By the middle of June, the towpath was crowded with walkers and their dogs from the town.';

describe('the first sound after a seek', () => {
  it('a jump to a paragraph not fetched yet starts with the first clause of its sentence, then the rest', async () => {
    const sw = session.browser.sw;
    await ext.clearCache(sw);
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('seek-first-sound.html'));
    const started = await ext.read(sw, tabId, { source: 'article' });
    expect(
      started.units.some((u) => u.text === SENTENCE),
      describeState(started),
    ).toBe(true);
    await waitForState(sw, (s) => playingUnit(s) !== undefined, 30_000, 'the reading to start');
    const before = await waitForState(sw, (s) => playingUnit(s)?.block === 1, 30_000, 'the first paragraph');
    const target = before.units.find((u) => u.text === SENTENCE)!;
    expect(target.status, describeState(before)).toBe('pending');

    const pressedAt = Date.now();
    await playerControl(page, 'next-paragraph').click();
    const { unit: first, state } = await firstUnitStartedAfter(sw, pressedAt, 'the next paragraph to play');
    const next = await waitForState(sw, (s) => playingUnit(s)?.block === target.block, 30_000, 'the next paragraph');
    const heard = next.units.filter((u) => u.block === target.block);
    // Heard first: the clause, then the rest of the same sentence; together exactly the sentence.
    expect(heard[0]!.text, describeState(state)).toBe('By the middle of June,');
    expect(`${heard[0]!.text} ${heard[1]!.text}`).toBe(SENTENCE);
    expect(first.text).toBe(heard[0]!.text);
    // The server was asked for the clause before the rest of the sentence.
    const asked = (await synthesisRequests(session.server))
      .filter((r) => r.arrivedAt >= pressedAt)
      .map((r) => r.script);
    const at = (text: string) => asked.findIndex((s) => s.includes(text));
    expect(at('By the middle of June,'), asked.join(' | ')).toBeGreaterThanOrEqual(0);
    expect(asked.some((s) => s.includes(SENTENCE))).toBe(false);
    expect(at('By the middle of June,')).toBeLessThan(at('the towpath was crowded'));
    await ext.stop(sw);
    await page.close();
  });
});
