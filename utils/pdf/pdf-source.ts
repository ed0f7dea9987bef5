// Getting a PDF's bytes into the reader page, with the reasons it can fail said plainly: too large (the size
// shown), not reachable, not a PDF at all (a page or an error served as a PDF). Nothing is sent anywhere.
import { i18n } from '../i18n/i18n';
import { formatByteSize } from '../i18n/locale-format';

/** Larger PDFs are refused before they are fetched whole (the reader keeps the bytes in memory). */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;

export class PdfSourceError extends Error {
  /** The request itself failed (no network, or no access to the site): asking for access may help. */
  readonly unreachable: boolean;
  constructor(message: string, unreachable = false) {
    super(message);
    this.unreachable = unreachable;
  }
}

/** A size in the UI language's digits and unit words ("300.0 MB", "300,0 MB", "٣٠٠٫٠ م.ب."). */
export const formatSize = (bytes: number) => formatByteSize(bytes, { kilobyteDigits: 0, byteDisplay: 'short' });

const tooLarge = (bytes: number) =>
  new PdfSourceError(i18n.t('pdf.tooLarge', { size: formatSize(bytes), limit: formatSize(MAX_PDF_BYTES) }));

/** A PDF file starts with "%PDF-" within its first 1024 bytes (ISO 32000-2 §7.5.2 allows leading bytes). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

export function checkPdfBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) throw new PdfSourceError(i18n.t('pdf.empty'));
  if (!looksLikePdf(bytes)) throw new PdfSourceError(i18n.t('pdf.notPdf'));
  return bytes;
}

/** Fetches a PDF, refusing it early when its announced or received size passes the limit. */
export async function fetchPdf(url: string, fetchImpl: typeof fetch = fetch): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchImpl(url, { credentials: 'include' });
  } catch {
    throw new PdfSourceError(i18n.t('pdf.unreachable', { host: new URL(url).host || url }), true);
  }
  if (!response.ok) throw new PdfSourceError(i18n.t('pdf.httpError', { status: String(response.status) }));
  const announced = Number(response.headers.get('content-length') ?? NaN);
  if (announced > MAX_PDF_BYTES) {
    await response.body?.cancel();
    throw tooLarge(announced);
  }
  const reader = response.body?.getReader();
  if (!reader) return checkPdfBytes(new Uint8Array(await response.arrayBuffer()));
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.length;
    if (received > MAX_PDF_BYTES) {
      await reader.cancel();
      throw tooLarge(received);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer());
  return checkPdfBytes(bytes);
}

export async function readPdfFile(file: Blob): Promise<Uint8Array> {
  if (file.size > MAX_PDF_BYTES) throw tooLarge(file.size);
  return checkPdfBytes(new Uint8Array(await file.arrayBuffer()));
}

/** A local file's reading positions key: the first 16 bytes of the SHA-256 of its content, in hex. */
export async function fingerprintOf(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
