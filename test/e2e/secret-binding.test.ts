// Secrets belong to the server they were entered for. In real Chromium against the real server: after an HMAC or
// client secret is saved for the test server, pointing the extension at another server (in Options, through the
// settings directly, or by importing a settings file) never sends that secret there; the secret is dropped and the
// Options page says so. The other server is a listener started here that records every request it gets.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ext, localStorageSnapshot, openOptions, openTab, sleep, useExtensionSession, waitForState } from './helpers';

const session = useExtensionSession({ fixtures: false, reset: false });

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Another "server": answers every request with a JSON 404 and keeps what it was sent. */
const recorder = {
  url: '',
  requests: [] as Recorded[],
  close: async () => {},
};

beforeAll(async () => {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      recorder.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(404, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify({ error: 'not_found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  recorder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  recorder.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(() => recorder.close());

let page: Page;
beforeEach(async () => {
  await ext.stop(session.browser.sw);
  await session.browser.sw.evaluate(async () => {
    const c = (
      globalThis as unknown as {
        chrome: { storage: { local: { remove(k: string[]): Promise<void> }; session: { clear(): Promise<void> } } };
      }
    ).chrome;
    await c.storage.local.remove(['secrets', 'secretsNotice', 'voiceList']);
    await c.storage.session.clear();
  });
  await ext.setSettings(session.browser.sw, { baseUrl: session.server.url });
  recorder.requests = [];
  page = await openOptions(session.browser);
});

const status = (p: Page) => p.getByTestId('connection-status');
const notice = (p: Page) => p.getByTestId('secrets-notice');

async function saveConnection(p: Page, baseUrl: string, method: RegExp, fields: Record<string, string>) {
  await p.getByLabel('VocaliD server address').fill(baseUrl);
  await p.getByRole('radio', { name: method }).check();
  for (const [label, value] of Object.entries(fields)) await p.getByLabel(label, { exact: true }).fill(value);
  await p.getByRole('button', { name: 'Test connection and save' }).click();
}

/** Nothing the recorder got carries a credential: no Authorization header, and the secret nowhere in it. */
function expectNoSecretArrived(secret: string) {
  for (const r of recorder.requests) {
    expect(r.headers.authorization, `${r.method} ${r.url}`).toBeUndefined();
    expect(JSON.stringify(r)).not.toContain(secret);
    expect(JSON.stringify(r)).not.toContain(Buffer.from(`demo-client:${secret}`).toString('base64'));
  }
}

/** Starts a reading of the demo page and waits for it to end (it cannot succeed without a secret). */
async function tryToRead(): Promise<void> {
  const { page: tab, tabId } = await openTab(session.browser, `${session.server.url}/demo/article.html`);
  const t = Date.now();
  await ext.read(session.browser.sw, tabId, { source: 'article' });
  await waitForState(
    session.browser.sw,
    (s) => (s.triggeredAt ?? 0) >= t && !['extracting', 'loading', 'playing'].includes(s.status),
    30_000,
    'the reading to give up',
  );
  await tab.close();
}

describe('secrets stay with their server', () => {
  it('HMAC: a new server address in Options is not sent the saved secret; it asks for that server’s secret', async () => {
    await saveConnection(page, session.server.url, /HMAC API key and secret/, {
      'API key': 'demo-key',
      'API secret': 'demo-secret',
    });
    await expect
      .poll(() => status(page).textContent(), { timeout: 15_000 })
      .toMatch(/Connected as Demo Reader\. Saved\./);
    expect((await localStorageSnapshot(session.browser)).secrets).toMatchObject({ apiSecret: 'demo-secret' });

    // Same key, secret left empty ("keep the stored one"), another server.
    await saveConnection(page, recorder.url, /HMAC API key and secret/, {});
    await expect.poll(() => status(page).textContent(), { timeout: 15_000 }).not.toMatch(/^(Working…)?$/);
    expectNoSecretArrived('demo-secret');
    expect(recorder.requests).toEqual([]);
    expect(await status(page).textContent()).toBe(
      `Your saved secret was for ${session.server.url}; enter the secret for ${recorder.url}. Nothing was saved.`,
    );
    expect((await ext.getSettings(session.browser.sw)).baseUrl).toBe(session.server.url);

    // The address changed by other means (here the settings themselves): the worker does not send it either,
    // drops it, and Options shows why.
    await ext.setSettings(session.browser.sw, { baseUrl: recorder.url });
    await tryToRead();
    expectNoSecretArrived('demo-secret');
    const secrets = (await localStorageSnapshot(session.browser)).secrets as Record<string, unknown>;
    expect(secrets.apiSecret).toBeUndefined();
    const options = await openOptions(session.browser);
    await expect
      .poll(() => notice(options).textContent(), { timeout: 10_000 })
      .toBe(`Your saved secret was for ${session.server.url}; enter the secret for ${recorder.url}.`);
    await options.close();
    await page.close();
  });

  it('client credentials: an imported file with another server asks first, then drops the secret and says so', async () => {
    await saveConnection(page, session.server.url, /OAuth2 client ID and secret/, {
      'Client ID': 'demo-client',
      'Client secret': 'demo-secret',
    });
    await expect.poll(() => status(page).textContent(), { timeout: 15_000 }).toMatch(/Connected as Demo Reader\./);
    const settings = await ext.getSettings(session.browser.sw);
    const file = {
      name: 'settings.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          kind: 'vocalid-read-aloud-settings',
          exportedAt: new Date().toISOString(),
          settings: { ...settings, baseUrl: recorder.url },
        }),
      ),
    };

    // Cancel: nothing changes.
    // (The voice list, refreshed after connecting, may change meanwhile: only secrets and settings are compared.)
    const stored = async () => ({
      secrets: (await localStorageSnapshot(session.browser)).secrets,
      settings: await ext.getSettings(session.browser.sw),
    });
    const before = await stored();
    await page.getByTestId('import-settings').setInputFiles(file);
    await page.getByTestId('import-server-confirm').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('import-server-confirm').textContent()).toContain(recorder.url);
    await page.getByTestId('import-cancel').click();
    await expect
      .poll(() => page.getByTestId('transfer-status').textContent())
      .toMatch(/cancelled\. Nothing was changed\./);
    expect(await stored()).toEqual(before);

    // Accept: the server changes and the client secret stays behind, with the notice.
    await page.getByTestId('import-settings').setInputFiles(file);
    await page.getByTestId('import-switch-server').click();
    const text = `Your saved secret was for ${session.server.url}; enter the secret for ${recorder.url}.`;
    await expect
      .poll(() => page.getByTestId('transfer-status').textContent(), { timeout: 10_000 })
      .toBe(`Settings imported. ${text}`);
    await expect.poll(() => notice(page).textContent(), { timeout: 10_000 }).toBe(text);
    expect((await ext.getSettings(session.browser.sw)).baseUrl).toBe(recorder.url);
    const secrets = (await localStorageSnapshot(session.browser)).secrets as Record<string, unknown>;
    expect(secrets.clientSecret).toBeUndefined();

    await tryToRead();
    await sleep(500);
    expectNoSecretArrived('demo-secret');
    await page.close();
  });
});
