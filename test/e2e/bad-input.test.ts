// Bad input, each answered by a clear message (or a complete reading), nothing lost, nothing crashed: the worker
// still reads a normal page afterwards. Server-side bad input lives in test/server/bad-inputs.test.ts and
// test/server/hardening.test.ts; docs/reliability.md lists all of them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  clearPlaybackLog,
  clearServerRequests,
  describeState,
  ext,
  openTab,
  playbackLog,
  playbackProblems,
  selectText,
  squash,
  synthesisRequests,
  useExtensionSession,
  waitForEnd,
  waitForState,
  type ReadingState,
} from './helpers';

const session = useExtensionSession({ settings: { rate: 4, prefetchSeconds: 1 }, reset: false });

beforeEach(async () => {
  await ext.setSettings(session.browser.sw, { baseUrl: session.server.url });
  await ext.stop(session.browser.sw);
  await ext.clearCache(session.browser.sw);
  await clearPlaybackLog(session.browser.sw);
  await clearServerRequests(session.server);
});

const code = (s: ReadingState) => s.error?.code;

async function expectCompleted(end: ReadingState) {
  const events = await playbackLog(session.browser.sw, end.sessionId);
  expect(playbackProblems(end, events), describeState(end)).toEqual([]);
}

/** Every synthesis request the server saw was valid (no 400 from a split surrogate or an over-long script). */
async function expectOnlyValidRequests() {
  const requests = await synthesisRequests(session.server);
  for (const r of requests) {
    expect(r.status, r.script).toBe(200);
    expect([...r.script].length).toBeLessThanOrEqual(256);
  }
  return requests;
}

/** Reading "the selection" with nothing readable selected: a message saying so, and no text sent anywhere. */
async function expectNothingSelected(tabId: number) {
  const end = await ext.read(session.browser.sw, tabId, { source: 'selection' });
  const final = end.status === 'error' ? end : await waitForEnd(session.browser.sw, 30_000);
  expect(final.status, describeState(final)).toBe('error');
  expect(final.error?.code).toBe('no_selection');
  expect(final.error?.message).toMatch(/nothing is selected/i);
  expect(await synthesisRequests(session.server)).toEqual([]);
}

/** Reads `text` put into the inputs page's #generated paragraph as a selection. */
async function readSelection(text: string) {
  const { page, tabId } = await openTab(session.browser, session.fixtures.url('reliability-inputs.html'));
  await page.evaluate((t) => {
    const p = document.getElementById('generated')!;
    p.textContent = t;
    const range = document.createRange();
    range.selectNodeContents(p);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  }, text);
  const started = await ext.read(session.browser.sw, tabId, { source: 'selection' });
  return { page, tabId, started };
}

