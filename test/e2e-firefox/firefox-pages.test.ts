// The extension's own pages in real Firefox ESR, clicked as a person clicks them: Options (a connection tested and
// saved, "Sign in with VocaliD" through identity.launchWebAuthFlow and Firefox's redirect against the local server),
// the popup's pause/resume/stop, and the privacy prompt window. WebDriver BiDi hides moz-extension:// pages, so this
// file drives Firefox through Marionette (test/harness/marionette.ts), whose clicks count as user input.
import { describe, expect, it } from 'vitest';
import {
  clearServerRequests,
  describeState,
  sleep,
  startFixtureServer,
  synthesisRequests,
  waitFor,
  type FixtureServer,
  type ReadingState,
  type TestServer,
} from '../e2e/helpers';
import { ffExt, firefoxTabId, type FirefoxBackground } from '../harness/firefox';
import { useFirefoxSession } from './firefox-session';
import { launchFirefoxMarionette, type MarionetteFirefox } from '../harness/marionette';
import type { Settings } from '../../utils/settings/settings-schema';

let ff: MarionetteFirefox;
let server: TestServer;
let fixtures: FixtureServer;
let bg: FirefoxBackground;

useFirefoxSession(launchFirefoxMarionette, (s) => ({ ff, server, fixtures, bg } = s));

const settings = () => bg.call<Settings>('settings.get');
const startedCount = (s: ReadingState) => s.units.filter((u) => u.startedAt !== undefined).length;
/** A button by its text, or by its accessible label for the popup's icon buttons (Pause/Play/Stop). */
const button = (name: string) =>
  `xpath://button[normalize-space(.)=${JSON.stringify(name)} or @aria-label=${JSON.stringify(name)}]`;

/** An extension page opened as a tab by the extension (Marionette may not navigate there), made current. */
async function openExtensionPage(pathAndQuery: string): Promise<void> {
  await bg.call('openExtensionPage', pathAndQuery);
  const path = pathAndQuery.split('?')[0]!;
  await ff.switchTo((u) => u.startsWith(ff.origin) && new URL(u).pathname === path, pathAndQuery);
}

async function openFixture(url: string): Promise<number> {
  await ff.openTab(url);
  return firefoxTabId(bg, url);
}

const connectionStatus = () => ff.text('[data-testid="connection-status"]');

describe('Options in real Firefox', () => {
  it('renders, tests a connection (HMAC) against the server and saves it', async () => {
    await openExtensionPage('/options.html');
    expect(await ff.text('h1')).toMatch(/Options/);
    await ff.type('#base-url', server.url);
    await ff.click('input[name="auth-method"][value="hmac"]');
    await ff.type('#api-key', 'demo-key');
    await ff.type('#api-secret', 'demo-secret');
    await ff.click('[data-testid="test-connection"]');
    await waitFor(
      async () => /Connected as Demo Reader\. Saved\./.test(await connectionStatus()),
      15_000,
      'the connection status to say saved',
    );
    expect(await settings()).toMatchObject({ authMethod: 'hmac', apiKey: 'demo-key', baseUrl: server.url });
  });

  it('signs in with VocaliD (PKCE) through launchWebAuthFlow and the Firefox redirect, then reads with the token', async () => {
    await openExtensionPage('/options.html');
    await ff.type('#base-url', server.url);
    await ff.click('input[name="auth-method"][value="pkce"]');
    await ff.click('[data-testid="sign-in"]');

    // Firefox shows the server's consent page in a window of its own.
    const consentUrl = new URL(await ff.switchTo((u) => u.includes('/oauth/authorize'), 'the consent window'));
    expect(consentUrl.origin).toBe(new URL(server.url).origin);
    expect(consentUrl.searchParams.get('client_id')).toBe('read-aloud-extension');
    // identity.getRedirectURL() in Firefox: https://<sha1 of the add-on id>.extensions.allizom.org/
    expect(consentUrl.searchParams.get('redirect_uri')).toMatch(/^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/);
    await ff.type('#username', 'demo');
    await ff.type('#password', 'demo-password');
    await ff.click('xpath://button[@value="allow"]');

    await ff.switchTo((u) => u.startsWith(`${ff.origin}options.html`), 'the Options page');
    await waitFor(
      async () => /Signed in as Demo Reader\. The extension may .*turn text into speech/.test(await connectionStatus()),
      20_000,
      'the status to say signed in',
    );
    expect(await settings()).toMatchObject({ authMethod: 'pkce', baseUrl: server.url });

    // The reading uses the token the sign-in stored: synthesis goes out with a Bearer token.
    await clearServerRequests(server);
    const tabId = await openFixture(fixtures.url('short-article.html'));
    await ffExt.read(bg, tabId, { source: 'article' });
    await ffExt.waitForState(bg, (s) => s.units.some((u) => u.status === 'played'), 60_000, 'a unit played');
    await ffExt.stop(bg);
    const requests = await synthesisRequests(server);
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) expect(r.auth).toBe('bearer');
  });
});

