// Streamed playback (issue 18, docs/architecture.md "Streamed playback") in real Chromium against the real server
// timed like a remote service that streams what it makes: 150 ms + 0.3 × the audio's duration, the WAV header
// first and the samples in 100 ms chunks as they would be made. The order of events is asserted (the extension's
// own playback log against the server's request log), not how fast anything was.
import { describe, expect, it } from 'vitest';
import {
  clearPlaybackLog,
  clearServerRequests,
  describeState,
  ext,
  openTab,
  playbackLog,
  playbackProblems,
  serverRequests,
  setServerFaults,
  SYNTHESIS_PATH,
  useExtensionSession,
  waitForEnd,
  type PlaybackEventRecord,
} from './helpers';

// Rate 1: units of a few seconds, so that a stream has a middle to cut.
const session = useExtensionSession({ settings: { rate: 1 } });

const CLOUD = { path: '/api/v1/external/synthesis*', latencyMs: 150, latencyPerAudioSecondMs: 300, stream: true };
const CUT_AFTER_MS = 700;

async function readArticle() {
  const { tabId } = await openTab(session.browser, session.fixtures.url('streamed-article.html'));
  await clearPlaybackLog(session.browser.sw);
  await ext.read(session.browser.sw, tabId, { source: 'article' });
  const end = await waitForEnd(session.browser.sw, 120_000);
  const events = await playbackLog(session.browser.sw, end.sessionId);
  return { end, events };
}

/** The synthesis requests with when each arrived and when its body's last byte left (server clock = ours). */
async function synthesisTimes() {
  return (await serverRequests(session.server))
    .filter((r) => r.method === 'GET' && SYNTHESIS_PATH.test(r.path))
    .map((r) => {
      const at = typeof r.at === 'number' ? r.at : Date.parse(r.at);
      const arrivedAt = at - r.ms;
      return { arrivedAt, finishedAt: r.bodyMs !== undefined ? arrivedAt + r.bodyMs : undefined, status: r.status };
    });
}

/**
 * Each unit's heard length from its started and ended events (AudioContext times), less the silence it reports
 * having waited for late samples (PlaybackEvent.waitedMs): what is left is the audio that was played.
 */
function playedMs(events: PlaybackEventRecord[]): Map<number, number> {
  const lengths = new Map<number, number>();
  for (const e of events) {
    if (e.kind !== 'ended') continue;
    const start = events.find((s) => s.kind === 'started' && s.index === e.index);
    if (start?.contextTime !== undefined && e.contextTime !== undefined)
      lengths.set(e.index, (e.contextTime - start.contextTime) * 1000 - (e.waitedMs ?? 0));
  }
  return lengths;
}

describe('streamed playback', () => {
  it(
    'starts the first unit before its synthesis has finished, plays every unit once in order, then replays from the cache with no request',
    { timeout: 300_000 },
    async () => {
      await setServerFaults(session.server, [CLOUD]);
      const { end, events } = await readArticle();
      expect(playbackProblems(end, events), describeState(end)).toEqual([]);
      const requests = await synthesisTimes();
      expect(requests).toHaveLength(end.units.length);
      const first = requests.reduce((a, b) => (a.arrivedAt <= b.arrivedAt ? a : b));
      expect(first.finishedAt, 'a streamed answer is logged with its last byte').toBeDefined();
      const firstStarted = events.find((e) => e.index === 0 && e.kind === 'started')!;
      // The first sound came while the server was still making the first unit's audio. The headline has no clause
      // boundary, so the first unit is whole (≈ 7 s of speech, ≈ 2.3 s to make): the margin is not a matter of load.
      expect(firstStarted.at).toBeLessThan(first.finishedAt!);
      expect(firstStarted.at).toBeGreaterThan(first.arrivedAt);

      // Every unit was cached whole once complete: a second reading asks the server for nothing.
      await clearServerRequests(session.server);
      const again = await readArticle();
      expect(playbackProblems(again.end, again.events), describeState(again.end)).toEqual([]);
      expect(await synthesisTimes()).toHaveLength(0);
      expect(again.end.units.every((u) => u.fromCache)).toBe(true);
    },
  );

  it(
    'a stream cut midway is asked for again and heard with no sample repeated or missing',
    { timeout: 300_000 },
    async () => {
      // The cache filled by the uncut reading gives each unit's length as heard whole.
      await setServerFaults(session.server, [CLOUD]);
      const whole = playedMs((await readArticle()).events);
      await ext.clearCache(session.browser.sw);
      await clearServerRequests(session.server);

      // The first answer is cut after 700 ms of audio; the rules after it answer as before.
      await setServerFaults(session.server, [{ ...CLOUD, cutAfterAudioMs: CUT_AFTER_MS, count: 1 }, CLOUD]);
      const { end, events } = await readArticle();
      expect(playbackProblems(end, events), describeState(end)).toEqual([]);
      const requests = await synthesisTimes();
      // One request per unit and one more for the unit whose answer was cut.
      expect(requests).toHaveLength(end.units.length + 1);
      const heard = playedMs(events);
      for (const unit of end.units) {
        // A repeated stretch would lengthen the unit, a lost one shorten it, by up to the 700 ms sent before the cut.
        expect(Math.abs(heard.get(unit.index)! - whole.get(unit.index)!), `unit ${unit.index}`).toBeLessThan(5);
      }
    },
  );
});
