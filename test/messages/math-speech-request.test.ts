import { describe, expect, it } from 'vitest';
import { checkMathSpeechRequest, MAX_FORMULAS } from '../../utils/messages/math-speech-request';

describe('checkMathSpeechRequest (a page asking for its formulas to be spoken)', () => {
  it('passes a well-formed request, formulas without MathML kept in their place', () => {
    const request = { mathml: ['<math><mi>x</mi></math>', null, undefined], lang: 'en' };
    expect(checkMathSpeechRequest(request)).toEqual({
      mathml: ['<math><mi>x</mi></math>', undefined, undefined],
      lang: 'en',
    });
  });

  it.each([
    [null, /expected/],
    [{ mathml: 'x', lang: 'en' }, /expected/],
    [{ mathml: [], lang: 7 }, /language tag/],
    [{ mathml: [42], lang: 'en' }, /MathML of at most/],
    [{ mathml: ['x'.repeat(100_001)], lang: 'en' }, /MathML of at most/],
    [{ mathml: new Array(MAX_FORMULAS + 1).fill('<math/>'), lang: 'en' }, /at most 2000 formulas/],
  ])('refuses %#: a clear error, nothing computed', (request, message) => {
    expect(() => checkMathSpeechRequest(request)).toThrow(message);
  });
});
