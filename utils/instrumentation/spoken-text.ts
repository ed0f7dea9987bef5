// Test builds only (`npm run bench:extraction`): what a reading of the tab would speak, without speaking it — the
// same extraction request a reading makes and the same units it would build, joined per block.
import { browser } from 'wxt/browser';
import type { ReadSource } from '../messages/background-protocol';
import { pageMessenger } from '../messages/page-protocol';
import { rememberInjectedTab } from '../reading/injected-tabs';
import { extractRequest, PAGE_SCRIPT } from '../reading/page-extraction';
import { productPacing } from '../reading/product-pacing';
import { buildUnits } from '../reading/reading-session';

export interface SpokenText {
  source: string;
  title: string;
  /** Per block read, its units' texts joined by a space (blocks with no unit are left out). */
  blocks: string[];
  /** The extract message round trip (extraction in the page plus carrying the result back). */
  extractMs: number;
  /** blocks[0] is the headline. */
  headline: boolean;
  /** What the rules of unheard-content.ts left out. */
  dropped: { rule: string; text: string }[];
}

export async function spokenText(tabId: number, source: ReadSource): Promise<SpokenText> {
  await browser.scripting.executeScript({ target: { tabId }, files: [PAGE_SCRIPT] });
  // As a reading does: the page script may then ask for its formulas' speech (background `mathSpeech`).
  const [request] = await Promise.all([extractRequest(source, { explain: true }), rememberInjectedTab(tabId)]);
  const t0 = performance.now();
  const extracted = await pageMessenger.sendMessage('page:extract', request, tabId);
  const extractMs = performance.now() - t0;
  const units = buildUnits(extracted, { sentencePauseMs: 0, paragraphPauseMs: 0, rate: 1, pacing: productPacing });
  const byBlock = new Map<number, string[]>();
  for (const unit of units) {
    const list = byBlock.get(unit.block) ?? [];
    list.push(unit.text);
    byBlock.set(unit.block, list);
  }
  return {
    source: extracted.source,
    title: extracted.title,
    blocks: [...byBlock.values()].map((texts) => texts.join(' ')),
    extractMs,
    headline: extracted.headline === true && units[0]?.block === 0,
    dropped: extracted.dropped ?? [],
  };
}
