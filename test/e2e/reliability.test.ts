// "Never stops by itself, never leaks": fault injection against the real extension in real Chromium and the real
// server. Each scenario ends one of two ways, both asserted from the server's request log and the playback events
// the worker received: every unit played exactly once and in order, or the reading stopped with a clear message
// and nothing left running (no audio, no further requests). docs/reliability.md tabulates the outcomes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/src/start-server';
import {
  clearPlaybackLog,
  clearServerRequests,
  closeOffscreenDocument,
  offscreenDocumentOpen,
  describeState,
  ext,
  launchBrowser,
  openTab,
  playbackLog,
  playbackProblems,
  fillerKeys,
  seedAudioCache,
  serviceWorkerRunning,
  setServerFaults,
  sleep,
  squash,
  startFixtureServer,
  stopServiceWorker,
  requestsSettledAt,
  synthesisRequests,
  tokenRequests,
  waitForEnd,
  waitForServiceWorker,
  waitForState,
  type FixtureServer,
  type LaunchedBrowser,
  type ReadingState,
} from './helpers';

/** The real server, restartable on the same port and data dir (the "server down" scenarios). */
interface RestartableServer {
  url: string;
  port: number;
  dataDir: string;
  running: RunningServer | null;
}

let server: RestartableServer;
let fixtures: FixtureServer;
let browser: LaunchedBrowser;

const RATE = 4;

async function bootServer(port: number, dataDir: string): Promise<RunningServer> {
  return startServer({ host: '127.0.0.1', port, dataDir, dev: true, testFaults: true, quiet: true });
}

async function serverDown(): Promise<void> {
  await server.running?.close();
  server.running = null;
}

async function serverUp(): Promise<void> {
  server.running ??= await bootServer(server.port, server.dataDir);
}

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vocalid-reliability-'));
  const running = await bootServer(0, dataDir);
  server = { url: running.url.replace(/\/+$/, ''), port: running.port, dataDir, running };
  fixtures = await startFixtureServer();
  browser = await launchBrowser();
  // A short prefetch keeps requests going all through a reading, so faults hit the middle of it, not only its start.
  await ext.setSettings(browser.sw, { baseUrl: server.url, rate: RATE, prefetchSeconds: 1 });
});

afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
  await server?.running?.close();
  if (server) await rm(server.dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await serverUp();
  if (!(await serviceWorkerRunning(browser)))
    await browser.context.newPage().then(async (p) => {
      await p.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      await waitForServiceWorker(browser);
      await p.close();
    });
  await ext.stop(browser.sw);
  await ext.clearCache(browser.sw);
  await clearPlaybackLog(browser.sw);
  await fetch(`${server.url}/__test/faults`, { method: 'DELETE' });
  await clearServerRequests(server);
});

async function startReading(fixture: string) {
  const { page, tabId } = await openTab(browser, fixtures.url(fixture));
  const paragraphs = await page.$$eval('article p', (ps) => ps.map((p) => p.textContent ?? ''));
  const started = await ext.read(browser.sw, tabId, { source: 'article' });
  return { page, tabId, paragraphs, started };
}

async function expectCompleteReading(end: ReadingState, paragraphs: string[], maxStartsPerUnit = 1) {
  const events = await playbackLog(browser.sw, end.sessionId);
  expect(playbackProblems(end, events, maxStartsPerUnit), describeState(end)).toEqual([]);
  const spoken = squash(end.units.map((u) => u.text).join(' '));
  for (const p of paragraphs) expect(spoken).toContain(squash(p));
}

/**
 * Nothing left running: for `ms`, no synthesis request reaches the server and no playback event the worker. A request
 * that arrived before (the server logs it when it has answered, which under load can be seconds later) is not one.
 */
async function expectQuietAfter(ms: number) {
  const since = await requestsSettledAt(server);
  const events = (await playbackLog(browser.sw)).length;
  await sleep(ms);
  const late = (await synthesisRequests(server)).filter((r) => r.arrivedAt >= since);
  expect(late, 'synthesis requests after the reading ended').toEqual([]);
  expect((await playbackLog(browser.sw)).length, 'playback events after the reading ended').toBe(events);
}

function unitsPlayed(s: ReadingState): number {
  return s.units.filter((u) => u.status === 'played').length;
}

