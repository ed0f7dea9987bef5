import { describe, expect, it } from 'vitest';
import { codePointLength, normalizeText } from '../../utils/text/normalize-text';

describe('normalizeText', () => {
  it('composes to NFC', () => {
    expect(normalizeText('Cafe\u0301')).toBe('Caf\u00e9');
  });

  it('collapses every kind of whitespace run to one space and trims', () => {
    expect(normalizeText('  one\n\ttwo\u00a0\u00a0three\u3000four  ')).toBe('one two three four');
  });

  it('drops control characters but keeps joiners and variation selectors', () => {
    expect(normalizeText('a\u0000b\u0007c')).toBe('abc');
    expect(normalizeText('👨‍👩‍👧 ❤️')).toBe('👨‍👩‍👧 ❤️');
  });

  it('maps text that differs only in spacing or composition to the same string', () => {
    expect(normalizeText(' re\u0301sume\u0301\n')).toBe(normalizeText('résumé'));
  });
});

describe('codePointLength', () => {
  it('counts surrogate pairs once and lone surrogates once', () => {
    expect(codePointLength('a😀b')).toBe(3);
    expect(codePointLength('\ud83d')).toBe(1);
    expect(codePointLength('')).toBe(0);
  });
});
