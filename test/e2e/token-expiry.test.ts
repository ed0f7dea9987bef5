// A reading longer than the access token's lifetime must carry on without the listener noticing.
import { describe, expect, it } from 'vitest';
import {
  describeState,
  ext,
  openTab,
  playedInOrder,
  squash,
  synthesisRequests,
  tokenRequests,
  useExtensionSession,
  waitForEnd,
} from './helpers';

const tokenTtlSeconds = 3;
// A short prefetch budget keeps requests going through the whole reading; with the default 10 s the fast local
// server can deliver all 20 sentences inside one token lifetime, and the test would prove nothing.
const session = useExtensionSession({ tokenTtl: tokenTtlSeconds, reset: false, settings: { prefetchSeconds: 1 } });

describe('short-lived access tokens', () => {
  it(`reads 20 sentences with a ${tokenTtlSeconds} s token lifetime and no error`, { timeout: 240_000 }, async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('twenty-sentences.html'));
    const paragraphs = await page.$$eval('article p', (ps) => ps.map((p) => p.textContent ?? ''));

    await ext.read(session.browser.sw, tabId, { source: 'article' });
    const end = await waitForEnd(session.browser.sw, 200_000);
    expect(end.status, describeState(end)).toBe('done');
    expect(end.error).toBeUndefined();
    const units = playedInOrder(end);
    for (const u of units) expect(u.status, describeState(end)).toBe('played');
    const spoken = squash(units.map((u) => u.text).join(' '));
    for (const p of paragraphs) expect(spoken).toContain(squash(p));

    // Every unit's text was eventually synthesised successfully (a 401 then a retry with a new token is fine).
    const requests = await synthesisRequests(session.server);
    const ok = new Set(requests.filter((r) => r.status === 200).map((r) => squash(r.script)));
    for (const u of units) expect(ok.has(squash(u.text)), `synthesised: ${u.text}`).toBe(true);

    // The test only proves something if requests outlived one token: then a fresh token must have been fetched.
    const span = Math.max(...requests.map((r) => r.at)) - Math.min(...requests.map((r) => r.at));
    expect(span, 'synthesis requests spread over more than one token lifetime').toBeGreaterThan(tokenTtlSeconds * 1000);
    const grants = (await tokenRequests(session.server)).filter((r) => r.status === 200);
    expect(grants.length).toBeGreaterThanOrEqual(2);
    await page.close();
  });
});
