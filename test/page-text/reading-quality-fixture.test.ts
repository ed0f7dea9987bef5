// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closestMathRoot, mathSourceOf } from '../../utils/page-text/math-source';
import { looksLikeCode, preformattedParagraphs } from '../../utils/page-text/preformatted-text';

// The e2e fixture for issue 11's text items, checked here with the pure modules so the e2e test can rely on
// what it says: which <pre> is prose and which is code, and where its formulas are.
// happy-dom's import.meta.url is not a file URL; vitest runs from the project root.
const html = readFileSync(join(process.cwd(), 'test/e2e/fixtures/reading-quality-text.html'), 'utf8');
const page = new DOMParser().parseFromString(html, 'text/html');

describe('reading-quality-text.html', () => {
  it('has one prose <pre> whose broken sentence re-flows into one paragraph, and one code <pre>', () => {
    const [memo, code] = [...page.querySelectorAll('pre')];
    const text = memo!.textContent ?? '';
    expect(looksLikeCode(text, memo!.querySelector('code') !== null)).toBe(false);
    const paragraphs = preformattedParagraphs(text).map(({ start, end }) =>
      text.slice(start, end).replace(/\s+/gu, ' '),
    );
    expect(paragraphs).toContain(
      'This memo describes how a reader is expected to behave, in full conformance with the provisions of BCP 78 and ' +
        'BCP 79. It is published for informational purposes.',
    );
    expect(looksLikeCode(code!.textContent ?? '', code!.querySelector('code') !== null)).toBe(true);
  });

  it('has four formulas, each found once from its outermost element, all with MathML', () => {
    const roots = [...page.querySelectorAll('*')].filter((el) => mathSourceOf(el) && closestMathRoot(el) === el);
    expect(roots.map((el) => el.localName)).toEqual(['math', 'math', 'math', 'span']);
    for (const root of roots) expect(mathSourceOf(root)?.mathml).toMatch(/^<math /u);
  });
});
