// Chrome's PDF viewer: the document's text lives in the viewer plugin, not in a DOM the extension can read. A request
// to read it must say so plainly and send nothing. Headless Chromium downloads PDFs instead of showing the viewer,
// so this file runs headed on its own Xvfb display.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeState, ext, synthesisRequests, useExtensionSession, waitFor } from './helpers';

const session = useExtensionSession({ headed: true, fixtures: false });

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
  it('says PDFs cannot be read yet, and sends nothing', async () => {
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
    const end = await ext.read(session.browser.sw, tabId, { source: 'auto' });
    expect(end.status, describeState(end)).toBe('error');
    expect(end.error?.code).toBe('pdf_not_supported');
    expect(end.error?.message).toMatch(/PDF documents can't be read aloud yet/);
    expect(await synthesisRequests(session.server)).toEqual([]);
    await page.close();
  });
});