describe('welcome page in real Firefox', () => {
  it("renders with the shortcuts Firefox has now and Firefox's own way to change them", async () => {
    await openExtensionPage('/welcome.html');
    expect(await ff.text('h1')).toBe('Welcome to VocaliD Read Aloud');
    const keys = await ff.text('[data-testid="shortcuts"]');
    const assigned = (await ffExt.commands(bg)).filter((c) => c.shortcut).map((c) => c.shortcut!);
    expect(assigned.length).toBeGreaterThan(0);
    for (const shortcut of assigned) expect(keys).toContain(shortcut);
    // Chrome's shortcuts page is no address Firefox opens: the page says where Firefox keeps them instead.
    expect(await ff.text('main')).toMatch(/Manage Extension Shortcuts/);
  });
});

describe('popup in real Firefox', () => {
  it('reads, pauses, resumes and stops from its buttons', async () => {
    const tabId = await openFixture(fixtures.url('twenty-sentences.html'));
    await openExtensionPage(`/popup.html?tab=${tabId}`);

    await ff.click(button('Read aloud'));
    const playing = await ffExt.waitForState(
      bg,
      (s) => s.status === 'playing' && startedCount(s) > 0,
      60_000,
      'playing with a unit started',
    );
    expect(playing.tabId).toBe(tabId);

    await ff.click(button('Pause'));
    const paused = await ffExt.waitForState(bg, (s) => s.status === 'paused', 15_000, 'paused');
    // Longer than a unit lasts: a pause that did not hold would show a new unit started.
    await sleep(2_500);
    const stillPaused = await ffExt.state(bg);
    expect(stillPaused.status).toBe('paused');
    expect(startedCount(stillPaused), describeState(stillPaused)).toBe(startedCount(paused));

    await ff.click(button('Play'));
    await ffExt.waitForState(
      bg,
      (s) => s.status === 'playing' && startedCount(s) > startedCount(paused),
      60_000,
      'a further unit to start after resume',
    );

    await ff.click(button('Stop'));
    const stopped = await ffExt.waitForState(bg, (s) => s.status === 'stopped', 15_000, 'stopped');
    expect(startedCount(stopped)).toBeLessThan(stopped.units.length);
    await sleep(2_000);
    expect(startedCount(await ffExt.state(bg))).toBe(startedCount(stopped));
  });
});

describe('privacy prompt in real Firefox', () => {
  it('asks in a window of its own before anything is sent, and "Always" sticks for the site', async () => {
    // The loopback pre-allowance of test builds cleared: this fixture site was never answered.
    await ffExt.setSettings(bg, { siteConsent: {} });
    const site = await startFixtureServer();
    try {
      const url = site.url('short-article.html');
      const tabId = await openFixture(url);
      // An earlier test read this article: without the cache emptied, "Always" could play it without a request.
      await bg.call('clearCache');
      await clearServerRequests(server);
      const reading = ffExt.read(bg, tabId, { source: 'article' });

      await ff.switchTo((u) => u.startsWith(`${ff.origin}privacy-prompt.html`), 'the privacy prompt window');
      const details = await ff.text('[data-testid="prompt-details"]');
      expect(details).toContain(new URL(url).origin);
      expect(details).toContain(server.url);
      expect(await synthesisRequests(server)).toEqual([]); // nothing sent while the question is open
      await ff.click(button('Always allow for this site'));

      expect((await reading).status).not.toBe('error');
      await ffExt.waitForState(bg, (s) => s.units.some((u) => u.status === 'played'), 60_000, 'a unit played');
      expect((await synthesisRequests(server)).length).toBeGreaterThan(0);
      await ffExt.stop(bg);
      expect((await settings()).siteConsent).toMatchObject({ [new URL(url).origin]: 'always' });
    } finally {
      await site.close();
    }
  });
});
