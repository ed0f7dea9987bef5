import { describe, expect, it } from 'vitest';
import { checkPdfBytes, fetchPdf, MAX_PDF_BYTES, readPdfFile } from '../../utils/pdf/pdf-source';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('PDF sources', () => {
  it('refuses a PDF announced larger than the limit, before reading its body, and shows its size', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(bytes('%PDF-1.7\n'));
      },
    });
    const response = new Response(body, { headers: { 'content-length': String(300 * 1024 * 1024) } });
    await expect(fetchPdf('http://example.test/a.pdf', async () => response)).rejects.toThrow(
      'This PDF is too large to open here (300.0 MB; the limit is 200.0 MB).',
    );
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops a body without a length once it passes the limit', async () => {
    const chunk = new Uint8Array(64 * 1024 * 1024);
    chunk.set(bytes('%PDF-1.7'));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    await expect(fetchPdf('http://example.test/a.pdf', async () => new Response(body))).rejects.toThrow(
      /too large to open here \(256\.0 MB/,
    );
    expect(sent).toBeLessThanOrEqual(MAX_PDF_BYTES + 2 * chunk.length);
  });

  it('says which answer the server gave, and when the address cannot be reached', async () => {
    await expect(
      fetchPdf('http://example.test/a.pdf', async () => new Response('no', { status: 403 })),
    ).rejects.toThrow('Could not fetch the PDF: the server answered 403.');
    await expect(
      fetchPdf('http://example.test/a.pdf', async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).rejects.toMatchObject({
      unreachable: true,
      message: expect.stringMatching(/^Could not fetch the PDF from example.test/),
    });
  });

  it('tells a page served as a PDF, and an empty file, from a PDF', async () => {
    expect(() => checkPdfBytes(bytes('<!doctype html><p>Not found</p>'))).toThrow(/This is not a PDF/);
    expect(() => checkPdfBytes(new Uint8Array())).toThrow(/This PDF is empty/);
    expect(checkPdfBytes(bytes('\n\n%PDF-1.4\n'))).toHaveLength(11);
    await expect(readPdfFile(new Blob(['%PDF-1.4 rest']))).resolves.toHaveLength(13);
  });
});
