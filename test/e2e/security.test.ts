// What untrusted code can reach: a content script of the extension (running inside a web page) must not read
// secrets or tokens, and a web page must not be able to make the extension synthesise anything.
import { beforeAll, describe, expect, it } from 'vitest';
import { clearServerRequests, ext, openTab, sleep, synthesisRequests, useExtensionSession } from './helpers';

const session = useExtensionSession({ reset: false });

beforeAll(async () => {
  // Real secrets and a real token in place, as after a sign-in.
  await session.browser.sw.evaluate(async () => {
    const c = (
      globalThis as unknown as {
        chrome: { storage: { local: { set(v: object): Promise<void> }; session: { set(v: object): Promise<void> } } };
      }
    ).chrome;
    await c.storage.local.set({
      secrets: { clientSecret: 'super-secret-value', refreshToken: 'refresh-secret-value' },
    });
    await c.storage.session.set({
      vocalidAccessToken: {
        accessToken: 'access-secret-value',
        expiresAt: Date.now() + 60_000,
        obtainedAt: Date.now(),
        scope: '',
        baseUrl: 'x',
        clientId: 'y',
      },
    });
  });
});

describe('content scripts', () => {
  it('a script of the extension injected into a page cannot read storage.local or storage.session', async () => {
    const { tabId } = await openTab(session.browser, session.fixtures.url('short-article.html'));
    const results = await session.browser.sw.evaluate(async (tab) => {
      type Chrome = { scripting: { executeScript(o: object): Promise<{ result: unknown }[]> } };
      const c = (globalThis as unknown as { chrome: Chrome }).chrome;
      // Runs in the extension's isolated world inside the page, exactly where a content script runs.
      const [injected] = await c.scripting.executeScript({
        target: { tabId: tab },
        func: async () => {
          const g = globalThis as unknown as {
            chrome: {
              storage?: { local?: { get(k: null): Promise<unknown> }; session?: { get(k: null): Promise<unknown> } };
            };
          };
          const attempt = async (area: 'local' | 'session') => {
            try {
              const api = g.chrome.storage?.[area];
              if (!api) return 'no API';
              return JSON.stringify(await api.get(null));
            } catch (err) {
              return `error: ${(err as Error).message}`;
            }
          };
          return { local: await attempt('local'), session: await attempt('session') };
        },
      });
      return injected?.result as { local: string; session: string };
    }, tabId);
    for (const area of ['local', 'session'] as const) {
      expect(results[area]).not.toMatch(/secret-value/);
      expect(results[area]).toMatch(/^error: |^no API$/);
    }
  });

  it('with storage.local opened to content scripts the same probe does see the secret, so the test above can fail', async () => {
    const { tabId } = await openTab(session.browser, session.fixtures.url('short-article.html'));
    const seen = await session.browser.sw.evaluate(async (tab) => {
      type Area = { setAccessLevel(o: { accessLevel: string }): Promise<void> };
      type Chrome = {
        storage: { local: Area };
        scripting: { executeScript(o: object): Promise<{ result: unknown }[]> };
      };
      const c = (globalThis as unknown as { chrome: Chrome }).chrome;
      await c.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS' });
      try {
        const [injected] = await c.scripting.executeScript({
          target: { tabId: tab },
          func: async () =>
            JSON.stringify(
              await (
                globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<unknown> } } } }
              ).chrome.storage.local.get(null),
            ),
        });
        return injected?.result as string;
      } finally {
        await c.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
      }
    }, tabId);
    expect(seen).toContain('super-secret-value');
  });

  it('the same read from the service worker (a trusted context) does see them', async () => {
    const local = await session.browser.sw.evaluate(async () => {
      const c = (
        globalThis as unknown as {
          chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
        }
      ).chrome;
      return JSON.stringify(await c.storage.local.get('secrets'));
    });
    expect(local).toContain('super-secret-value');
  });
});

describe('web pages', () => {
  it('cannot send the extension a message that starts synthesis', async () => {
    const { page } = await openTab(session.browser, session.fixtures.url('short-article.html'));
    await clearServerRequests(session.server);
    const outcome = await page.evaluate(async (extId) => {
      const g = globalThis as unknown as {
        chrome?: { runtime?: { sendMessage?: (id: string, msg: unknown) => Promise<unknown> } };
      };
      const send = g.chrome?.runtime?.sendMessage;
      if (!send) return 'no runtime.sendMessage in the page';
      try {
        // The shape @webext-core/messaging uses for startReading.
        await send(extId, { id: 1, type: 'startReading', data: { source: 'auto' }, timestamp: Date.now() });
        return 'sent';
      } catch (err) {
        return `error: ${(err as Error).message}`;
      }
    }, session.browser.extensionId);
    expect(outcome).not.toBe('sent');
    await sleep(1500);
    expect(await synthesisRequests(session.server)).toEqual([]);
    expect((await ext.state(session.browser.sw)).status).not.toMatch(/loading|playing/);
  });
});