describe('the service worker and the offscreen document die', () => {
  it(
    'the worker is stopped 10 times during one reading: every unit plays once, in order',
    { timeout: 180_000 },
    async () => {
      const { page, paragraphs, started } = await startReading('reliability-sentences.html');
      expect(started.units.length).toBeGreaterThanOrEqual(12);
      let stops = 0;
      let lastPlayed = -1;
      while (stops < 10) {
        const s = await waitForState(
          browser.sw,
          (st) => st.status !== 'loading' && st.status !== 'extracting',
          60_000,
          'audio to start',
        );
        if (s.status === 'done' || s.status === 'error' || s.status === 'stopped') break;
        // One stop per sentence change, so that the stops spread over the whole reading.
        if (unitsPlayed(s) === lastPlayed) {
          await sleep(100);
          continue;
        }
        lastPlayed = unitsPlayed(s);
        await stopServiceWorker(browser);
        stops++;
        // Nothing but the extension's own events (the offscreen player's next playback event) may wake it.
        await waitForServiceWorker(browser, 30_000);
      }
      expect(stops, 'the reading outlasted ten worker stops').toBe(10);
      const end = await waitForEnd(browser.sw, 90_000);
      await expectCompleteReading(end, paragraphs);
      await page.close();
    },
  );

  it(
    'the worker is stopped while the reading waits for synthesis (nothing queued to wake it): the alarm does',
    { timeout: 150_000 },
    async () => {
      await setServerFaults(server, [{ path: '/api/v1/external/synthesis/', latencyMs: 4000, count: 2 }]);
      const { page, paragraphs } = await startReading('reliability-short.html');
      const s = await ext.state(browser.sw);
      expect(s.status, describeState(s)).toBe('loading');
      await stopServiceWorker(browser);
      // Chrome's shortest alarm period is 30 s.
      await waitForServiceWorker(browser, 75_000);
      const end = await waitForEnd(browser.sw, 90_000);
      await expectCompleteReading(end, paragraphs);
      await page.close();
    },
  );

  it(
    'the offscreen document is closed mid-sentence: reading resumes at that sentence',
    { timeout: 120_000 },
    async () => {
      const { page, paragraphs } = await startReading('reliability-sentences.html');
      const playing = await waitForState(
        browser.sw,
        (s) => s.units.some((u) => u.status === 'playing' && u.index >= 2),
        60_000,
        'the third sentence to play',
      );
      expect(playing.units.some((u) => u.status === 'playing')).toBe(true);
      // The sentence actually cut is the last one that started before the close; on a loaded machine that can be a
      // later one than the state read above, so take it from the player's own events.
      const closedAt = Date.now();
      expect(await closeOffscreenDocument(browser)).toBe(true);
      const end = await waitForEnd(browser.sw, 90_000);
      // The cut sentence starts twice (cut, then again from its start); every unit still ends exactly once.
      await expectCompleteReading(end, paragraphs, 2);
      const events = await playbackLog(browser.sw, end.sessionId);
      const starts = events.filter((e) => e.kind === 'started');
      const cut = Math.max(...starts.filter((e) => e.at <= closedAt).map((e) => e.index));
      const restartedUnits = [...new Set(starts.map((e) => e.index).filter((i, n, all) => all.indexOf(i) !== n))];
      expect(
        restartedUnits.every((i) => i === cut || i === cut + 1),
        `restarted ${restartedUnits.join(',')}, cut at ${cut}`,
      ).toBe(true);
      await page.close();
    },
  );
});

describe('a long pause', () => {
  it(
    'paused for 40 s: resume goes on from the sentence paused in, and the reading ends with every sentence heard',
    { timeout: 150_000 },
    async () => {
      const { page, paragraphs } = await startReading('reliability-sentences.html');
      await waitForState(browser.sw, (s) => unitsPlayed(s) >= 2, 60_000, 'two sentences to play');
      await ext.pause(browser.sw);
      const paused = await ext.state(browser.sw);
      expect(paused.status, describeState(paused)).toBe('paused');
      const pausedAt = Date.now();
      await sleep(40_000);
      // The player's audio context is suspended all that time, and Chromium may close an offscreen document silent for
      // about 30 s (../shared/notes/browser-testing.md; it stayed open in our runs): the reading must go on either
      // way, so whether it was closed is only told in the message.
      const open = await offscreenDocumentOpen(browser);
      await ext.resume(browser.sw);
      const resumed = await ext.state(browser.sw);
      expect(resumed.status, describeState(resumed)).not.toBe('paused');
      const end = await waitForEnd(browser.sw, 90_000);
      // The sentence paused in may start again from its beginning (a new document); every unit still ends once.
      await expectCompleteReading(end, paragraphs, 2);
      const events = await playbackLog(browser.sw, end.sessionId);
      const later = events.filter((e) => e.kind === 'started' && e.at > pausedAt);
      expect(later.length, `offscreen document open after the pause: ${open}`).toBeGreaterThan(0);
      await page.close();
    },
  );
});

