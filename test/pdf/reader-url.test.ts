import { describe, expect, it } from 'vitest';
import { readerDocumentUrl, readerUrlFor } from '../../utils/pdf/reader-url';
import { documentKey, pageKey } from '../../utils/reading/page-url';

const reader = 'chrome-extension://abcdefghijklmnop/pdf-reader.html';

describe('reader page URLs', () => {
  it('stand for the PDF they show in the keys positions and privacy answers use', () => {
    const url = readerUrlFor(reader, 'https://example.org/papers/a.pdf#page=2');
    expect(readerDocumentUrl(url)).toBe('https://example.org/papers/a.pdf#page=2');
    expect(pageKey(`${url}&autoplay=1`)).toBe('https://example.org/papers/a.pdf');
    expect(documentKey(url)).toBe(documentKey('https://example.org/papers/a.pdf'));
  });

  it('name a local file by its fingerprint, as a local document', () => {
    expect(pageKey(`${reader}?fp=0123456789abcdef0123456789abcdef`)).toBe(
      'file:///vocalid-pdf/0123456789abcdef0123456789abcdef.pdf',
    );
  });

  it('leave other URLs, other pages of the extension and odd sources alone', () => {
    expect(readerDocumentUrl('chrome-extension://abc/popup.html?src=https://a.b/x.pdf')).toBe(
      'chrome-extension://abc/popup.html?src=https://a.b/x.pdf',
    );
    expect(pageKey(`${reader}?src=${encodeURIComponent('javascript:alert(1)')}`)).toBeNull();
    expect(pageKey(`${reader}?fp=not-hex`)).toBeNull();
  });
});