describe('selections and text', () => {
  it('an empty selection: a clear message, nothing sent', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('reliability-inputs.html'));
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
    await expectNothingSelected(tabId);
    await page.close();
  });

  it('a whitespace-only selection: a clear message, nothing sent', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('reliability-inputs.html'));
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('blank')!);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await expectNothingSelected(tabId);
    await page.close();
  });

  it('a 1 MB selection: starts at once, units within the limit, stops cleanly', { timeout: 90_000 }, async () => {
    const sentence = 'This is one of many sentences in a very large selection. ';
    const { page } = await readSelection(sentence.repeat(Math.ceil(1_000_000 / sentence.length)));
    const playing = await waitForState(
      session.browser.sw,
      (s) => s.units.some((u) => u.status === 'played') || s.status === 'error',
      60_000,
      'the first sentence',
    );
    expect(playing.status, describeState({ ...playing, units: playing.units.slice(0, 5) })).not.toBe('error');
    expect(playing.units.length).toBeGreaterThan(1000);
    const stopped = (await ext.stop(session.browser.sw)) as ReadingState;
    expect(stopped.status).toBe('stopped');
    await expectOnlyValidRequests();
    await page.close();
  });

  it(
    '5 KB without punctuation and a 1000-character word: split within the limit, read to the end',
    { timeout: 120_000 },
    async () => {
      const words = Array.from({ length: 900 }, (_, i) => ['river', 'stone', 'cloud', 'maple'][i % 4]).join(' ');
      const { page, started } = await readSelection(`${words.slice(0, 5000)} ${'a'.repeat(1000)}`);
      expect(started.status, describeState(started)).not.toBe('error');
      expect(started.units.every((u) => [...u.text].length <= 256)).toBe(true);
      // Reading 6 KB takes a while: two units played prove the path; then stop.
      await waitForState(
        session.browser.sw,
        (s) => s.units.filter((u) => u.status === 'played').length >= 2,
        60_000,
        'two units',
      );
      await ext.stop(session.browser.sw);
      await expectOnlyValidRequests();
      await page.close();
    },
  );

  it('mixed scripts, emoji sequences and RTL: every request valid, read to the end', { timeout: 90_000 }, async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('reliability-inputs.html'));
    const text = await selectText(page, 'Hello', 'are fine.');
    await ext.read(session.browser.sw, tabId, { source: 'selection' });
    const end = await waitForEnd(session.browser.sw, 60_000);
    await expectCompleted(end);
    const requests = await expectOnlyValidRequests();
    const sent = squash(requests.map((r) => r.script).join(' '));
    for (const piece of ['שלום', 'عالم', 'こんにちは世界', '👩‍👩‍👧‍👦', '🇫🇷', '👍🏽']) expect(sent).toContain(piece);
    expect(squash(end.units.map((u) => u.text).join(' '))).toBe(squash(text));
    await page.close();
  });

  it('text that looks like HTML or script is read as text and never runs', { timeout: 90_000 }, async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('reliability-inputs.html'));
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await selectText(page, '<script>', 'only text.');
    await ext.read(session.browser.sw, tabId, { source: 'selection' });
    const end = await waitForEnd(session.browser.sw, 60_000);
    await expectCompleted(end);
    expect(squash(end.units.map((u) => u.text).join(' '))).toContain('<script>alert("gotcha")</script>');
    expect(dialogs).toBe(0);
    await page.close();
  });

  it(
    'a page that rewrites itself while being read: the extracted text is read to the end',
    { timeout: 90_000 },
    async () => {
      const { page, tabId } = await openTab(session.browser, session.fixtures.url('reliability-rewrite.html'));
      await ext.read(session.browser.sw, tabId, { source: 'article' });
      const end = await waitForEnd(session.browser.sw, 60_000);
      await expectCompleted(end);
      await page.close();
    },
  );
});

describe('pages that cannot be read', () => {
  it.each([
    ['chrome://version', 'chrome://version/'],
    ['the Web Store', 'https://chromewebstore.google.com/detail/abc'],
    ['a file:// page without file access', 'file:///etc/hostname'],
    ['another extension page (chrome://extensions)', 'chrome://extensions/'],
  ])('%s: "can\'t be read" and nothing sent', async (_name, url) => {
    // Without host access the extension cannot see these tabs' URLs: find the new tab by its id.
    const tabIds = () =>
      session.browser.sw.evaluate(async () => {
        const tabs = await (
          globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }
        ).chrome.tabs.query({});
        return tabs.map((t) => t.id!);
      });
    const before = new Set(await tabIds());
    const page = await session.browser.context.newPage();
    await page.goto(url).catch(() => undefined);
    const tabId = (await tabIds()).find((id) => !before.has(id)) ?? null;
    expect(tabId).not.toBeNull();
    const end = await ext.read(session.browser.sw, tabId!, { source: 'auto' });
    expect(end.status, describeState(end)).toBe('error');
    expect(code(end)).toMatch(/page_not_readable|no_text/);
    expect(end.error?.message).toMatch(/can't be read|no text/i);
    expect(await synthesisRequests(session.server)).toEqual([]);
    await page.close();
  });
});