describe('the server misbehaves', () => {
  it(
    '20% 5xx, 429 with Retry-After in seconds and as an HTTP date, a hang and dropped connections: the reading completes',
    { timeout: 180_000 },
    async () => {
      const synth = '/api/v1/external/synthesis/';
      await setServerFaults(server, [
        { path: synth, status: 503, every: 5 },
        { path: synth, status: 429, retryAfter: 1, every: 3, count: 1 },
        { path: synth, status: 429, retryAfter: new Date(Date.now() + 3000).toUTCString(), every: 3, count: 1 },
        { path: synth, hang: true, every: 4, count: 1 },
        { path: synth, drop: true, every: 4, count: 2 },
      ]);
      const { page, paragraphs } = await startReading('reliability-sentences.html');
      const end = await waitForEnd(browser.sw, 150_000);
      await expectCompleteReading(end, paragraphs);
      const requests = await synthesisRequests(server);
      const statuses = requests.map((r) => r.status);
      expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(2);
      expect(statuses.filter((s) => s === 429).length).toBe(2);
      expect(statuses.filter((s) => s === 0).length, 'hung and dropped requests').toBeGreaterThanOrEqual(2);
      // Each sentence was synthesised successfully (at least once) in the end.
      const ok = new Set(requests.filter((r) => r.status === 200).map((r) => squash(r.script)));
      for (const u of end.units) expect(ok.has(squash(u.text)), u.text).toBe(true);
      await page.close();
    },
  );

  it('the server is down for 10 s mid-reading: the reading waits and resumes', { timeout: 150_000 }, async () => {
    const { page, paragraphs } = await startReading('reliability-sentences.html');
    await waitForState(browser.sw, (s) => unitsPlayed(s) >= 1, 60_000, 'the first sentence to play');
    await serverDown();
    await sleep(10_000);
    await serverUp();
    const end = await waitForEnd(browser.sw, 120_000);
    await expectCompleteReading(end, paragraphs);
    // The restarted server's log: the reading still needed it after the outage.
    expect((await synthesisRequests(server)).filter((r) => r.status === 200).length).toBeGreaterThan(0);
    await page.close();
  });

  it(
    'the server is down longer than the retry budget: a clear message with a retry action; retry resumes at the right sentence',
    { timeout: 240_000 },
    async () => {
      const { page, tabId, paragraphs } = await startReading('reliability-sentences.html');
      await waitForState(browser.sw, (s) => unitsPlayed(s) >= 2, 60_000, 'two sentences to play');
      await serverDown();
      const failed = await waitForState(browser.sw, (s) => s.status === 'error', 180_000, 'the reading to give up');
      expect(failed.error?.action).toBe('retry');
      expect(failed.error?.message).toMatch(/VocaliD server|reach|not answering/i);
      const resumeFrom = failed.units.find((u) => u.status !== 'played')!;
      expect(resumeFrom.index).toBeGreaterThanOrEqual(2);
      await serverUp();
      await clearServerRequests(server);
      // The popup's "Try again" (action 'retry') reads the page again from where it stopped.
      const retried = await browser.sw.evaluate(
        ([t]) =>
          (
            globalThis as unknown as { __vocalidTest: { read(t: number, o: object): Promise<ReadingState> } }
          ).__vocalidTest.read(t, { source: 'article', resume: true }),
        [tabId] as const,
      );
      expect(squash(retried.units[0]!.text)).toBe(squash(resumeFrom.text));
      const end = await waitForEnd(browser.sw, 90_000);
      await expectCompleteReading(end, []);
      const all = squash(
        failed.units
          .filter((u) => u.status === 'played')
          .map((u) => u.text)
          .join(' ') +
          ' ' +
          end.units.map((u) => u.text).join(' '),
      );
      for (const p of paragraphs) expect(all).toContain(squash(p));
      await page.close();
    },
  );

  it(
    'the client credentials are revoked mid-reading: "sign in again", nothing retried forever',
    { timeout: 120_000 },
    async () => {
      const { page } = await startReading('reliability-sentences.html');
      await waitForState(browser.sw, (s) => unitsPlayed(s) >= 1, 60_000, 'the first sentence to play');
      const db = server.running!.ctx.db as unknown as { prepare(sql: string): { run(...a: unknown[]): unknown } };
      db.prepare("UPDATE oauth_clients SET revoked = 1 WHERE client_id = 'demo-client'").run();
      db.prepare("UPDATE oauth_tokens SET revoked = 1 WHERE client_id = 'demo-client'").run();
      try {
        const end = await waitForState(browser.sw, (s) => s.status === 'error', 90_000, 'the reading to stop');
        expect(end.error?.action).toBe('sign-in');
        expect(end.error?.message).toMatch(/sign/i);
        const tokensBefore = (await tokenRequests(server)).length;
        await expectQuietAfter(3000);
        expect((await tokenRequests(server)).length, 'token requests after the error').toBe(tokensBefore);
      } finally {
        db.prepare("UPDATE oauth_clients SET revoked = 0 WHERE client_id = 'demo-client'").run();
        await page.close();
      }
    },
  );
});

