// A sentence with an element inside it (a bold server address, a highlighted word) stays one message, since word
// order differs by language: the element's substitution is filled with a mark, and the text is cut there.

/** INVISIBLE SEPARATOR: never typed in a message or an address, so cutting at it cannot cut real text. */
export const ELEMENT_MARK = '\u2063';

/** The text before and after the element's place in a message filled with `ELEMENT_MARK`. */
export function splitAtMark(text: string): { before: string; after: string } {
  const at = text.indexOf(ELEMENT_MARK);
  if (at < 0) return { before: text, after: '' };
  return { before: text.slice(0, at), after: text.slice(at + ELEMENT_MARK.length) };
}
