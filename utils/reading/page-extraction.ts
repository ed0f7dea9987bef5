// Gets the text of a tab: injects the page script only when the user asks (activeTab + scripting, no content
// script on every page), then asks it over the page protocol.
import { i18n } from '../i18n/i18n';
import { browser } from 'wxt/browser';
import type { ReadSource } from '../messages/background-protocol';
import { pageMessenger, type ExtractedText, type ExtractRequest } from '../messages/page-protocol';
import type { ReadingFields } from '../settings/reading-fields';
import { getSettings } from '../settings/settings-store';
import { isPdfReaderTab, openInPdfReader } from '../pdf/open-in-reader';
import { rememberInjectedTab } from './injected-tabs';
import type { ReadingError } from './reading-state';

export const PAGE_SCRIPT = '/page-script.js';

export class ExtractionError extends Error {
  constructor(readonly readingError: ReadingError) {
    super(readingError.message);
  }
}

/** The extract request a reading sends: the source, and what the reading settings include. */
export async function extractRequest(
  source: ReadSource,
  options: { fromHere?: boolean; explain?: boolean; untilBlock?: number } = {},
): Promise<ExtractRequest> {
  const settings = await getSettings().catch(() => null);
  const reading: Partial<ReadingFields> = settings
    ? {
        readHeadline: settings.readHeadline,
        readBylines: settings.readBylines,
        codeBlocks: settings.codeBlocks,
        readTables: settings.readTables,
        readImageAlt: settings.readImageAlt,
      }
    : {};
  return {
    source,
    reading,
    ...(options.fromHere ? { fromHere: true } : {}),
    ...(options.explain ? { explain: true } : {}),
    ...(options.untilBlock !== undefined ? { untilBlock: options.untilBlock } : {}),
  };
}

export async function extractFromTab(
  tabId: number,
  source: ReadSource,
  options: { fromHere?: boolean; untilBlock?: number } = {},
): Promise<ExtractedText> {
  // Our PDF reader page answers the page protocol itself (no script to inject into an extension page).
  const reader = await isPdfReaderTab(tabId);
  try {
    if (!reader) await browser.scripting.executeScript({ target: { tabId }, files: [PAGE_SCRIPT] });
  } catch {
    // Chrome refuses chrome://, the Web Store and other extensions' pages, and pages we have no access to.
    throw new ExtractionError({
      code: 'page_not_readable',
      message: i18n.t('reading.errors.pageNotReadable'),
    });
  }
  // From now on the page script may send us its on-page controls (see injected-tabs.ts).
  const [request] = await Promise.all([extractRequest(source, options), rememberInjectedTab(tabId)]);
  const extracted = await pageMessenger.sendMessage('page:extract', request, tabId);
  if (extracted && extracted.blocks.length === 0 && extracted.contentType === 'application/pdf') {
    // Chrome's PDF viewer draws the text in a plugin: the page itself has none to give. Our reader page opens the
    // document in this tab and starts reading it there (nothing is sent from here).
    throw new ExtractionError(await openInPdfReader(tabId, extracted.url));
  }
  if (extracted && extracted.blocks.length === 0 && source === 'selection') {
    throw new ExtractionError({
      code: 'no_selection',
      message: i18n.t('reading.errors.nothingSelected'),
    });
  }
  if (!extracted || extracted.blocks.length === 0) {
    // Nothing is sent: the reading ends here. The whole page may still hold text the article left out.
    if (source === 'page')
      throw new ExtractionError({
        code: 'no_text',
        message: i18n.t('reading.errors.noTextSelectSome'),
      });
    throw new ExtractionError({
      code: 'no_text',
      message: i18n.t('reading.errors.noArticleText'),
      action: 'read-page',
    });
  }
  return extracted;
}
