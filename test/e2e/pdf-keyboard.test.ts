// One real keystroke on the PDF reader page: the read-aloud shortcut, pressed with xdotool on headed Chromium under
// Xvfb (Chromium fires extension commands only for real input), reads the PDF the reader page shows.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePdf } from '../pdf/pdf-fixtures';
import {
  describeState,
  ext,
  pressShortcutInChromium,
  squash,
  tabIdOf,
  useExtensionSession,
  waitForState,
} from './helpers';

const session = useExtensionSession({ headed: true, fixtures: false, settings: { rate: 2 } });

let server: Server;
let pdfUrl = '';
beforeAll(async () => {
  const body = Buffer.from(await articlePdf());
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pdfUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/article.pdf`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the PDF reader page and the keyboard', () => {
  it('reads the PDF when the assigned read-aloud shortcut is pressed on the reader page', async () => {
    const readAloud = (await ext.commands(session.browser.sw)).find((c) => c.name === 'read-aloud');
    expect(readAloud?.shortcut, 'read-aloud has a shortcut').toBeTruthy();
    // The window's own tab, so the reader page is the one active tab of the one window.
    const page = session.browser.context.pages()[0] ?? (await session.browser.context.newPage());
    await page.goto(
      `chrome-extension://${session.browser.extensionId}/pdf-reader.html?src=${encodeURIComponent(pdfUrl)}`,
    );
    await page.waitForSelector('.pdf-block');
    await page.bringToFront();
    const tabId = await tabIdOf(session.browser.sw, page);
    expect((await ext.state(session.browser.sw)).status).toBe('idle');

    await pressShortcutInChromium(session.xvfb.display, readAloud!.shortcut!);

    const heard = await waitForState(
      session.browser.sw,
      (s) => s.tabId === tabId && s.units.some((u) => u.status === 'played'),
      30_000,
      'the shortcut to read the PDF',
    );
    expect(heard.status, describeState(heard)).not.toBe('error');
    expect(squash(heard.units[0]!.text)).toBe('Voices on Paper');
    await ext.stop(session.browser.sw);
  });
});
