// The reading in real Firefox ESR: the Firefox build (MV2, the player in the background page) against the real
// server on loopback, driven over WebDriver BiDi (test/harness/firefox.ts).
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Page as PlaywrightPage } from 'playwright-core';
import {
  clearServerRequests,
  describeState,
  pageFollowState,
  playedInOrder,
  playingUnit,
  requestsSettledAt,
  sleep,
  squash,
  startTestServer,
  synthesisRequests,
  type FixtureServer,
  type ReadingState,
  type TestServer,
} from '../e2e/helpers';
import { ffExt, firefoxTabId, launchFirefox, type FirefoxBackground, type LaunchedFirefox } from '../harness/firefox';
import { useFirefoxSession } from './firefox-session';
import type { AudioHostTestHooks } from '../../utils/playback/audio-host';

let ff: LaunchedFirefox;
let server: TestServer;
let fixtures: FixtureServer;
let bg: FirefoxBackground;

/** The player host's record of its cache compressions and decodes (utils/playback/audio-host.ts test hooks). */
type CodecLog = AudioHostTestHooks['codecLog'];

const FINAL = ['done', 'stopped', 'error'];

useFirefoxSession(
  () => launchFirefox(),
  (s) => ({ ff, server, fixtures, bg } = s),
);

async function openFixture(name: string): Promise<{ page: Page; tabId: number }> {
  const url = fixtures.url(name);
  const page = await ff.browser.newPage();
  await page.goto(url);
  return { page, tabId: await firefoxTabId(bg, url) };
}

describe('reading in real Firefox', () => {
  it('reads an article to the end: every unit played once, in order, each sent to the server once', async () => {
    await clearServerRequests(server);
    const { page, tabId } = await openFixture('short-article.html');
    const paragraphs = await page.$$eval('article p', (ps) => ps.map((p) => p.textContent ?? ''));

    await ffExt.read(bg, tabId, { source: 'article' });
    // While it plays, the page highlights the unit being heard (judged between two reads of the state that agree).
    let highlighted = 0;
    let end: ReadingState | undefined;
    for (const deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(100)) {
      const s1 = await ffExt.state(bg);
      // pageFollowState only calls page.evaluate, which puppeteer's Page has with the same meaning.
      const follow = await pageFollowState(page as unknown as PlaywrightPage);
      const s2 = await ffExt.state(bg);
      const playing = playingUnit(s1);
      if (playing && playingUnit(s2)?.index === playing.index && follow.unit === playing.index) {
        expect(squash(follow.sentence ?? ''), `unit ${playing.index}`).toBe(squash(playing.text));
        expect(squash(follow.cssSentence ?? ''), `unit ${playing.index} (CSS.highlights)`).toBe(squash(playing.text));
        highlighted++;
      }
      if (FINAL.includes(s2.status)) {
        end = s2;
        break;
      }
    }
    expect(end, 'reading to end within 90 s').toBeDefined();
    expect(end!.status, describeState(end)).toBe('done');
    expect(highlighted, 'samples with the playing unit highlighted').toBeGreaterThan(0);
    const units = playedInOrder(end!);
    for (const u of units) expect(u.status, `unit ${u.index}: ${describeState(end)}`).toBe('played');
    for (let i = 1; i < units.length; i++) expect(units[i]!.startedAt!).toBeGreaterThan(units[i - 1]!.startedAt!);
    for (const p of paragraphs) expect(squash(units.map((u) => u.text).join(' '))).toContain(squash(p));

    const started = (await ffExt.playbackLog(bg, end!.sessionId!)).filter((e) => e.kind === 'started');
    expect(started.map((e) => e.index)).toEqual(units.map((u) => u.index));
    const requests = await synthesisRequests(server);
    expect(requests.map((r) => squash(r.script)).sort()).toEqual(units.map((u) => squash(u.text)).sort());
    await page.close();
  });

  it('reads the same article again from the cache, compressed as Opus: played to the end with no synthesis request', async () => {
    // Firefox ESR 153 has WebCodecs' Opus encoder and decoder in the background page, which hosts the player: the
    // units heard are re-stored as Opus there (utils/cache/cache-compactor.ts), as in Chromium's offscreen document.
    const before = (await bg.call<CodecLog | null>('audioHost.codecLog'))!;
    expect(before, 'the player host test hooks').not.toBeNull();
    expect(before.compressed.length, 'units compressed after the first reading').toBeGreaterThan(0);
    for (const r of before.compressed) expect(r.compressedBytes * 5, `Opus vs WAV bytes`).toBeLessThan(r.wavBytes);

    await clearServerRequests(server);
    const { page, tabId } = await openFixture('short-article.html');
    await ffExt.read(bg, tabId, { source: 'article' });
    const end = await ffExt.waitForState(bg, (s) => FINAL.includes(s.status), 90_000, 'reading to end');
    expect(end.status, describeState(end)).toBe('done');
    expect(end.units.every((u) => u.status === 'played' && u.fromCache)).toBe(true);
    expect(await synthesisRequests(server)).toEqual([]);
    // Every unit came back from Opus at its source's exact length (to one 48 kHz sample).
    const decoded = (await bg.call<CodecLog>('audioHost.codecLog')).decoded.slice(before.decoded.length);
    expect(decoded.length, 'units decoded from Opus').toBe(end.units.length);
    for (const d of decoded) expect(Math.abs(d.decodedMs - d.speechMs)).toBeLessThan(1000 / 48_000);
    const perMinute = (ms: number[], speech: number[]) =>
      (ms.reduce((a, b) => a + b, 0) / speech.reduce((a, b) => a + b, 0)) * 60_000;
    console.log(
      `[compressed cache, Firefox] ${before.compressed.length} units compressed: ` +
        `${before.compressed.reduce((n, r) => n + r.compressedBytes, 0)} bytes as Opus vs ` +
        `${before.compressed.reduce((n, r) => n + r.wavBytes, 0)} as WAV; encode ` +
        `${perMinute(
          before.compressed.map((r) => r.encodeMs),
          before.compressed.map((r) => r.speechMs),
        ).toFixed(0)} ms and decode ${perMinute(
          decoded.map((d) => d.decodeMs),
          decoded.map((d) => d.speechMs),
        ).toFixed(0)} ms per minute of speech`,
    );
    await page.close();
  });

  it('starts from the context menu handler, pauses with the pause command, resumes and stops', async () => {
    const { page, tabId } = await openFixture('twenty-sentences.html');
    await ffExt.contextMenuClick(
      bg,
      { menuItemId: 'read-aloud', pageUrl: page.url(), frameId: 0, editable: false },
      tabId,
    );
    await ffExt.waitForState(bg, (s) => s.units.some((u) => u.status === 'played'), 60_000, 'a unit played');

    const paused = await ffExt.command(bg, 'pause-resume', tabId);
    expect(paused.status, describeState(paused)).toBe('paused');
    const atPause = (await ffExt.playbackLog(bg, paused.sessionId!)).length;
    await sleep(2000);
    // Nothing starts or ends while paused: the audio clock itself is suspended.
    expect((await ffExt.playbackLog(bg, paused.sessionId!)).length).toBe(atPause);
    expect((await ffExt.state(bg)).status).toBe('paused');

    const resumed = await ffExt.resume(bg);
    expect(resumed.status, describeState(resumed)).toBe('playing');
    await ffExt.waitForState(
      bg,
      (s) =>
        s.units.filter((u) => u.status === 'played').length > paused.units.filter((u) => u.status === 'played').length,
      30_000,
      'playback to go on after resume',
    );

    const stopped = await ffExt.stop(bg);
    expect(stopped.status).toBe('stopped');
    const atStop = (await ffExt.playbackLog(bg, stopped.sessionId!)).filter((e) => e.kind === 'started').length;
    await sleep(1500);
    expect((await ffExt.playbackLog(bg, stopped.sessionId!)).filter((e) => e.kind === 'started').length).toBe(atStop);
    expect(stopped.units.some((u) => u.status !== 'played')).toBe(true);
    await page.close();
  });
});

