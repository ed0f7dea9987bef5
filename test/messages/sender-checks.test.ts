import { describe, expect, it } from 'vitest';
import { isFromBackgroundContext, isFromExtensionPage, isFromTab } from '../../utils/messages/sender-checks';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('isFromExtensionPage', () => {
  it('accepts our own listed pages, also when opened as a tab', () => {
    expect(isFromExtensionPage({ id: ID, url: `${ORIGIN}popup.html?tab=4` }, ID, ORIGIN, ['/popup.html'])).toBe(true);
    expect(
      isFromExtensionPage({ id: ID, url: `${ORIGIN}popup.html`, tab: { id: 9 } as never }, ID, ORIGIN, ['/popup.html']),
    ).toBe(true);
  });
  it('rejects other pages of ours, content scripts and other extensions', () => {
    expect(isFromExtensionPage({ id: ID, url: `${ORIGIN}offscreen.html` }, ID, ORIGIN, ['/popup.html'])).toBe(false);
    expect(
      isFromExtensionPage({ id: ID, url: 'https://example.com/popup.html', tab: { id: 3 } as never }, ID, ORIGIN, [
        '/popup.html',
      ]),
    ).toBe(false);
    expect(
      isFromExtensionPage({ id: 'other', url: `chrome-extension://other/popup.html` }, ID, ORIGIN, ['/popup.html']),
    ).toBe(false);
  });
});

describe('isFromTab', () => {
  it('accepts only the top frame of the tab we injected into', () => {
    expect(isFromTab({ id: ID, tab: { id: 5 } as never, frameId: 0 }, ID, 5)).toBe(true);
    expect(isFromTab({ id: ID, tab: { id: 6 } as never, frameId: 0 }, ID, 5)).toBe(false);
    expect(isFromTab({ id: ID, tab: { id: 5 } as never, frameId: 2 }, ID, 5)).toBe(false);
    expect(isFromTab({ id: ID }, ID, 5)).toBe(false);
  });
});

describe('isFromBackgroundContext', () => {
  const CHROME_WORKER = '/background.js';
  const FIREFOX_PAGE = '/_generated_background_page.html';
  const MOZ_ORIGIN = 'moz-extension://6d3a1f0e-1c2b-4d5e-8f90-0a1b2c3d4e5f/';

  it("accepts Chrome's service worker and Firefox's generated background page, each in its own browser", () => {
    expect(isFromBackgroundContext({ id: ID, url: `${ORIGIN}background.js` }, ID, ORIGIN, CHROME_WORKER)).toBe(true);
    expect(
      isFromBackgroundContext(
        { id: 'read-aloud@vocalid.co', url: `${MOZ_ORIGIN}_generated_background_page.html` },
        'read-aloud@vocalid.co',
        MOZ_ORIGIN,
        FIREFOX_PAGE,
      ),
    ).toBe(true);
  });
  it('rejects our other pages, the other browser’s background URL, tabs and other extensions', () => {
    expect(isFromBackgroundContext({ id: ID, url: `${ORIGIN}popup.html` }, ID, ORIGIN, CHROME_WORKER)).toBe(false);
    expect(
      isFromBackgroundContext({ id: ID, url: `${ORIGIN}_generated_background_page.html` }, ID, ORIGIN, CHROME_WORKER),
    ).toBe(false);
    expect(
      isFromBackgroundContext(
        { id: ID, url: `${ORIGIN}background.js`, tab: { id: 2 } as never },
        ID,
        ORIGIN,
        CHROME_WORKER,
      ),
    ).toBe(false);
    expect(
      isFromBackgroundContext(
        { id: 'other', url: `chrome-extension://other/background.js` },
        ID,
        ORIGIN,
        CHROME_WORKER,
      ),
    ).toBe(false);
  });
});
