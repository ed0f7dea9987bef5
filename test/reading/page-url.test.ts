import { describe, expect, it } from 'vitest';
import { documentKey, pageKey, readablePageUrl } from '../../utils/reading/page-url';
import { anyPortKeyOf, siteKeyOf } from '../../utils/privacy/site-key';

describe('page URL keys', () => {
  it('reads http, https and local files only', () => {
    expect(readablePageUrl('https://example.com/a')?.hostname).toBe('example.com');
    expect(readablePageUrl('file:///home/me/a.html')?.protocol).toBe('file:');
    expect(readablePageUrl('chrome://settings')).toBeNull();
    expect(readablePageUrl('not a url')).toBeNull();
    expect(readablePageUrl(undefined)).toBeNull();
  });

  it('the same document whatever the fragment, for any scheme; unparsable text is its own key', () => {
    expect(documentKey('chrome://settings/#x')).toBe('chrome://settings/');
    expect(documentKey('not a url')).toBe('not a url');
    expect(pageKey('chrome://settings/#x')).toBeNull();
    expect(pageKey('https://example.com/a#b')).toBe(documentKey('https://example.com/a#c'));
  });

  it('site keys follow the same rule of which pages are read', () => {
    expect(siteKeyOf('http://127.0.0.1:8080/x#y')).toBe('http://127.0.0.1:8080');
    expect(siteKeyOf('file:///a.html')).toBe('file://');
    expect(siteKeyOf('chrome://settings')).toBeNull();
    expect(anyPortKeyOf('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1');
    expect(anyPortKeyOf('file:///a.html')).toBeNull();
  });
});
