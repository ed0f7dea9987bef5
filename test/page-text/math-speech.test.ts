import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// These run the real speech-rule-engine. Under Node it reads MathML with @xmldom/xmldom, which it finds through a
// global `require` (in a browser it uses the document's DOMParser and XPath instead).
(globalThis as { require?: NodeJS.Require }).require ??= createRequire(import.meta.url);
const { mathSpeechLocale, speakMath, speakMathSource } = await import('../../utils/page-text/math-speech');
const { mathmlTextContent } = await import('../../utils/page-text/math-source');

const QUADRATIC =
  '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi><mo>=</mo><mfrac><mrow><mo>−</mo><mi>b</mi><mo>±</mo>' +
  '<msqrt><msup><mi>b</mi><mn>2</mn></msup><mo>−</mo><mn>4</mn><mi>a</mi><mi>c</mi></msqrt></mrow>' +
  '<mrow><mn>2</mn><mi>a</mi></mrow></mfrac></math>';

describe('speakMath (speech-rule-engine, ClearSpeak, English)', () => {
  it('says a ≠ 0 as words, from a bare fragment', async () => {
    const speech = await speakMath('<mi>a</mi><mo>≠</mo><mn>0</mn>', 'en');
    expect(speech).toMatch(/^a\b/u);
    expect(speech).toMatch(/not equal/u);
    expect(speech).toMatch(/\b0$/u);
    expect(speech).not.toContain('≠');
  }, 30_000);

  it('says the quadratic formula with its structure', async () => {
    const speech = await speakMath(QUADRATIC, 'en-US');
    expect(speech).toMatch(/^x equals/u);
    for (const words of ['negative b', 'plus or minus', 'square root', 'b squared', '4 a c', 'denominator 2 a']) {
      expect(speech).toContain(words);
    }
  });

  it('reads the presentation MathML of a KaTeX-style <semantics>, not its TeX annotation', async () => {
    const mathml =
      '<math><semantics><mrow><msup><mi>e</mi><mrow><mi>i</mi><mi>π</mi></mrow></msup><mo>+</mo><mn>1</mn><mo>=</mo>' +
      '<mn>0</mn></mrow><annotation encoding="application/x-tex">e^{i\\pi}+1=0</annotation></semantics></math>';
    const speech = await speakMath(mathml, 'en');
    expect(speech).toContain('pi');
    expect(speech).toContain('plus 1 equals 0');
    expect(speech).not.toContain('\\pi');
  });

  it('falls back to the MathML characters when the MathML is malformed', async () => {
    expect(await speakMath('<math><mi>a</mi><mo>≠</math>', 'en')).toBe('a ≠');
  });

  it('answers formulas asked for at the same time, each with its own speech', async () => {
    const [one, two, three] = await Promise.all([
      speakMath('<mn>1</mn><mo>+</mo><mn>2</mn>', 'en'),
      speakMath('<msqrt><mi>y</mi></msqrt>', 'en'),
      speakMath('<mi>a</mi><mo>&lt;</mo><mi>b</mi>', 'en'),
    ]);
    expect(one).toBe('1 plus 2');
    expect(two).toContain('square root of y');
    expect(three).toContain('less than');
  });

  it('speaks English for a page in a language whose rules are not bundled', async () => {
    expect(mathSpeechLocale('ja-JP')).toBe('en');
    expect(mathSpeechLocale('EN_gb')).toBe('en');
    expect(mathSpeechLocale('')).toBe('en');
    expect(await speakMath('<mn>1</mn><mo>+</mo><mn>2</mn>', 'ja')).toBe('1 plus 2');
  });
});

describe('speakMathSource', () => {
  it('prefers speech from MathML over the label', async () => {
    expect(await speakMathSource({ mathml: '<mn>1</mn><mo>+</mo><mn>2</mn>', label: '1+2' }, 'en')).toBe('1 plus 2');
  });

  it('uses the label when there is no MathML or the MathML cannot be read', async () => {
    expect(await speakMathSource({ label: '  E = mc^2 ' }, 'en')).toBe('E = mc^2');
    expect(await speakMathSource({ mathml: '<math><mi>a</mi', label: 'a' }, 'en')).toBe('a');
  });

  it('uses the MathML characters when there is no label either, and nothing when there is nothing', async () => {
    expect(await speakMathSource({ mathml: '<math><mi>a</mi><mo>≠' }, 'en')).toBe('a ≠');
    expect(await speakMathSource({}, 'en')).toBe('');
  });
});

describe('mathmlTextContent', () => {
  it('keeps tokens apart, decodes entities, drops annotations and invisible operators', () => {
    const mathml =
      '<math><semantics><mrow><mi>f</mi><mo>&#x2061;</mo><mo>(</mo><mi>x</mi><mo>)</mo><mo>&lt;</mo><mn>2</mn>' +
      '<mo>&#8290;</mo><mi>y</mi><mo>&amp;</mo></mrow><annotation encoding="TeX">f(x)&lt;2y</annotation></semantics></math>';
    expect(mathmlTextContent(mathml)).toBe('f ( x ) < 2 y &');
  });
});
