// Test builds only (the benchmark's extraction figure): the same two steps as extractFromTab — inject the page
// script, ask it for the text — timed separately, so page-side extraction is not confused with injection.
import { browser } from 'wxt/browser';
import type { ReadSource } from '../messages/background-protocol';
import { pageMessenger } from '../messages/page-protocol';
import { PAGE_SCRIPT } from '../reading/page-extraction';

export interface ExtractionTiming {
  /** scripting.executeScript of the page script (parse + run; the listener installs once per page). */
  injectMs: number;
  /**
   * The extract message round trip: extraction in the page plus carrying the result back — on a long page its first
   * part only (`more`), unless the whole was asked for.
   */
  extractMs: number;
  /** The answer holds a long page's first blocks; the rest follow (ExtractedText.more). */
  more: boolean;
  blocks: number;
  chars: number;
  source: string;
}

export async function timeExtraction(tabId: number, source: ReadSource, whole = false): Promise<ExtractionTiming> {
  const t0 = performance.now();
  await browser.scripting.executeScript({ target: { tabId }, files: [PAGE_SCRIPT] });
  const t1 = performance.now();
  const extracted = await pageMessenger.sendMessage('page:extract', { source, ...(whole ? { whole } : {}) }, tabId);
  const t2 = performance.now();
  return {
    injectMs: t1 - t0,
    extractMs: t2 - t1,
    blocks: extracted?.blocks.length ?? 0,
    chars: extracted?.blocks.reduce((n, b) => n + b.text.length, 0) ?? 0,
    source: extracted?.source ?? 'none',
    more: extracted?.more === true,
  };
}
