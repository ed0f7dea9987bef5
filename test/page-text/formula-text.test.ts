// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { extractLiveText } from '../../utils/page-text/extract-page-text';
import { findFormulas } from '../../utils/page-text/formula-text';

function setBody(html: string) {
  document.documentElement.setAttribute('lang', 'en');
  // Test fixtures are static strings written here; building them with DOMParser keeps innerHTML out of the code.
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
}

const SQUARE = '<math id="f"><msup><mi>r</mi><mn>2</mn></msup></math>';

describe('formulas in the text read', () => {
  it('reads an inline formula as its speech inside its sentence, and maps the speech to the formula', () => {
    setBody(`<p>The area is ${SQUARE} times pi.</p>`);
    const math = document.getElementById('f')!;
    const speech = new Map([[math, 'r squared']]);
    const { extracted, maps } = extractLiveText(document, 'page', { formulaSpeech: speech });
    expect(extracted.blocks.map((b) => b.text)).toEqual(['The area is r squared times pi.']);
    const text = extracted.blocks[0]!.text;
    // Any word of the formula's speech highlights the whole formula.
    const word = maps[0]!.rangeFor(text.indexOf('squared'), text.indexOf('squared') + 'squared'.length);
    expect(word.intersectsNode(math)).toBe(true);
    expect(word.toString()).toBe('r2');
    const sentence = maps[0]!.rangeFor(0, text.length);
    expect(sentence.toString()).toBe('The area is r2 times pi.');
    // A click inside the formula is the start of its speech.
    expect(maps[0]!.offsetAt(math.querySelector('mn')!.firstChild!, 0)).toBe(text.indexOf('r squared'));
  });

  it('falls back to the alttext, else to the characters of the MathML, never to silence', () => {
    setBody(
      `<p>First <math alttext="r^2"><msup><mi>r</mi><mn>2</mn></msup></math> then ` +
        `<math><mi>a</mi><mo>≠</mo><mn>0</mn></math> at last.</p>`,
    );
    const { extracted } = extractLiveText(document, 'page');
    expect(extracted.blocks.map((b) => b.text)).toEqual(['First r^2 then a ≠ 0 at last.']);
  });

  it('reads a MathJax v3 rendering once, from its assistive MathML, as one inline piece of its sentence', () => {
    setBody(
      '<p>So <mjx-container id="mj" class="MathJax" jax="CHTML" aria-label="x plus 1">' +
        '<mjx-math aria-hidden="true"><mjx-mi>x</mjx-mi><mjx-mo>+</mjx-mo><mjx-mn>1</mjx-mn></mjx-math>' +
        '<mjx-assistive-mml><math display="block"><mi>x</mi><mo>+</mo><mn>1</mn></math></mjx-assistive-mml>' +
        '</mjx-container> is the next number.</p>',
    );
    const formulas = findFormulas(document);
    expect(formulas.map((f) => f.element.id)).toEqual(['mj']);
    expect(formulas[0]!.source.mathml).toContain('<mi>x</mi>');
    const speech = new Map([[formulas[0]!.element, 'x plus 1']]);
    const { extracted } = extractLiveText(document, 'page', { formulaSpeech: speech });
    expect(extracted.blocks.map((b) => b.text)).toEqual(['So x plus 1 is the next number.']);
  });

  it('reads display math as a block of its own', () => {
    setBody(
      '<p>The roots are</p><math display="block" id="d" style="display:block"><mi>x</mi><mo>=</mo><mn>2</mn></math>' +
        '<p>and nothing else.</p>',
    );
    const speech = new Map([[document.getElementById('d')!, 'x equals 2']]);
    const { extracted } = extractLiveText(document, 'page', { formulaSpeech: speech });
    expect(extracted.blocks.map((b) => b.text)).toEqual(['The roots are', 'x equals 2', 'and nothing else.']);
  });
});

describe('the article around a formula', () => {
  it('reads a formula whose parts are laid out as blocks (absolutely positioned assistive MathML) in its sentence only', async () => {
    const { extractLiveText: extract } = await import('../../utils/page-text/extract-page-text');
    const sentence = (n: number) =>
      `Sentence ${n} of the article says something plain about numbers and how they grow over time.`;
    setBody(
      `<article><h1>Odd numbers</h1><p>${sentence(1)} ${sentence(2)}</p><p id="p">Every ` +
        '<mjx-container id="mj" class="MathJax"><mjx-math aria-hidden="true"><mjx-mi>n</mjx-mi></mjx-math>' +
        '<mjx-assistive-mml style="position:absolute;display:block"><math><mn>2</mn><mi>n</mi><mo>+</mo><mn>1</mn></math>' +
        `</mjx-assistive-mml></mjx-container> is odd. ${sentence(3)}</p><p>${sentence(4)} ${sentence(5)}</p></article>`,
    );
    const speech = new Map([[document.getElementById('mj')!, '2 n plus 1']]);
    const texts = extract(document, 'article', { formulaSpeech: speech }).extracted.blocks.map((b) => b.text);
    expect(texts).toContain(`Every 2 n plus 1 is odd. ${sentence(3)}`);
    expect(texts.join(' | ')).not.toContain('2n+1');
  });
});
