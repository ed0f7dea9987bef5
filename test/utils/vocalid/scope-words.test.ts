import { describe, expect, it } from 'vitest';
import { scopeInWords, scopesInWords } from '../../../utils/vocalid/scope-words';

describe('scopes in words', () => {
  it('says what each scope reading needs lets the extension do, with no code left', () => {
    for (const scope of ['user:info', 'voice:list', 'voice:synthesis', 'external_account', 'voice_build']) {
      const words = scopeInWords(scope);
      expect(words).not.toContain(scope);
      expect(words).not.toMatch(/[:_]/);
    }
  });

  it('keeps an unknown scope as the server named it, so nothing granted is hidden', () => {
    expect(scopeInWords('admin:all')).toBe('admin:all');
    expect(scopesInWords('voice:list admin:all')).toBe(`${scopeInWords('voice:list')} and admin:all`);
  });

  it('joins a list for a sentence, from an array or an OAuth space-separated string', () => {
    const [a, b, c] = ['user:info', 'voice:list', 'voice:synthesis'].map(scopeInWords);
    expect(scopesInWords(['user:info', 'voice:list', 'voice:synthesis'])).toBe(`${a}, ${b} and ${c}`);
    expect(scopesInWords(' user:info  voice:list ')).toBe(`${a} and ${b}`);
    expect(scopesInWords('')).toBe('nothing');
    expect(scopesInWords([])).toBe('nothing');
  });
});