describe('reliability in real Firefox', () => {
  // The background page is persistent in MV2 (docs/architecture.md "Firefox"): Firefox never suspends it, so the
  // worker-restart cases of the Chromium suite have no Firefox counterpart.
  it('the tab closes mid-reading: the reading stops and nothing more plays or is asked for', async () => {
    const { page, tabId } = await openFixture('reliability-sentences.html');
    await ffExt.read(bg, tabId, { source: 'article' });
    await ffExt.waitForState(bg, (s) => s.status === 'playing', 60_000, 'audio');
    await page.close();
    const end = await ffExt.waitForState(bg, (s) => FINAL.includes(s.status), 15_000, 'the reading to stop');
    expect(end.status, describeState(end)).toBe('stopped');
    // Requests in flight at the stop are aborted and logged as they end: only those that arrive later count.
    const since = await requestsSettledAt(server);
    const started = (await ffExt.playbackLog(bg, end.sessionId!)).filter((e) => e.kind === 'started').length;
    await sleep(2_500);
    expect((await ffExt.playbackLog(bg, end.sessionId!)).filter((e) => e.kind === 'started').length).toBe(started);
    expect((await synthesisRequests(server)).filter((r) => r.arrivedAt >= since)).toEqual([]);
  });

  it('the server is down: a clear error that names the server, with a retry action', { timeout: 240_000 }, async () => {
    // A server started and closed again: its port refuses connections.
    const gone = await startTestServer();
    await gone.close();
    await ffExt.setSettings(bg, { baseUrl: gone.url });
    try {
      const { page, tabId } = await openFixture('reliability-short.html');
      await ffExt.read(bg, tabId, { source: 'article' });
      const failed = await ffExt.waitForState(bg, (s) => FINAL.includes(s.status), 200_000, 'the reading to give up');
      expect(failed.status, describeState(failed)).toBe('error');
      expect(failed.error?.message).toMatch(/VocaliD server|reach|not answering/i);
      expect(failed.error?.action).toBe('retry');
      expect(failed.units.some((u) => u.status === 'played')).toBe(false);
      await page.close();
    } finally {
      await ffExt.setSettings(bg, { baseUrl: server.url });
    }
  });
});
