// The PDF reader page in real Chromium, reading PDFs written by the tests (test/pdf/pdf-fixtures.ts) from a local
// server through the real VocaliD server: the units heard (reading order, joins, no running headers or footers),
// the highlight on the text layer, next paragraph, "Continue from" after reopening, and bad input said plainly.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptedPdf } from '../pdf/encrypted-pdf';
import { articlePdf, longPdf } from '../pdf/pdf-fixtures';
import {
  describeState,
  ext,
  pageFollowState,
  firstUnitStartedAfter,
  playerControl,
  playingUnit,
  squash,
  synthesisRequests,
  tabIdOf,
  useExtensionSession,
  waitFor,
  waitForEnd,
  waitForState,
  type ReadingState,
} from './helpers';

const session = useExtensionSession({ fixtures: false, settings: { rate: 2, showMiniPlayer: true } });

const files = new Map<string, { type: string; body: Buffer }>();
let base = '';
let server: Server;
beforeAll(async () => {
  files.set('/article.pdf', { type: 'application/pdf', body: Buffer.from(await articlePdf()) });
  files.set('/long.pdf', { type: 'application/pdf', body: Buffer.from(await longPdf(500)) });
  files.set('/secret.pdf', {
    type: 'application/pdf',
    body: encryptedPdf(['Secret words are read once the password is given.'], 'open sesame'),
  });
  files.set('/not-a-pdf.pdf', { type: 'application/pdf', body: Buffer.from('<html><body>Not found</body></html>') });
  const article = files.get('/article.pdf')!.body;
  files.set('/truncated.pdf', { type: 'application/pdf', body: article.subarray(0, Math.floor(article.length / 3)) });
  server = createServer((req, res) => {
    if (req.url === '/huge.pdf') {
      // Announces 300 MB: the reader must refuse before fetching it whole.
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(300 * 1024 * 1024) });
      res.write('%PDF-1.7\n');
      return;
    }
    const file = files.get(req.url ?? '');
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const readerUrl = (path: string) =>
  `chrome-extension://${session.browser.extensionId}/pdf-reader.html?src=${encodeURIComponent(base + path)}`;

async function openReader(path: string) {
  const page = await session.browser.context.newPage();
  await page.goto(readerUrl(path));
  const tabId = await tabIdOf(session.browser.sw, page);
  return { page, tabId };
}

const unitTexts = (units: { text: string }[]) => units.map((u) => squash(u.text));

describe('the PDF reader page', () => {
  it('reads headings and paragraphs in order: columns, hyphens joined, no headers, footers or page numbers', async () => {
    const { page, tabId } = await openReader('/article.pdf');
    await page.waitForSelector('.pdf-block');
    // The image-only page says so.
    await expect(page.locator('.pdf-page[data-page="3"] .pdf-no-text').textContent()).resolves.toBe(
      'This page has no text to read.',
    );
    const samples: { unit?: string; sentence: string | null }[] = [];
    await ext.read(session.browser.sw, tabId, { source: 'page' });
    const sampling = (async () => {
      for (let i = 0; i < 400; i++) {
        const state = await ext.state(session.browser.sw);
        if (['done', 'error', 'stopped'].includes(state.status)) return;
        const playing = state.units.find((u) => u.status === 'playing');
        const follow = await pageFollowState(page);
        if (playing) samples.push({ unit: playing.text, sentence: follow.sentence });
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
    const end = await waitForEnd(session.browser.sw);
    await sampling;
    expect(end.status, describeState(end)).toBe('done');
    const heard = unitTexts(end.units).join(' ');
    expect(heard).toBe(
      [
        'Voices on Paper',
        'Reading a document aloud needs information about its layout and its lines.',
        'Why Layout Matters',
        'A listener should hear sentences, not the line breaks of the printed page.',
        'The left column comes first and continues down the page here.',
        'Left again, in a second paragraph of the left column.',
        'The right column follows after the left one has been read.',
        'Right again, the last words of the page are read last.',
        'After the picture the reading goes on, and this paragraph runs over the end of the page to finish on the next one.',
      ].join(' '),
    );
    expect(heard).not.toMatch(/Quarterly|chapter two|page \d/);
    // The paragraph over the page break is one block (one unit here), with its text on both pages' text layers.
    const over = end.units.find((u) => u.text.startsWith('After the picture'))!;
    expect(squash(over.text)).toMatch(/over the end of the page to finish/);
    const overBlock = `.pdf-block[data-block="${over.block}"]`;
    expect(await page.locator(`.pdf-page[data-page="4"] ${overBlock}`).textContent()).toMatch(/end of the$/);
    expect(await page.locator(`.pdf-page[data-page="5"] ${overBlock}`).textContent()).toMatch(/^page to finish/);
    // The sentence highlighted on the text layer is the unit being heard (its characters, line breaks aside).
    const matched = samples.filter((s) => s.sentence !== null);
    expect(matched.length).toBeGreaterThan(3);
    // A sample can straddle a unit change (state read, then the page): most samples, not all, must agree.
    const nows = (t: string) => t.replace(/\s+/g, '');
    const agreeing = matched.filter((s) => nows(s.sentence!) === nows(s.unit!));
    expect(agreeing.length, JSON.stringify(matched.slice(0, 5))).toBeGreaterThan(matched.length * 0.7);
    // The hyphenated word is highlighted whole: both halves, the hyphen left out (that unit has no line-break space).
    expect(agreeing.map((s) => s.sentence)).toContain(
      'Reading a document aloud needs information about its layout and its lines.',
    );
    await page.close();
  });

  it('moves to the next paragraph from the on-page player, and offers to continue there after reopening', async () => {
    const first = await openReader('/article.pdf');
    await first.page.waitForSelector('.pdf-block');
    await ext.read(session.browser.sw, first.tabId, { source: 'page' });
    await waitForState(session.browser.sw, (s) => !!playingUnit(s), 30_000);
    const clickAt = Date.now();
    await playerControl(first.page, 'next-paragraph').click();
    const { unit: next, state } = await firstUnitStartedAfter(session.browser.sw, clickAt, 'a unit after the click');
    // The unit heard when the button was pressed (the seek applies to it), and the one heard next.
    const atClick = state.units.find(
      (u) => u.startedAt! <= clickAt && (u.endedAt === undefined || u.endedAt > clickAt),
    );
    expect(atClick, describeState(state)).toBeDefined();
    expect(next.block).toBe(atClick!.block + 1);
    expect(next.start).toBe(0);
    // Let the position be saved, then leave and come back.
    await new Promise((r) => setTimeout(r, 500));
    // The state as the reading stopped: a sentence may start between reading the state and stopping.
    const stopped = (await ext.stop(session.browser.sw)) as ReadingState;
    const last = stopped.units.filter((u) => u.startedAt !== undefined).sort((x, y) => y.startedAt! - x.startedAt!)[0]!;
    await first.page.close();
    const again = await openReader('/article.pdf');
    await again.page.waitForSelector('.pdf-block');
    const reopened = await ext.read(session.browser.sw, again.tabId, { source: 'page' });
    // The offer names the sentence heard last, by its first eight words.
    expect(reopened.resumeOffer?.firstWords, describeState(reopened)).toBe(
      squash(last.text).split(' ').slice(0, 8).join(' '),
    );
    await again.page
      .getByText(/Continue from/)
      .first()
      .waitFor({ timeout: 10_000 });
    await ext.stop(session.browser.sw);
    await again.page.close();
  });

  it('opens a 500-page PDF at once and reads it from its first page (figures logged)', async () => {
    const t0 = Date.now();
    const { page, tabId } = await openReader('/long.pdf');
    await page.waitForSelector('.pdf-block');
    const shownMs = Date.now() - t0;
    const triggered = Date.now();
    await ext.read(session.browser.sw, tabId, { source: 'page' });
    const playing = await waitForState(session.browser.sw, (s) => s.firstAudioAt !== undefined, 60_000);
    const firstAudioMs = playing.firstAudioAt! - triggered;
    // The first pages are read while the others are extracted: the reading started with part of the document.
    const unitsAtFirstAudio = playing.units.length;
    expect(unitTexts(playing.units.slice(0, 2))).toEqual([
      'Page 1 begins its paragraph here and it ends on the next line of page 1.',
      'Page 2 begins its paragraph here and it ends on the next line of page 2.',
    ]);
    // The rest arrives while the first pages are heard: every page once, in order.
    const all = await waitForState(session.browser.sw, (s) => s.units.length >= 500, 60_000, 'all 500 pages');
    expect(all.units).toHaveLength(500);
    expect(all.units.map((u) => u.block)).toEqual([...Array(500).keys()]);
    expect(squash(all.units[499]!.text)).toBe(
      'Page 500 begins its paragraph here and it ends on the next line of page 500.',
    );
    const { firstMs, allMs } = await page.evaluate(() => ({
      firstMs: document.documentElement.dataset.vocalidPdfFirstMs,
      allMs: document.documentElement.dataset.vocalidPdfExtractMs,
    }));
    console.log(
      `[pdf figures] 500 pages: first block shown ${shownMs} ms after opening (enough text to start ${firstMs} ms ` +
        `into extraction, all pages ${allMs} ms); first audio ${firstAudioMs} ms after read, ` +
        `when the reading had ${unitsAtFirstAudio} of 500 units`,
    );
    // Canvases are drawn only near the viewport.
    expect(await page.locator('canvas').count()).toBeLessThan(10);
    await ext.stop(session.browser.sw);
    await page.close();
  });

  it(
    'keeps memory flat while moving through 50 pages of a 500-page PDF (figures logged)',
    { timeout: 300_000 },
    async () => {
      const { page, tabId } = await openReader('/long.pdf');
      await page.waitForSelector('.pdf-block');
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const heap = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        const { metrics } = await cdp.send('Performance.getMetrics');
        const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
        return { heapMb: +(get('JSHeapUsedSize') / 2 ** 20).toFixed(1), nodes: get('Nodes') };
      };
      await ext.read(session.browser.sw, tabId, { source: 'page' });
      await waitForState(session.browser.sw, (s) => !!playingUnit(s) && s.units.length >= 500, 60_000, 'all pages in');
      const before = await heap();
      const canvases: number[] = [];
      // Next paragraph from the on-page player, 50 times: each page is one paragraph, auto-scroll follows.
      for (let step = 1; step <= 50; step++) {
        await playerControl(page, 'next-paragraph').click();
        await waitForState(
          session.browser.sw,
          (s) => (playingUnit(s)?.index ?? -1) >= step,
          30_000,
          `page ${step + 1} playing`,
        );
        canvases.push(await page.locator('canvas').count());
      }
      const after = await heap();
      // Each page is one paragraph and one unit: the page being heard is the playing unit's index + 1 (a click made
      // while the previous seek was still under way may have moved one page further than 51). Read when a unit is
      // playing: between two paragraphs, in their pause, none is.
      const now = await waitForState(session.browser.sw, (s) => !!playingUnit(s), 10_000, 'a page playing');
      const heard = playingUnit(now)!.index + 1;
      expect(heard).toBeGreaterThanOrEqual(51);
      const pageInView = (n: number) =>
        page.evaluate((p) => {
          const box = document.querySelector(`.pdf-page[data-page="${p}"]`)!.getBoundingClientRect();
          return box.top < innerHeight && box.bottom > 0;
        }, n);
      // Auto-scroll follows (smoothly, so give it a moment).
      const pageShown = await waitFor(() => pageInView(heard), 10_000, `page ${heard} scrolled into view`).then(
        () => true,
        () => false,
      );
      console.log(
        `[pdf figures] 50 pages: reader page heap ${before.heapMb} MB / ${before.nodes} nodes after opening, ` +
          `${after.heapMb} MB / ${after.nodes} nodes after moving through 50 pages; most canvases at once ` +
          `${Math.max(...canvases)}`,
      );
      // Auto-scroll followed to page 51, and canvases far from the viewport were released all along.
      expect(pageShown).toBe(true);
      expect(Math.max(...canvases)).toBeLessThan(10);
      await ext.stop(session.browser.sw);
      await page.close();
    },
  );

  it('asks for the password of a protected PDF, says a wrong one plainly, and reads it with the right one', async () => {
    const { page, tabId } = await openReader('/secret.pdf');
    await page.waitForSelector('#password-form:not([hidden])');
    await expect(page.locator('#password-label').textContent()).resolves.toMatch(/protected by a password/);
    await page.fill('#password', 'wrong guess');
    await page.click('#password-form button');
    await page.waitForSelector('#password-form:not([hidden])');
    await expect(page.locator('#password-label').textContent()).resolves.toMatch(/That password is not right/);
    // Nothing to read until the document is open: nothing is sent.
    expect(await synthesisRequests(session.server)).toEqual([]);
    await page.fill('#password', 'open sesame');
    await page.click('#password-form button');
    await page.waitForSelector('.pdf-block');
    await ext.read(session.browser.sw, tabId, { source: 'page' });
    const end = await waitForEnd(session.browser.sw);
    expect(unitTexts(end.units)).toEqual(['Secret words are read once the password is given.']);
    await page.close();
  });

  it('opens a local file from the picker, named by its content, and reads it', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(`chrome-extension://${session.browser.extensionId}/pdf-reader.html`);
    const tabId = await tabIdOf(session.browser.sw, page);
    // A local file is a local document for the privacy answers ('file://'); answered here as a user would once.
    await ext.setSettings(session.browser.sw, { siteConsent: { 'file://': 'always' } });
    await page.setInputFiles('#file', {
      name: 'local.pdf',
      mimeType: 'application/pdf',
      buffer: files.get('/article.pdf')!.body,
    });
    await page.waitForSelector('.pdf-block');
    expect(new URL(page.url()).searchParams.get('fp')).toMatch(/^[0-9a-f]{32}$/);
    await ext.read(session.browser.sw, tabId, { source: 'page' });
    const end = await waitForState(session.browser.sw, (s) => s.units.some((u) => u.status === 'played'), 30_000);
    expect(squash(end.units[0]!.text)).toBe('Voices on Paper');
    await ext.stop(session.browser.sw);
    await page.close();
  });

  it('opens a local file dropped on the page, and reads it', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(`chrome-extension://${session.browser.extensionId}/pdf-reader.html`);
    const tabId = await tabIdOf(session.browser.sw, page);
    await ext.setSettings(session.browser.sw, { siteConsent: { 'file://': 'always' } });
    await expect(page.locator('#drop-hint').isVisible()).resolves.toBe(true);
    // The file as the browser hands a dropped one to the page: a DataTransfer holding a File.
    const dropped = await page.evaluateHandle((base64) => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], 'dropped.pdf', { type: 'application/pdf' }));
      return transfer;
    }, files.get('/article.pdf')!.body.toString('base64'));
    await page.dispatchEvent('#pages', 'dragover', { dataTransfer: dropped });
    // While a file is dragged over it, the page shows where it may be dropped.
    await expect(page.evaluate(() => document.body.classList.contains('dragging'))).resolves.toBe(true);
    await page.dispatchEvent('#pages', 'drop', { dataTransfer: dropped });
    await page.waitForSelector('.pdf-block');
    await expect(page.evaluate(() => document.body.classList.contains('dragging'))).resolves.toBe(false);
    await expect(page.locator('#title').textContent()).resolves.toBe('A Test Article');
    expect(new URL(page.url()).searchParams.get('fp')).toMatch(/^[0-9a-f]{32}$/);
    await ext.read(session.browser.sw, tabId, { source: 'page' });
    const end = await waitForState(session.browser.sw, (s) => s.units.some((u) => u.status === 'played'), 30_000);
    expect(squash(end.units[0]!.text)).toBe('Voices on Paper');
    await ext.stop(session.browser.sw);
    await page.close();
  });

  for (const [path, message] of [
    ['/not-a-pdf.pdf', /This is not a PDF/],
    ['/truncated.pdf', /damaged or incomplete/],
    ['/huge.pdf', /too large to open here \(300\.0 MB; the limit is 200\.0 MB\)/],
    ['/missing.pdf', /the server answered 404/],
  ] as const) {
    it(`says plainly what is wrong with ${path}, and sends nothing`, async () => {
      const { page, tabId } = await openReader(path);
      await page.waitForSelector('#message:not([hidden])');
      await expect(page.locator('#message').textContent()).resolves.toMatch(message);
      const end = await ext.read(session.browser.sw, tabId, { source: 'page' });
      expect(end.status).toBe('error');
      expect(await synthesisRequests(session.server)).toEqual([]);
      await page.close();
    });
  }
});
