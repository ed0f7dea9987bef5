import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseServerUrl } from '../../utils/vocalid/base-url';

describe('isLoopbackHost', () => {
  it('accepts 127.0.0.0/8, localhost and [::1]', () => {
    for (const host of ['127.0.0.1', '127.255.255.254', 'localhost', 'LOCALHOST', 'api.localhost', '[::1]']) {
      expect(isLoopbackHost(host)).toBe(true);
    }
  });
  it('refuses look-alikes', () => {
    for (const host of [
      '128.0.0.1',
      '127.0.0.256',
      '127.0.0',
      'localhost.example.com',
      '0.0.0.0',
      '[::2]',
      '10.0.0.1',
    ]) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});

describe('parseServerUrl', () => {
  it('normalises to origin plus path without a trailing slash', () => {
    expect(parseServerUrl('https://VocaliD.co/')).toEqual({
      base: 'https://vocalid.co',
      origin: 'https://vocalid.co',
      insecureAllowed: false,
    });
    expect(parseServerUrl('https://host.example/prefix//').base).toBe('https://host.example/prefix');
    expect(parseServerUrl('http://127.0.0.1:8787').insecureAllowed).toBe(true);
  });
  it('refuses http off loopback, other schemes, credentials, query and fragment', () => {
    expect(() => parseServerUrl('http://vocalid.co')).toThrow('The VocaliD server address must use https');
    expect(() => parseServerUrl('ftp://vocalid.co')).toThrow(/https/);
    expect(() => parseServerUrl('https://u:p@vocalid.co')).toThrow(/user name or password/);
    expect(() => parseServerUrl('https://vocalid.co/?x=1')).toThrow(/"\?"/);
    expect(() => parseServerUrl('')).toThrow(/empty/);
    expect(() => parseServerUrl('vocalid.co')).toThrow(/not a valid URL/);
  });
});