describe('server address and answers', () => {
  it.each([
    ['plain http to another host', 'http://example.com'],
    ['not a URL', 'vocalid server please'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['credentials in the URL', 'https://user:pass@vocalid.co'],
  ])('a base URL that is %s is refused with a message', async (_name, baseUrl) => {
    const error = await session.browser.sw
      .evaluate(
        (u) =>
          (
            globalThis as unknown as { __vocalidTest: { settings: { set(p: object): Promise<unknown> } } }
          ).__vocalidTest.settings.set({ baseUrl: u }),
        baseUrl,
      )
      .then(
        () => null,
        (e: Error) => e.message,
      );
    expect(error).toMatch(/server address|https|URL/i);
    expect(((await ext.getSettings(session.browser.sw)) as { baseUrl: string }).baseUrl).toBe(session.server.url);
  });

  describe('a server that answers 200 with the wrong thing', () => {
    let fake: Server;
    let fakeUrl = '';
    let mode: 'html' | 'empty' | 'text' | 'huge-size-wav' | 'zero-rate-wav' = 'html';

    function wav(samples: number, sampleRate: number, claimedDataBytes: number): Buffer {
      const data = Buffer.alloc(samples * 2);
      for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(8000 * Math.sin(i / 8)), i * 2);
      const h = Buffer.alloc(44);
      h.write('RIFF', 0);
      h.writeUInt32LE(36 + claimedDataBytes, 4);
      h.write('WAVE', 8);
      h.write('fmt ', 12);
      h.writeUInt32LE(16, 16);
      h.writeUInt16LE(1, 20);
      h.writeUInt16LE(1, 22);
      h.writeUInt32LE(sampleRate, 24);
      h.writeUInt32LE(sampleRate * 2, 28);
      h.writeUInt16LE(2, 32);
      h.writeUInt16LE(16, 34);
      h.write('data', 36);
      h.writeUInt32LE(claimedDataBytes, 40);
      return Buffer.concat([h, data]);
    }

    beforeAll(async () => {
      fake = createServer((req, res) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        if (mode === 'html') {
          res
            .writeHead(200, { 'content-type': 'text/html' })
            .end('<!doctype html><html><head><title>Welcome to nginx!</title></head><body>It works</body></html>');
          return;
        }
        if (path.startsWith('/api/v1/oauth/token')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              access_token: 'fake-token',
              token_type: 'Bearer',
              expires_in: 3600,
              scope: 'user:info voice:list voice:synthesis',
            }),
          );
          return;
        }
        if (path.startsWith('/api/v1/external/voices/list')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              voices: [
                {
                  download_token: 'fake-voice',
                  can_stream: true,
                  can_download: false,
                  voice_id: 'v',
                  account_id: null,
                  expiration: null,
                  synthesis_count: 0,
                },
              ],
            }),
          );
          return;
        }
        if (mode === 'empty') res.writeHead(200, { 'content-type': 'audio/wav' }).end();
        else if (mode === 'text') res.writeHead(200, { 'content-type': 'audio/wav' }).end('this is not audio at all');
        else if (mode === 'huge-size-wav')
          res.writeHead(200, { 'content-type': 'audio/wav' }).end(wav(4000, 22050, 50_000_000));
        else res.writeHead(200, { 'content-type': 'audio/wav' }).end(wav(4000, 0, 8000));
      });
      await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
      fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      fake.closeAllConnections();
      await new Promise<void>((r) => fake.close(() => r()));
    });

    async function readShort(): Promise<ReadingState> {
      await ext.setSettings(session.browser.sw, { baseUrl: fakeUrl, voiceToken: '' });
      const { page, tabId } = await openTab(session.browser, session.fixtures.url('reliability-short.html'));
      await ext.read(session.browser.sw, tabId, { source: 'article' });
      const end = await waitForEnd(session.browser.sw, 60_000);
      await page.close();
      return end;
    }

    it.each([
      ['an HTML page with status 200', 'html' as const],
      ['an empty body', 'empty' as const],
      ['a body that is not WAV', 'text' as const],
      ['a WAV whose header claims a sample rate of 0', 'zero-rate-wav' as const],
    ])('%s: the reading stops with a message naming the server', { timeout: 90_000 }, async (_name, m) => {
      mode = m;
      const end = await readShort();
      expect(end.status, describeState(end)).toBe('error');
      expect(end.error?.message).toMatch(/server|audio|play/i);
      expect(end.error?.message.length).toBeLessThan(300);
    });

    it(
      'a WAV whose header claims far more data than it has: the audio that is there plays, the reading ends',
      { timeout: 90_000 },
      async () => {
        mode = 'huge-size-wav';
        const end = await readShort();
        await expectCompleted(end);
      },
    );
  });

  it('after all of the above, a normal page still reads to the end', { timeout: 60_000 }, async () => {
    await ext.setSettings(session.browser.sw, { baseUrl: session.server.url, voiceToken: '' });
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('reliability-short.html'));
    await ext.read(session.browser.sw, tabId, { source: 'article' });
    const end = await waitForEnd(session.browser.sw, 60_000);
    await expectCompleted(end);
    await page.close();
  });
});
