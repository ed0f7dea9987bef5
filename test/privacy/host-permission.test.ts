import { describe, expect, it } from 'vitest';
import { originMatchPattern, originPattern } from '../../utils/privacy/host-permission';

describe('originPattern', () => {
  it('names the origin with its port where match patterns have ports (Chrome)', () => {
    expect(originPattern('http://127.0.0.1:8787/api', true)).toBe('http://127.0.0.1:8787/*');
    expect(originPattern('https://voice.example.org', true)).toBe('https://voice.example.org/*');
  });

  it('names the host alone in Firefox, whose match patterns have no port', () => {
    expect(originPattern('http://127.0.0.1:8787/api', false)).toBe('http://127.0.0.1/*');
    expect(originPattern('https://voice.example.org:8443', false)).toBe('https://voice.example.org/*');
    expect(originPattern('http://[::1]:9000', false)).toBe('http://[::1]/*');
  });

  it('says plainly what is wrong with an address that is not a server', () => {
    expect(() => originPattern('ftp://example.org', false)).toThrow(/must use https/);
  });

  it('does the same for any site (a PDF on a port)', () => {
    expect(originMatchPattern('http://files.example.org:8080', true)).toBe('http://files.example.org:8080/*');
    expect(originMatchPattern('http://files.example.org:8080', false)).toBe('http://files.example.org/*');
  });
});
