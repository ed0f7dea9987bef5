import { describe, expect, it } from 'vitest';
import { PROMPT_SETS, promptSetFor } from '../../utils/voice-studio/prompt-list';

describe('prompt list', () => {
  const english = PROMPT_SETS.en!.prompts;

  it('has at least 60 different short English sentences with stable, unique ids', () => {
    expect(english.length).toBeGreaterThanOrEqual(60);
    expect(new Set(english.map((p) => p.id)).size).toBe(english.length);
    expect(new Set(english.map((p) => p.text.toLowerCase())).size).toBe(english.length);
    for (const p of english) {
      expect(p.id).toMatch(/^en-\d{3}$/);
      // One breath: a few words, a full sentence.
      expect(p.text.split(/\s+/).length).toBeLessThanOrEqual(12);
      expect(p.text).toMatch(/^[A-Z].*[.?!]$/);
    }
  });

  it('covers the sounds of English: every consonant spelling and questions and exclamations', () => {
    const all = english.map((p) => p.text.toLowerCase()).join(' ');
    for (const spelling of ['th', 'sh', 'ch', 'ng', 'j', 'v', 'z', 'w', 'y', 'q', 'x', 'wh', 'str', 'spr', 'oy', 'ow'])
      expect(all, spelling).toContain(spelling);
    expect(english.filter((p) => p.text.endsWith('?')).length).toBeGreaterThanOrEqual(4);
    expect(english.filter((p) => p.text.endsWith('!')).length).toBeGreaterThanOrEqual(2);
  });

  it('picks the set by primary language, English where there is none', () => {
    expect(promptSetFor('en-GB').lang).toBe('en');
    expect(promptSetFor('fr-FR').lang).toBe('en');
  });
});
