// The worker's side of PDFs: a PDF tab (Chrome's viewer) is opened in our reader page, which then asks for the
// reading itself (background message `readPdf`); the reader page's tab is read without injecting anything.
import { browser } from 'wxt/browser';
import { i18n } from '../i18n/i18n';
import type { ReadingError } from '../reading/reading-state';
import { PDF_READER_PATH, readerUrlFor } from './reader-url';

const readerPage = () => browser.runtime.getURL(PDF_READER_PATH as '/pdf-reader.html');

export async function isPdfReaderTab(tabId: number): Promise<boolean> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  const url = tab?.url ?? tab?.pendingUrl;
  return !!url && new URL(url).origin + new URL(url).pathname === readerPage();
}

/**
 * The code of the reading that handed its PDF to the reader page: it ends there, stopped rather than failed (no
 * error card, no red badge), since the reader page's own reading follows at once.
 */
export const OPENED_IN_READER = 'pdf_opened_in_reader';

/** Opens the PDF at `url` in the reader page in the same tab; the reading ending here says where it went. */
export async function openInPdfReader(tabId: number, url: string): Promise<ReadingError> {
  await browser.tabs.update(tabId, { url: `${readerUrlFor(readerPage(), url)}&autoplay=1` });
  return {
    code: OPENED_IN_READER,
    message: i18n.t('pdf.openedInReader'),
  };
}