describe('the page and the tabs', () => {
  it(
    'the tab navigates away mid-reading: the reading stops, no audio, no requests after',
    { timeout: 90_000 },
    async () => {
      const { page } = await startReading('reliability-sentences.html');
      await waitForState(browser.sw, (s) => s.status === 'playing', 60_000, 'audio');
      await page.goto(fixtures.url('reliability-other.html'));
      const end = await waitForState(
        browser.sw,
        (s) => s.status === 'stopped' || s.status === 'error',
        15_000,
        'the reading to stop',
      );
      expect(end.status, describeState(end)).toBe('stopped');
      await expectQuietAfter(2500);
      await page.close();
    },
  );

  it('the tab closes mid-reading: the reading stops, no audio, no requests after', { timeout: 90_000 }, async () => {
    const { page } = await startReading('reliability-sentences.html');
    await waitForState(browser.sw, (s) => s.status === 'playing', 60_000, 'audio');
    await page.close();
    const end = await waitForState(
      browser.sw,
      (s) => s.status === 'stopped' || s.status === 'error',
      15_000,
      'the reading to stop',
    );
    expect(end.status, describeState(end)).toBe('stopped');
    await expectQuietAfter(2500);
  });

  it('two tabs ask to read at once: the newer request wins, the older stops', { timeout: 90_000 }, async () => {
    const a = await openTab(browser, fixtures.url('reliability-short.html'));
    const b = await openTab(browser, fixtures.url('reliability-other.html'));
    const paragraphsB = await b.page.$$eval('article p', (ps) => ps.map((p) => p.textContent ?? ''));
    await Promise.all([
      ext.read(browser.sw, a.tabId, { source: 'article' }),
      sleep(5).then(() => ext.read(browser.sw, b.tabId, { source: 'article' })),
    ]);
    const end = await waitForEnd(browser.sw, 60_000);
    expect(end.tabId).toBe(b.tabId);
    await expectCompleteReading(end, paragraphsB);
    const events = await playbackLog(browser.sw);
    expect(
      events.filter((e) => e.sessionId !== end.sessionId),
      'the older reading played nothing',
    ).toEqual([]);
    await a.page.close();
    await b.page.close();
  });
});

const FILLERS = 250;

type RefusedWrites = { refused: number[] } | { refusedFrom: number };

/**
 * Runs `body` with the service worker's audio writes failing as a full disk does: the writes numbered in `refused`
 * (from 1, counting every attempt), or every write from `refusedFrom` on. Meanwhile `audioWrites` counts the attempts
 * and `evictions` lists the cache entries the worker deleted, and when.
 */
async function withRefusedWrites(plan: RefusedWrites, body: () => Promise<void>): Promise<void> {
  await refuseAudioWrites(plan);
  try {
    await body();
  } finally {
    await refuseAudioWrites(null);
  }
}

