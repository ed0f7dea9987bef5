// Test builds in Firefox only: how a test reaches the background's test API (`__vocalidTest`). Chromium tests
// evaluate in the service worker over the DevTools protocol; Firefox's WebDriver BiDi neither shows extension
// contexts nor navigates to moz-extension:// (verified with Firefox ESR 153). So the test serves a small command
// queue on loopback (test/harness/firefox.ts), opens `http://127.0.0.1:<port>/__vocalid-bridge` in a tab, and
// this background, seeing that tab (it holds the loopback host permission in test builds), closes it and long-polls
// the queue: each command is one call of the test API (or a read the tests need), answered as JSON.
import { browser } from 'wxt/browser';
import type { AudioHostTestHooks } from '../playback/audio-host';
import type { TestApi } from './test-api';

const BRIDGE_PATH = '/__vocalid-bridge';

/** The queue's origin a tab's URL asks the background to serve, or null. Loopback only. */
export function bridgeOrigin(url: string | undefined): string | null {
  if (!url) return null;
  const parsed = URL.parse(url);
  if (!parsed || parsed.hostname !== '127.0.0.1' || parsed.pathname !== BRIDGE_PATH) return null;
  return parsed.origin;
}

export interface BridgeCommand {
  id: number;
  /** A test API method ("state", "settings.set", …), or one of the reads below. */
  op: string;
  args: unknown[];
}

async function run(api: TestApi, command: BridgeCommand): Promise<unknown> {
  switch (command.op) {
    case 'storage.session.get':
      // null: everything (the playback log is stored in pages).
      return browser.storage.session.get(command.args[0] as string | null);
    case 'tabs.query':
      return (await browser.tabs.query({})).map((t) => ({ id: t.id, url: t.url }));
    case 'commands.getAll':
      return browser.commands.getAll();
    // An extension page (popup.html?tab=…, options.html) opened as a tab, since the test cannot navigate there.
    case 'openExtensionPage': {
      const tab = await browser.tabs.create({ url: browser.runtime.getURL(command.args[0] as '/popup.html') });
      return { id: tab.id, url: tab.url };
    }
    // Firefox runs the player's host in this same background page: its cache compressions, once those queued are done.
    case 'audioHost.codecLog': {
      const host = (globalThis as typeof globalThis & { __vocalidOffscreenTest?: AudioHostTestHooks })
        .__vocalidOffscreenTest;
      await host?.compactorIdle();
      return host?.codecLog ?? null;
    }
    default: {
      const path = command.op.split('.');
      let owner: unknown = api;
      for (const key of path.slice(0, -1)) owner = (owner as Record<string, unknown>)[key];
      const fn = (owner as Record<string, unknown>)[path.at(-1)!];
      if (typeof fn !== 'function') throw new Error(`no test API method ${command.op}`);
      return (fn as (...a: unknown[]) => unknown).apply(owner, command.args);
    }
  }
}

const serving = new Set<string>();

async function serve(origin: string, api: TestApi): Promise<void> {
  if (serving.has(origin)) return;
  serving.add(origin);
  try {
    for (;;) {
      const response = await fetch(`${origin}${BRIDGE_PATH}/next`).catch(() => null);
      if (!response || response.status === 410) return; // the test ended
      if (response.status !== 200) continue; // nothing asked within the poll's window
      const command = (await response.json()) as BridgeCommand;
      // Not awaited: a reading's `read` must not hold up the state polls that watch it.
      void run(api, command).then(
        (result) => reply(origin, { id: command.id, result: result ?? null }),
        (err: unknown) => reply(origin, { id: command.id, error: String(err) }),
      );
    }
  } finally {
    serving.delete(origin);
  }
}

function reply(origin: string, body: { id: number; result?: unknown; error?: string }): Promise<unknown> {
  return fetch(`${origin}${BRIDGE_PATH}/result`, { method: 'POST', body: JSON.stringify(body) }).catch(() => undefined);
}

export function installTestBridge(api: TestApi): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    const origin = bridgeOrigin(change.url);
    if (!origin) return;
    void browser.tabs.remove(tabId).catch(() => undefined);
    void serve(origin, api);
  });
}
