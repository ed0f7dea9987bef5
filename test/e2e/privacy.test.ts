// The privacy question: asked before text from a site is first sent, in a window of its own (so it works when
// reading starts from a shortcut), once per site; each answer sticks. The loopback pre-allowance of test builds
// is cleared first, so every fixture server here is a site never answered.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadingState } from '../../utils/reading/reading-state';
import {
  clearServerRequests,
  describeState,
  configureExtension,
  ext,
  openOptions,
  openPopup,
  openTab,
  seedAudioCache,
  sleep,
  startFixtureServer,
  startPageServer,
  tabIdOf,
  requestsSettledAt,
  synthesisRequests,
  useExtensionSession,
  waitFor,
  waitForState,
  type FixtureServer,
} from './helpers';
import { longPdf, longPdfParagraph } from '../pdf/pdf-fixtures';
import { longReport, paragraph } from './long-report';

let sites: FixtureServer[];
const session = useExtensionSession({ fixtures: false, settings: { siteConsent: {} }, reset: false });

beforeAll(async () => {
  // Three servers on three ports: three different sites (origins).
  sites = await Promise.all([startFixtureServer(), startFixtureServer(), startFixtureServer()]);
});
afterAll(async () => {
  await Promise.all((sites ?? []).map((s) => s.close()));
});

const isPrompt = (p: Page) => p.url().includes('/privacy-prompt.html');
const openPrompts = () => session.browser.context.pages().filter((p) => isPrompt(p) && !p.isClosed());
const origin = (url: string) => new URL(url).origin;

/** Starts reading the page; returns the pending reading and the prompt page if one opened within `waitMs`. */
async function startReading(url: string, waitMs = 10_000) {
  const { tabId } = await openTab(session.browser, url);
  return startReadingTab(tabId, 'article', waitMs);
}

async function startReadingTab(tabId: number, source: 'article' | 'page', waitMs = 10_000) {
  await clearServerRequests(session.server);
  const promptPromise = session.browser.context
    .waitForEvent('page', { predicate: isPrompt, timeout: waitMs })
    .catch(() => null);
  const reading = ext.read(session.browser.sw, tabId, { source });
  const prompt = await Promise.race([promptPromise, reading.then(() => null)]);
  if (prompt) await prompt.waitForLoadState();
  return { reading, prompt };
}

/** The reading went ahead (the whole state in the message when it did not). */
async function expectNoError(reading: Promise<ReadingState>): Promise<void> {
  const state = await reading;
  expect(state.status, describeState(state)).not.toBe('error');
}

/** The question that opened; when none did, fails saying what the reading did instead. */
async function expectPrompt(started: { reading: Promise<ReadingState>; prompt: Page | null }): Promise<Page> {
  if (started.prompt) return started.prompt;
  const settled = await Promise.race([started.reading, sleep(500).then(() => undefined)]);
  throw new Error(`no privacy question opened; ${settled ? describeState(settled) : 'the reading is still waiting'}`);
}

/** The prompt's details, and the number of characters they say would be sent ("about 28,784 characters"). */
async function charactersSaid(prompt: Page): Promise<{ details: string; said: number }> {
  const details = (await prompt.getByTestId('prompt-details').textContent()) ?? '';
  return { details, said: Number(/about ([\d,.\s]+) characters/.exec(details)?.[1]?.replace(/\D/g, '') ?? NaN) };
}

async function synthesised(): Promise<number> {
  return (await synthesisRequests(session.server)).length;
}