async function refuseAudioWrites(plan: RefusedWrites | null): Promise<void> {
  await browser.sw.evaluate((plan) => {
    type Patched = IDBObjectStore & { __origPut?: IDBObjectStore['put']; __origDelete?: IDBObjectStore['delete'] };
    const proto = IDBObjectStore.prototype as Patched;
    proto.__origPut ??= proto.put;
    proto.__origDelete ??= proto.delete;
    if (!plan) {
      proto.put = proto.__origPut;
      proto.delete = proto.__origDelete;
      return;
    }
    let writes = 0;
    const evictions: { key: string; at: number }[] = [];
    const refuses = (n: number) => ('refused' in plan ? plan.refused.includes(n) : n >= plan.refusedFrom);
    proto.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'audio' && value instanceof ArrayBuffer && refuses(++writes))
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return proto.__origPut!.call(this, value, key);
    } as IDBObjectStore['put'];
    proto.delete = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
      // The index record goes first when the cache evicts (audio-cache.ts): from then on the entry is gone.
      if (this.name === 'entries' && typeof key === 'string') evictions.push({ key, at: Date.now() });
      return proto.__origDelete!.call(this, key);
    };
    Object.assign(globalThis, { __audioWrites: () => writes, __evictions: () => evictions });
  }, plan);
}

function audioWrites(): Promise<number> {
  return browser.sw.evaluate(() => (globalThis as unknown as { __audioWrites: () => number }).__audioWrites());
}

function evictions(): Promise<{ key: string; at: number }[]> {
  return browser.sw.evaluate(() =>
    (globalThis as unknown as { __evictions: () => { key: string; at: number }[] }).__evictions(),
  );
}

