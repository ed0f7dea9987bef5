// What a formula on the page is read as: its speech (computed from its MathML in the offscreen document, see
// math-speech.ts, since the speech engine is too large for the page script), else the page's label for it
// (alttext, aria-label, TeX), else its characters — never nothing, so its sentence is never cut short.
//
// Extraction is synchronous and the speech is not: the page script finds the formulas first (`findFormulas`),
// gets their speech, then extracts with `withFormulaText`; block-text-map.ts reads each formula element as its
// words (`formulaTextOf`) in place of its subtree, mapped to the element for highlighting.
import { MATH_ROOT_SELECTOR, mathmlTextContent, mathSourceOf, type MathSource } from './math-source';

export interface Formula {
  /** The outermost element of the formula's rendering. */
  element: Element;
  source: MathSource;
}

/** The formulas of a document (each rendering's outermost element with a source), in document order. */
export function findFormulas(root: Document | Element): Formula[] {
  const out: Formula[] = [];
  for (const el of root.querySelectorAll(MATH_ROOT_SELECTOR)) {
    // Document order lists an element before what it holds: a rendering inside the last formula is part of it.
    const last = out[out.length - 1];
    if (last?.element.contains(el)) continue;
    const source = mathSourceOf(el);
    if (source) out.push({ element: el, source });
  }
  return out;
}

const squash = (text: string | null | undefined): string => (text ?? '').replace(/\s+/gu, ' ').trim();

/** What to say for a formula without speech: its label, else the characters of its MathML, else its text. */
export function formulaFallback(formula: Formula): string {
  const { label, mathml } = formula.source;
  return squash(label) || (mathml ? mathmlTextContent(mathml) : '') || squash(formula.element.textContent);
}

/** Each formula's words: its speech where there is some, else its fallback. */
export function formulaWords(
  formulas: readonly Formula[],
  speech: ReadonlyMap<Element, string | null> = new Map(),
): Map<Element, string> {
  const words = new Map<Element, string>();
  for (const formula of formulas)
    words.set(formula.element, squash(speech.get(formula.element)) || formulaFallback(formula));
  return words;
}

let current: ReadonlyMap<Element, string> | null = null;

/** Runs `fn` (an extraction, synchronous) with these words read for these formula elements. */
export function withFormulaText<T>(words: ReadonlyMap<Element, string>, fn: () => T): T {
  const before = current;
  current = words;
  try {
    return fn();
  } finally {
    current = before;
  }
}

/** The words read for a formula element (inside `withFormulaText`); undefined when `el` is not a formula. */
export function formulaTextOf(el: Element): string | undefined {
  return current?.get(el);
}
