// Tabs as the extension sees them, and the extension's own pages opened as a person opens them.
import type { Page, Worker } from 'playwright-core';
import type { LaunchedBrowser } from './chromium';
import type { SwGlobal } from './test-api-client';
import { waitFor } from './wait';

/** Open a page in a new tab and return it with its tab id as the extension sees it. */
export async function openTab(b: LaunchedBrowser, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await b.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const tabId = await tabIdOf(b.sw, page);
  return { page, tabId };
}

export async function tabIdOf(sw: Worker, page: Page): Promise<number> {
  const url = page.url();
  return waitFor(
    () =>
      sw.evaluate(async (u) => {
        const tabs = await (globalThis as SwGlobal).chrome.tabs.query({});
        return tabs.find((t) => t.url === u || t.pendingUrl === u)?.id ?? null;
      }, url),
    10_000,
    `the tab id of ${url}`,
  );
}

export async function openPopup(b: LaunchedBrowser, tabId: number): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`, { waitUntil: 'load' });
  return page;
}

/** The options page opened as a tab, as a person opens it from the extensions menu. */
export async function openOptions(b: LaunchedBrowser): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html`, { waitUntil: 'load' });
  await page.getByRole('heading', { name: /Options/ }).waitFor({ timeout: 10_000 });
  return page;
}

/** Select from the start of `fromText` to the end of `toText` (both inside the page's text) like a user would. */
export async function selectText(page: Page, fromText: string, toText: string): Promise<string> {
  return page.evaluate(
    ([from, to]) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const find = (needle: string) => {
        for (const node of nodes) {
          const i = node.data.indexOf(needle);
          if (i >= 0) return { node, i };
        }
        throw new Error(`text not found in page: ${needle}`);
      };
      const a = find(from);
      const b = find(to);
      const range = document.createRange();
      range.setStart(a.node, a.i);
      range.setEnd(b.node, b.i + to.length);
      const sel = window.getSelection();
      if (!sel) throw new Error('no selection object');
      sel.removeAllRanges();
      sel.addRange(range);
      return sel.toString();
    },
    [fromText, toText] as const,
  );
}
