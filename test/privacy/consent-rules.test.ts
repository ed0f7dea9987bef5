import { describe, expect, it } from 'vitest';
import { consentFor } from '../../utils/privacy/consent-rules';

const rules = (siteConsent: Record<string, 'always' | 'never'> = {}, denyList: string[] = []) => ({
  siteConsent,
  denyList,
});

describe('consentFor', () => {
  it('asks for a site never answered, keyed by its origin', () => {
    expect(consentFor(rules(), 'https://news.example.com/a?x')).toEqual({
      kind: 'ask',
      siteKey: 'https://news.example.com',
    });
    expect(consentFor(rules(), 'http://127.0.0.1:4000/a').siteKey).toBe('http://127.0.0.1:4000');
  });

  it('follows a standing answer for the exact origin, and not for another port or scheme', () => {
    const r = rules({ 'http://127.0.0.1:4000': 'always', 'https://a.example': 'never' });
    expect(consentFor(r, 'http://127.0.0.1:4000/x').kind).toBe('allowed');
    expect(consentFor(r, 'http://127.0.0.1:4001/x').kind).toBe('ask');
    expect(consentFor(r, 'https://a.example/').kind).toBe('denied');
    expect(consentFor(r, 'http://a.example/').kind).toBe('ask');
  });

  it('an answer without a port covers every port, but the exact origin wins', () => {
    const r = rules({ 'http://127.0.0.1': 'always', 'http://127.0.0.1:5000': 'never' });
    expect(consentFor(r, 'http://127.0.0.1:4321/').kind).toBe('allowed');
    expect(consentFor(r, 'http://127.0.0.1:5000/').kind).toBe('denied');
  });

  it('the deny-list wins over "always" and covers subdomains', () => {
    const r = rules({ 'https://mail.bank.example': 'always' }, ['bank.example']);
    expect(consentFor(r, 'https://mail.bank.example/inbox')).toMatchObject({ kind: 'denied', reason: 'deny-list' });
    expect(consentFor(r, 'https://notbank.example/').kind).toBe('ask');
  });

  it.each(['chrome://settings', 'about:blank', 'data:text/html,hi', 'nonsense', undefined])(
    'never sends from %j',
    (url) => {
      expect(consentFor(rules({ 'http://127.0.0.1': 'always' }), url)).toMatchObject({
        kind: 'denied',
        reason: 'no-origin',
      });
    },
  );
});
