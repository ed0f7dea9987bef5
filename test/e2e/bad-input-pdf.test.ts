// Chrome's PDF viewer: the document's text lives in the viewer plugin, not in a DOM the extension can read. A request
// to read it opens the document in our PDF reader page in the same tab, which reads it (test/e2e/pdf-reader.test.ts
// covers the reader itself). Headless Chromium downloads PDFs instead of showing the viewer, so this file runs headed
// on its own Xvfb display.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeState, ext, useExtensionSession, waitFor, waitForState } from './helpers';

const session = useExtensionSession({ headed: true, fixtures: false });

/** The toolbar badge's text now ('!' marks a failed reading). */
const badgeText = (sw: typeof session.browser.sw) =>
  sw.evaluate(() =>
    (
      globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
    ).chrome.action.getBadgeText({}),
  );

/** A one-page PDF with one line of text, its cross-reference offsets computed so viewers accept it. */
function onePagePdf(line: string): Buffer {
  const content = `BT /F1 18 Tf 20 70 Td (${line}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

let pdfServer: Server;
let pdfUrl = '';
beforeAll(async () => {
  const body = onePagePdf('A sentence inside a PDF document.');
  pdfServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => pdfServer.listen(0, '127.0.0.1', resolve));
  pdfUrl = `http://127.0.0.1:${(pdfServer.address() as AddressInfo).port}/document.pdf`;
});
afterAll(async () => {
  // The browser keeps its connection alive; close() alone would wait for it to time out.
  pdfServer.closeAllConnections();
  await new Promise<void>((resolve) => pdfServer.close(() => resolve()));
});

describe('the PDF viewer', () => {
  it('opens the PDF in the reader page, which reads it', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(pdfUrl).catch(() => undefined);
    const tabId = await waitFor(
      () =>
        session.browser.sw.evaluate(async (url) => {
          const tabs = await (
            globalThis as unknown as {
              chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
            }
          ).chrome.tabs.query({});
          return tabs.find((t) => t.url === url)?.id;
        }, pdfUrl),
      15_000,
      'the PDF tab',
    );
    const badges: string[] = [];
    const first = await ext.read(session.browser.sw, tabId, { source: 'auto' });
    // Nothing was read from the viewer itself, and handing the document to the reader page is no error: no error
    // card, no red badge, not even for a moment.
    expect(first.status, describeState(first)).not.toBe('error');
    expect(first.error).toBeUndefined();
    const end = await waitForState(
      session.browser.sw,
      (s) => {
        void badgeText(session.browser.sw).then((text) => badges.push(text));
        return s.status === 'done' && s.units.length > 0;
      },
      60_000,
      'the reader page reading the PDF',
    );
    badges.push(await badgeText(session.browser.sw));
    expect(badges).not.toContain('!');
    expect(end.tabId).toBe(tabId);
    // The fixture's line runs past its 300-point page: pdf.js leaves out the full stop set outside the page.
    expect(end.units.map((u) => u.text.replace(/\.$/, ''))).toEqual(['A sentence inside a PDF document']);
    expect(page.url()).toBe(
      `chrome-extension://${session.browser.extensionId}/pdf-reader.html?src=${encodeURIComponent(pdfUrl)}&autoplay=1`,
    );
    await page.close();
  });
});
