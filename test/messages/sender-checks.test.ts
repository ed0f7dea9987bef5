import { describe, expect, it } from 'vitest';
import { isFromExtensionPage, isFromTab } from '../../utils/messages/sender-checks';

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
