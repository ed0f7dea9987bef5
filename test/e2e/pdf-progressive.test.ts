// A long PDF read while its later pages are still being extracted, in real Chromium against the real server. The
// test build holds the reader page's extraction after its first pages until the test releases it
// (utils/instrumentation/pdf-extraction-hold.ts), so the listener can be driven to the end of what was extracted:
// the reading waits there and goes on with the later pages when they arrive; and a stored position in pages not yet
// extracted is offered ("Continue from '…'") once its page is in, and continuing starts there.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longPdf, longPdfParagraph } from '../pdf/pdf-fixtures';
import {
  describeState,
  ext,
  firstUnitStartedAfter,
  playbackLog,
  playingUnit,
  sleep,
  squash,
  tabIdOf,
  useExtensionSession,
  waitForState,
  type ReadingState,
} from './helpers';

const session = useExtensionSession({ fixtures: false, settings: { rate: 2, showMiniPlayer: true } });

const PAGES = 30;
/** Pages extracted before the hold: page p is decided once page p + 10 is in, so some seven blocks are settled. */
const HELD_AFTER = 18;

let body: Buffer;
let base = '';
let server: Server;
beforeAll(async () => {
  body = Buffer.from(await longPdf(PAGES));
  server = createServer((req, res) => {
    if (req.url !== '/thirty.pdf') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The reader page on the 30-page PDF; `hold`: its extraction stops after that many pages until released. */
async function openReader(hold?: number) {
  const page = await session.browser.context.newPage();
  const src = encodeURIComponent(`${base}/thirty.pdf`);
  const testHold = hold === undefined ? '' : `&testHoldAfter=${hold}`;
  await page.goto(`chrome-extension://${session.browser.extensionId}/pdf-reader.html?src=${src}${testHold}`);
  if (hold !== undefined) await page.waitForSelector('html[data-vocalid-pdf-held]', { state: 'attached' });
  else await page.waitForSelector('html[data-vocalid-pdf-extract-ms]', { state: 'attached' });
  return { page, tabId: await tabIdOf(session.browser.sw, page) };
}

const release = (page: import('playwright-core').Page) =>
  page.evaluate(() => (globalThis as unknown as { __vocalidPdfTest: { release(): void } }).__vocalidPdfTest.release());

/** The unit heard last when a reading was stopped (a sentence may start between reading the state and stopping). */
const lastStarted = (state: ReadingState) =>
  state.units.filter((u) => u.startedAt !== undefined).sort((x, y) => y.startedAt! - x.startedAt!)[0]!;
const words8 = (text: string) => squash(text).split(' ').slice(0, 8).join(' ');

describe('a long PDF read while it is extracted', () => {
  it(
    'waits at the end of the pages extracted so far, reads the later ones as they arrive, and ends after the last',
    { timeout: 300_000 },
    async () => {
      const sw = session.browser.sw;
      const { page, tabId } = await openReader(HELD_AFTER);
      const started = await ext.read(sw, tabId, { source: 'page' });
      // The reading starts with the pages extracted so far and knows more follow.
      const soFar = started.units.length;
      expect(started.moreToCome, describeState(started)).toBe(true);
      expect(soFar).toBeGreaterThanOrEqual(4);
      expect(soFar).toBeLessThan(HELD_AFTER);
      await waitForState(sw, (s) => !!playingUnit(s), 30_000, 'the first page heard');
      // End on the on-page player's slider: the last sentence there is so far.
      await page.locator('vocalid-mini-player input.position').focus();
      await page.keyboard.press('End');
      const waiting = await waitForState(
        sw,
        (s) => s.units.every((u) => u.status === 'played'),
        60_000,
        'the last unit extracted so far heard',
      );
      expect(waiting.units, describeState(waiting)).toHaveLength(soFar);
      expect(waiting.units.at(-1)!.skipped, 'the last unit extracted so far was heard, not skipped').toBeUndefined();
      // The reading waits for the rest: not done, however long the extraction takes (two hand-over intervals here).
      expect(waiting.status, describeState(waiting)).toBe('loading');
      await sleep(3500);
      const still = await ext.state(sw);
      expect([still.status, still.units.length], describeState(still)).toEqual(['loading', soFar]);

      await release(page);
      const seen: { status: string; units: number }[] = [];
      let end: ReadingState;
      for (;;) {
        end = await ext.state(sw);
        seen.push({ status: end.status, units: end.units.length });
        if (['done', 'stopped', 'error'].includes(end.status)) break;
        await sleep(200);
        if (seen.length > 1000) throw new Error(`no end: ${describeState(end)}`);
      }
      expect(end.status, describeState(end)).toBe('done');
      // Done only once the last page was in: never while units were still to come.
      expect(seen.filter((s) => s.status === 'done' && s.units < PAGES)).toEqual([]);
      expect(end.units.map((u) => u.block)).toEqual([...Array(PAGES).keys()]);
      expect(end.units.map((u) => squash(u.text))).toEqual(
        [...Array(PAGES).keys()].map((i) => longPdfParagraph(i + 1)),
      );
      // Every unit from the last one extracted before the hold to the end heard once, in order; the ones the End
      // key skipped never heard after.
      const log = await playbackLog(sw, end.sessionId);
      const starts = log.filter((e) => e.kind === 'started').map((e) => e.index);
      const ends = log.filter((e) => e.kind === 'ended').map((e) => e.index);
      const after = [...Array(PAGES - soFar + 1).keys()].map((i) => soFar - 1 + i);
      expect(starts.filter((i) => i >= soFar - 1)).toEqual(after);
      expect(ends.filter((i) => i >= soFar - 1)).toEqual(after);
      expect(new Set(starts).size, `started: ${starts.join(',')}`).toBe(starts.length);
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
      await page.close();
    },
  );

  it(
    'offers to continue from a page not yet extracted once it is, and continues there; the popup way waits for it',
    { timeout: 300_000 },
    async () => {
      const sw = session.browser.sw;
      // Read from page 25 (read from here), hear a little of it, leave.
      const first = await openReader();
      const from = 24;
      await ext.read(sw, first.tabId, { source: 'page', fromBlock: from });
      await waitForState(sw, (s) => playingUnit(s)?.block === from, 30_000, 'page 25 heard');
      await sleep(500);
      const stopped = (await ext.stop(sw)) as ReadingState;
      const last = lastStarted(stopped);
      expect(last.block).toBeGreaterThanOrEqual(from);
      await first.page.close();

      // Reopened, with the extraction held before that page: read from the start, no offer yet.
      const again = await openReader(HELD_AFTER);
      const reading = await ext.read(sw, again.tabId, { source: 'page' });
      expect(reading.units.at(-1)!.block, describeState(reading)).toBeLessThan(last.block);
      expect(reading.resumeOffer).toBeUndefined();
      await waitForState(sw, (s) => !!playingUnit(s), 30_000, 'the first page heard');
      // The later pages arrive: the offer appears, naming the sentence heard last.
      await release(again.page);
      const offered = await waitForState(sw, (s) => s.resumeOffer !== undefined, 30_000, 'the resume offer');
      expect(offered.resumeOffer!.firstWords).toBe(words8(last.text));
      expect(offered.units[offered.resumeOffer!.index]!.block).toBe(last.block);
      const card = again.page.locator('vocalid-resume-offer');
      await card.getByText(/Continue from/).waitFor({ timeout: 10_000 });
      const clickAt = Date.now();
      await card.locator('button[data-action="continue"]').click();
      const { unit } = await firstUnitStartedAfter(sw, clickAt, 'a unit after Continue');
      expect([unit.block, unit.start]).toEqual([last.block, last.start]);
      await sleep(500);
      const left = (await ext.stop(sw)) as ReadingState;
      const leftAt = lastStarted(left);
      await again.page.close();

      // The popup's "Continue from" (a reading that resumes) on a reopened document held before that page: the
      // reading waits for the page to be extracted and starts there.
      const third = await openReader(HELD_AFTER);
      const resuming = ext.read(sw, third.tabId, { source: 'page', resume: true });
      await sleep(1500);
      expect((await ext.state(sw)).status).toBe('extracting');
      await release(third.page);
      const resumed = await resuming;
      expect([resumed.units[0]!.block, resumed.units[0]!.start], describeState(resumed)).toEqual([
        leftAt.block,
        leftAt.start,
      ]);
      expect(squash(resumed.units[0]!.text)).toBe(squash(leftAt.text));
      await waitForState(sw, (s) => s.units[0]?.status === 'playing', 30_000, 'the resumed page heard');
      await ext.stop(sw);
      await third.page.close();
    },
  );
});
