// The check of a page script's request for math speech (background-protocol `mathSpeech`): the page is not
// trusted, so the request is bounded before it reaches the offscreen document.
import type { MathSpeechRequest } from './offscreen-protocol';

/** More formulas than this are read from their labels: their speech would not be ready in time anyway. */
export const MAX_FORMULAS = 2000;
const MAX_MATHML_CHARS = 100_000;
const MAX_LANG_CHARS = 35;

/** The request as sent, or an error saying what is wrong with it. */
export function checkMathSpeechRequest(value: unknown): MathSpeechRequest {
  const request = value as Partial<MathSpeechRequest> | null;
  if (typeof request !== 'object' || request === null || !Array.isArray(request.mathml))
    throw new Error('math speech: expected { mathml: string[], lang: string }');
  if (typeof request.lang !== 'string' || request.lang.length > MAX_LANG_CHARS)
    throw new Error('math speech: lang must be a language tag');
  if (request.mathml.length > MAX_FORMULAS) throw new Error(`math speech: at most ${MAX_FORMULAS} formulas`);
  const mathml = request.mathml.map((m: unknown) => {
    if (m === undefined || m === null) return undefined;
    if (typeof m !== 'string' || m.length > MAX_MATHML_CHARS)
      throw new Error(`math speech: each formula is MathML of at most ${MAX_MATHML_CHARS} characters`);
    return m;
  });
  return { mathml, lang: request.lang };
}