/** Which of `keys` the audio cache's index holds now, in the order given. */
async function cachedKeys(keys: string[]): Promise<string[]> {
  const held = await browser.sw.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('vocalid-audio-index');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('entries').objectStore('entries').getAllKeys();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as string[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
  return keys.filter((k) => held.includes(k));
}

describe('the cache', () => {
  it('the cache is full: the oldest entries are evicted and the reading continues', { timeout: 120_000 }, async () => {
    await ext.setSettings(browser.sw, { cacheCapMB: 10 });
    try {
      // Nine old entries leave 760 bytes of the 10 MiB cap: the first sentence's audio does not fit beside them, so
      // the oldest go. (With more room the test depended on timing: each sentence is cached as WAV, then replaced by
      // its far smaller compressed form, and the few WAVs waiting at once could fit without evicting anything.)
      await seedAudioCache(browser.sw, 9, 1_165_000);
      const before = (await ext.cacheStats(browser.sw)) as { bytes: number; entries: number };
      expect(before.entries).toBe(9);
      const { page, paragraphs } = await startReading('reliability-sentences.html');
      const end = await waitForEnd(browser.sw, 90_000);
      await expectCompleteReading(end, paragraphs);
      const after = (await ext.cacheStats(browser.sw)) as { bytes: number; entries: number };
      expect(after.bytes).toBeLessThanOrEqual(10 * 1024 * 1024);
      // Oldest first: some fillers went, and every sentence of this reading is still cached.
      expect(after.entries).toBeGreaterThanOrEqual(end.units.length);
      expect(after.entries - end.units.length).toBeLessThan(9);
      await page.close();
    } finally {
      await ext.setSettings(browser.sw, { cacheCapMB: 200 });
    }
  });

  it(
    'the browser quota runs out mid-reading: the oldest entries are evicted and the reading continues',
    { timeout: 120_000 },
    async () => {
      // Older entries of the size compressed sentences have: each refused write frees what it needs from the oldest.
      await seedAudioCache(browser.sw, FILLERS, 4_000);
      await withRefusedWrites({ refused: [2, 4] }, async () => {
        const { page, paragraphs } = await startReading('reliability-short.html');
        const end = await waitForEnd(browser.sw, 60_000);
        await expectCompleteReading(end, paragraphs);
        // The worker's writes only: the offscreen document re-stores played units compressed through its own
        // IndexedDB binding, which this patch neither counts nor refuses.
        expect(await audioWrites(), 'two refused writes were written again').toBe(end.units.length + 2);
        const fillers = fillerKeys(FILLERS);
        const fillersLeft = await cachedKeys(fillers);
        expect(fillersLeft.length, 'some older entries were evicted').toBeLessThan(FILLERS);
        expect(fillersLeft, 'the oldest went first').toEqual(fillers.slice(FILLERS - fillersLeft.length));
        const keys = end.units.map((u) => u.cacheKey!);
        expect(await cachedKeys(keys), 'every sentence of this reading is cached').toEqual(keys);
        await page.close();
      });
    },
  );

  it(
    'the disk stays full: the audio the reading still needs is never evicted and it plays to the end from its streams',
    { timeout: 120_000 },
    async () => {
      // Every audio write after the first is refused, as by a disk that has filled up: the cache has nothing to
      // evict but this reading's own audio, and evicting a sentence not yet played failed the reading on reaching it.
      await withRefusedWrites({ refusedFrom: 2 }, async () => {
        const { page, paragraphs } = await startReading('reliability-short.html');
        const end = await waitForEnd(browser.sw, 60_000);
        await expectCompleteReading(end, paragraphs);
        expect(await audioWrites(), 'each sentence was offered to the cache').toBeGreaterThanOrEqual(end.units.length);
        // Room is made only from sentences already heard (how many depends on how far ahead the reading fetched).
        const endedAt = new Map<string, number>();
        for (const e of await playbackLog(browser.sw, end.sessionId))
          if (e.kind === 'ended') endedAt.set(end.units[e.index]!.cacheKey!, e.at);
        const evicted = await evictions();
        for (const { key, at } of evicted) {
          const unit = end.units.findIndex((u) => u.cacheKey === key);
          expect(at, `sentence ${unit + 1} was evicted after it was heard`).toBeGreaterThanOrEqual(endedAt.get(key)!);
        }
        await page.close();
      });
    },
  );

  it(
    'the cache is cleared while a page is read again from it (Options): everything else goes, and the reading plays to the end',
    { timeout: 120_000 },
    async () => {
      const first = await startReading('reliability-sentences.html');
      await waitForEnd(browser.sw, 90_000);
      await first.page.close();
      await seedAudioCache(browser.sw, 5, 4_000);
      await clearServerRequests(server);
      // Read again from the cache; the player reads each sentence's audio from it only shortly before its turn.
      const { page, paragraphs } = await startReading('reliability-sentences.html');
      await waitForState(browser.sw, (s) => unitsPlayed(s) >= 1, 60_000, 'the first sentence to play');
      const inHand = (await ext.state(browser.sw)).units.filter(
        (u) => u.cacheKey && ['ready', 'queued', 'playing'].includes(u.status),
      );
      await ext.clearCache(browser.sw);
      expect(await cachedKeys(fillerKeys(5)), 'the other entries are gone').toEqual([]);
      const end = await waitForEnd(browser.sw, 90_000);
      await expectCompleteReading(end, paragraphs);
      // The sentences not fetched yet were cleared too and are made again; those already with the reading were kept.
      const asked = new Set((await synthesisRequests(server)).map((r) => r.script));
      expect(inHand.length, 'sentences in hand at the clear').toBeGreaterThan(1);
      expect(inHand.filter((u) => asked.has(u.text)).map((u) => u.index)).toEqual([]);
      await page.close();
    },
  );

  it(
    'the browser restarts with the cache present: replaying a read page makes no synthesis request',
    { timeout: 150_000 },
    async () => {
      const { page, paragraphs } = await startReading('reliability-short.html');
      const first = await waitForEnd(browser.sw, 60_000);
      await expectCompleteReading(first, paragraphs);
      await page.close();
      expect((await synthesisRequests(server)).filter((r) => r.status === 200).length).toBe(first.units.length);

      // Relaunch on the same profile directory.
      const { chromium } = await import('playwright-core');
      const { chromiumPath, chromiumQuietFlags, extensionFlags, getServiceWorker } = await import('./helpers');
      await browser.context.close();
      const context = await chromium.launchPersistentContext(browser.profileDir, {
        executablePath: chromiumPath,
        headless: true,
        args: [...chromiumQuietFlags, ...extensionFlags()],
      });
      const sw = await getServiceWorker(context);
      const relaunched: LaunchedBrowser = { ...browser, context, sw };
      browser = relaunched;
      await waitForServiceWorker(browser);
      await clearServerRequests(server);
      const again = await startReading('reliability-short.html');
      const end = await waitForEnd(browser.sw, 60_000);
      await expectCompleteReading(end, again.paragraphs);
      expect(
        end.units.every((u) => u.fromCache === true),
        describeState(end),
      ).toBe(true);
      expect(await synthesisRequests(server), 'synthesis requests after the relaunch').toEqual([]);
      await again.page.close();
    },
  );
});