describe('privacy prompt', () => {
  it('says what is sent and where, and "Always" sticks for that site', async () => {
    const url = sites[0]!.url('short-article.html');
    const started = await startReading(url);
    const { reading } = started;
    const prompt = await expectPrompt(started);
    const details = await prompt.getByTestId('prompt-details').textContent();
    expect(details).toContain(origin(url));
    expect(details).toContain(session.server.url);
    expect(details).toMatch(/about \d+ characters/);
    expect(await synthesised()).toBe(0); // nothing sent while the question is open
    await prompt.getByRole('button', { name: 'Always allow for this site' }).click();
    await expectNoError(reading);
    await waitFor(async () => (await synthesised()) > 0, 15_000, 'synthesis after "Always"');
    await ext.stop(session.browser.sw);

    // Second reading: no question, text is sent.
    const again = await startReading(sites[0]!.url('short-article.html'), 2_000);
    expect(again.prompt).toBeNull();
    await expectNoError(again.reading);
    await waitFor(async () => (await synthesised()) > 0, 15_000, 'synthesis on the second reading');
    await ext.stop(session.browser.sw);
    expect((await ext.getSettings(session.browser.sw)).siteConsent).toMatchObject({ [origin(url)]: 'always' });
  });

  it('tells how much of a long page is sent, not only of the first part the reading starts on', async () => {
    // A site of its own (a port of its own): no answer given for it yet.
    const own = await startPageServer();
    try {
      own.set('/long-report.html', longReport(200));
      const started = await startReading(own.url('/long-report.html'));
      const prompt = await expectPrompt(started);
      const { details, said } = await charactersSaid(prompt);
      const whole = [...Array(200).keys()].reduce((n, i) => n + paragraph(i + 1).length, 0);
      expect(said, details).toBeGreaterThan(0.9 * whole);
      expect(said, details).toBeLessThan(1.2 * whole);
      await prompt.getByRole('button', { name: 'Never for this site' }).click();
      expect((await started.reading).error?.code).toBe('privacy_denied');
    } finally {
      await own.close();
    }
  });

  it('tells how much of a long PDF is sent while its later pages are still being extracted', async () => {
    const own = await startPageServer();
    try {
      own.set('/thirty.pdf', await longPdf(30));
      // The test build holds the reader's extraction after 18 pages (utils/instrumentation/pdf-extraction-hold.ts):
      // the reading starts on the few pages whose blocks are settled by then.
      const page = await session.browser.context.newPage();
      const src = encodeURIComponent(own.url('/thirty.pdf'));
      await page.goto(`chrome-extension://${session.browser.extensionId}/pdf-reader.html?src=${src}&testHoldAfter=18`);
      await page.waitForSelector('html[data-vocalid-pdf-held]', { state: 'attached' });
      const started = await startReadingTab(await tabIdOf(session.browser.sw, page), 'page');
      const prompt = await expectPrompt(started);
      const { details, said } = await charactersSaid(prompt);
      const whole = [...Array(30).keys()].reduce((n, i) => n + longPdfParagraph(i + 1).length, 0);
      expect(said, details).toBeGreaterThan(0.8 * whole);
      expect(said, details).toBeLessThan(1.25 * whole);
      await prompt.getByRole('button', { name: 'Never for this site' }).click();
      expect((await started.reading).error?.code).toBe('privacy_denied');
      await page.close();
    } finally {
      await own.close();
    }
  });

  it('"Never" sends nothing, now and later, without asking again', async () => {
    const url = sites[1]!.url('short-article.html');
    const started = await startReading(url);
    const { reading } = started;
    const prompt = await expectPrompt(started);
    await prompt.getByRole('button', { name: 'Never for this site' }).click();
    const state = await reading;
    expect(state.status).toBe('error');
    expect(state.error?.code).toBe('privacy_denied');

    const again = await startReading(sites[1]!.url('short-article.html'), 2_000);
    expect(again.prompt).toBeNull();
    expect((await again.reading).error?.code).toBe('privacy_denied');
    await sleep(500);
    expect(await synthesised()).toBe(0);
  });

  it('"Allow once" reads now and asks again next time; closing the question sends nothing', async () => {
    const url = sites[2]!.url('short-article.html');
    const first = await startReading(url);
    await (await expectPrompt(first)).getByRole('button', { name: 'Allow once' }).click();
    await expectNoError(first.reading);
    await waitFor(async () => (await synthesised()) > 0, 15_000, 'synthesis after "Allow once"');
    await ext.stop(session.browser.sw);
    // A request of the first reading the server was still answering is logged when it ends, maybe after the next
    // reading cleared the log: only requests that arrived after the stop count.
    const stoppedAt = await requestsSettledAt(session.server);

    const second = await startReading(sites[2]!.url('short-article.html'));
    await (await expectPrompt(second)).close();
    const state = await second.reading;
    expect(state.error?.code).toBe('privacy_closed');
    await sleep(500);
    expect((await synthesisRequests(session.server)).filter((r) => r.arrivedAt > stoppedAt)).toEqual([]);
    expect((await ext.getSettings(session.browser.sw)).siteConsent).not.toHaveProperty(origin(url));
  });

  it('the popup waits with the question: Stop stays usable, and Esc ends with "Try again"', async () => {
    // A site asked "once" before: asked again.
    const first = await startReading(sites[2]!.url('short-article.html'));
    await expectPrompt(first);
    const tabId = (await ext.state(session.browser.sw)).tabId!;
    const popup = await openPopup(session.browser, tabId);
    await waitFor(
      async () => ((await popup.locator('.headline').textContent()) ?? '').includes('Waiting for your answer'),
      10_000,
      'the popup to say it waits for the privacy answer',
    );
    const stop = popup.getByRole('button', { name: 'Stop' });
    expect(await stop.isEnabled()).toBe(true);
    // Esc on the question: the reading ends saying why, and offers to ask again.
    await (await expectPrompt(first)).keyboard.press('Escape').catch(() => undefined);
    const closed = await first.reading;
    expect(closed.error).toMatchObject({ code: 'privacy_closed', action: 'retry' });
    await waitFor(
      async () => ((await popup.locator('.headline').textContent()) ?? '').includes('you closed the privacy question'),
      10_000,
      'the popup to say the question was closed',
    );
    expect(await popup.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    expect(await synthesised()).toBe(0);

    // Try again asks again; Stop in the popup closes the question and sends nothing.
    const again = session.browser.context.waitForEvent('page', { predicate: isPrompt, timeout: 10_000 });
    await popup.getByRole('button', { name: 'Try again' }).click();
    const prompt = await again;
    await waitFor(async () => await stop.isEnabled(), 10_000, 'Stop to be enabled while the question is open');
    await stop.click();
    await waitFor(async () => prompt.isClosed(), 10_000, 'the question to close on Stop');
    await waitForState(session.browser.sw, (s) => s.status === 'stopped', 10_000, 'the reading to stop');
    await sleep(500);
    expect(await synthesised()).toBe(0);
    expect(openPrompts()).toHaveLength(0);
    await popup.close();
  });

  it('the prompt is answered by keyboard alone', async () => {
    await configureExtension(session.browser.sw, session.server, { siteConsent: {} });
    const started = await startReading(sites[2]!.url('short-article.html'));
    const { reading } = started;
    const prompt = await expectPrompt(started);
    // The prompt focuses its first answer once drawn: Tabs pressed before that are undone by it (failed once in CI,
    // the focus back on "Allow once").
    await prompt.waitForFunction(() => document.activeElement instanceof HTMLButtonElement);
    // Tab through the answers to "Always allow for this site", then Enter.
    const focused = () => prompt.evaluate(() => document.activeElement?.textContent ?? '');
    for (let i = 0; i < 6 && (await focused()) !== 'Always allow for this site'; i++)
      await prompt.keyboard.press('Tab');
    expect(await focused()).toBe('Always allow for this site');
    // The answer closes the window, which may end the key press before Playwright sees it complete.
    await prompt.keyboard.press('Enter').catch(() => undefined);
    await expectNoError(reading);
    await ext.stop(session.browser.sw);
    expect((await ext.getSettings(session.browser.sw)).siteConsent).toMatchObject({
      [origin(sites[2]!.url('x'))]: 'always',
    });
    expect(openPrompts()).toHaveLength(0);
  });

  it('Options lists the answers and the deny-list blocks a site without asking', async () => {
    const options = await openOptions(session.browser);
    const list = options.getByTestId('site-consent-list');
    await list.waitFor();
    expect(await list.textContent()).toContain(`${origin(sites[2]!.url('x'))}: always send`);
    await options.getByLabel('Site (its subdomains are included)').fill('http://127.0.0.1:1/anything');
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    await waitFor(
      async () => ((await ext.getSettings(session.browser.sw)).denyList as string[]).includes('127.0.0.1'),
      5_000,
      'the deny-list entry',
    );
    const blocked = await startReading(sites[0]!.url('short-article.html'), 2_000);
    expect(blocked.prompt).toBeNull();
    expect((await blocked.reading).error?.code).toBe('privacy_denied');
    expect(await synthesised()).toBe(0);
    await options.getByRole('button', { name: 'Remove 127.0.0.1 from the list' }).click();
    await waitFor(
      async () => ((await ext.getSettings(session.browser.sw)).denyList as string[]).length === 0,
      5_000,
      'the deny-list to empty',
    );
  });

  it('shows a plain statement of what leaves the browser, the cache size and the minutes its limit holds, and clears the cache', async () => {
    // Audio of its own to show and clear: the readings above stop at their first request, and a streamed unit is
    // cached only once whole, so whether they left any is a race.
    await seedAudioCache(session.browser.sw, 2, 40_000);
    const options = await openOptions(session.browser);
    const statement = await options.getByTestId('privacy-statement').textContent();
    expect(statement).toContain(session.server.url);
    expect(statement).toMatch(/Nothing else leaves the browser/);
    await waitFor(
      async () => /in [1-9]\d* pieces/.test((await options.getByTestId('cache-usage').textContent()) ?? ''),
      10_000,
      'a non-empty cache figure',
    );
    // Chromium has WebCodecs' Opus encoder, so the limit is stated as Opus holds it: issue 18's target is at least
    // 3 minutes of speech per MB (as WAV at 22 kHz it would be 0.37).
    const capacity = (await options.getByTestId('cache-capacity').textContent()) ?? '';
    const [, capMB, minutes] = /^The ([\d,]+) MB limit holds about ([\d,]+) minutes of speech\.$/.exec(capacity) ?? [];
    expect(capMB, capacity).toBeDefined();
    expect(Number(minutes!.replaceAll(',', ''))).toBeGreaterThanOrEqual(3 * Number(capMB!.replaceAll(',', '')));
    await options.getByRole('button', { name: 'Clear cache' }).click();
    await waitFor(
      async () => /0 bytes in 0 pieces/.test((await options.getByTestId('cache-usage').textContent()) ?? ''),
      10_000,
      'an empty cache figure',
    );
    expect(await ext.cacheStats(session.browser.sw)).toMatchObject({ entries: 0 });
    await waitForState(session.browser.sw, (s) => s.status !== 'loading', 5_000);
  });
});
