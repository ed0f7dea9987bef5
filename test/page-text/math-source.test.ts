// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { closestMathRoot, mathSourceOf } from '../../utils/page-text/math-source';

// Fixtures written here after the markup each renderer produces (MathML in HTML, MathJax v2 HTML-CSS/CHTML with
// assistive MathML, MathJax v3 CHTML with mjx-assistive-mml, KaTeX, MediaWiki). The test page is set through
// DOMParser so that no page text goes through innerHTML.
function setBody(html: string): void {
  const parsed = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
  document.body.replaceChildren(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
}

afterEach(() => document.body.replaceChildren());

const $ = (selector: string) => document.querySelector(selector) as Element;

describe('mathSourceOf', () => {
  it('takes a MathML <math> element whole, with its alttext as label', () => {
    setBody('<p>When <math alttext="a \\neq 0"><mi>a</mi><mo>≠</mo><mn>0</mn></math>, there are two.</p>');
    const source = mathSourceOf($('math'));
    expect(source?.label).toBe('a \\neq 0');
    expect(source?.mathml).toMatch(/^<math[\s>]/u);
    expect(source?.mathml).toContain('<mi>a</mi><mo>≠</mo><mn>0</mn>');
    expect(source?.mathml).toContain('</math>');
  });

  it('serialises MathML as XML, so a speech engine can parse it (no HTML-only entities)', () => {
    setBody(
      '<math xmlns:xlink="http://www.w3.org/1999/xlink"><mi xlink:href="#a" @click="x">a</mi><mspace width="1em"></mspace>' +
        '<mtext>&nbsp;and&nbsp;</mtext><mo>&lt;</mo><mi>b</mi></math>',
    );
    const mathml = mathSourceOf($('math'))?.mathml ?? '';
    expect(mathml).not.toContain('&nbsp;');
    expect(mathml).toContain('&lt;');
    const parsed = new DOMParser().parseFromString(mathml, 'application/xml');
    expect(parsed.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(parsed.documentElement.localName).toBe('math');
  });

  it('reads MathJax v3 output from its assistive MathML, with the container aria-label as label', () => {
    setBody(
      '<p>So <mjx-container class="MathJax CtxtMenu_Attached_0" jax="CHTML" aria-label="x squared" role="math">' +
        '<mjx-math class="MJX-TEX" aria-hidden="true"><mjx-msup><mjx-mi><mjx-c class="mjx-c1D465"></mjx-c></mjx-mi>' +
        '<mjx-script><mjx-mn><mjx-c class="mjx-c32"></mjx-c></mjx-mn></mjx-script></mjx-msup></mjx-math>' +
        '<mjx-assistive-mml unselectable="on" display="inline"><math xmlns="http://www.w3.org/1998/Math/MathML">' +
        '<msup><mi>x</mi><mn>2</mn></msup></math></mjx-assistive-mml></mjx-container> holds.</p>',
    );
    const source = mathSourceOf($('mjx-container'));
    expect(source?.label).toBe('x squared');
    expect(source?.mathml).toContain('<msup><mi>x</mi><mn>2</mn></msup>');
  });

  it('reads MathJax v3 output without assistive MathML from its aria-label only', () => {
    setBody('<mjx-container class="MathJax" jax="SVG" aria-label="y equals 1"><svg></svg></mjx-container>');
    expect(mathSourceOf($('mjx-container'))).toEqual({ label: 'y equals 1' });
  });

  it('reads MathJax v2 (HTML-CSS) from its assistive MathML, with the TeX of its script as label', () => {
    setBody(
      '<p>Let <span class="MathJax_Preview" style="color: inherit;"></span><span class="MathJax" id="MathJax-Element-3-Frame" ' +
        'tabindex="0" role="presentation"><nobr aria-hidden="true"><span class="math" id="MathJax-Span-9">' +
        '<span class="mi">x</span><span class="mn">2</span></span></nobr><span class="MJX_Assistive_MathML" role="presentation">' +
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><msup><mi>x</mi><mn>2</mn></msup></math></span></span>' +
        '<script type="math/tex" id="MathJax-Element-3">x^2</script> be.</p>',
    );
    const source = mathSourceOf($('.MathJax'));
    expect(source?.mathml).toContain('<msup><mi>x</mi><mn>2</mn></msup>');
    expect(source?.label).toBe('x^2');
  });

  it('reads MathJax v2 display math from the script after its display wrapper, MathML scripts as MathML', () => {
    setBody(
      '<div class="MathJax_Display"><span class="MathJax_SVG" id="MathJax-Element-7-Frame" role="presentation"><svg></svg>' +
        '</span></div><script type="math/mml; mode=display" id="MathJax-Element-7"><math><mi>y</mi><mo>=</mo><mn>1</mn></math></script>',
    );
    expect(mathSourceOf($('.MathJax_Display'))).toEqual({ mathml: '<math><mi>y</mi><mo>=</mo><mn>1</mn></math>' });
    setBody(
      '<div class="MathJax_Display"><span class="MathJax_CHTML" id="MathJax-Element-8-Frame"><span class="mjx-math"></span>' +
        '</span></div><script type="math/tex; mode=display" id="MathJax-Element-8">\\frac{1}{2}</script>',
    );
    expect(mathSourceOf($('.MathJax_Display'))).toEqual({ label: '\\frac{1}{2}' });
  });

  it('reads KaTeX from its hidden MathML, with the TeX annotation as label', () => {
    setBody(
      '<p>Euler: <span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics>' +
        '<mrow><msup><mi>e</mi><mrow><mi>i</mi><mi>π</mi></mrow></msup><mo>+</mo><mn>1</mn><mo>=</mo><mn>0</mn></mrow>' +
        '<annotation encoding="application/x-tex">e^{i\\pi}+1=0</annotation></semantics></math></span>' +
        '<span class="katex-html" aria-hidden="true"><span class="base"><span class="mord mathnormal">e</span></span></span></span>.</p>',
    );
    const source = mathSourceOf($('.katex'));
    expect(source?.label).toBe('e^{i\\pi}+1=0');
    expect(source?.mathml).toContain('<mi>π</mi>');
    // The display wrapper is a root too, and gives the same formula.
    setBody(
      '<span class="katex-display"><span class="katex"><span class="katex-mathml"><math><mn>1</mn></math></span></span></span>',
    );
    expect(mathSourceOf($('.katex-display'))?.mathml).toContain('<mn>1</mn>');
  });

  it('reads MediaWiki math (hidden MathML and an image) and drops the {\\displaystyle …} wrapper from the label', () => {
    setBody(
      '<span class="mwe-math-element"><span class="mwe-math-mathml-inline mwe-math-mathml-a11y" style="display: none;">' +
        '<math xmlns="http://www.w3.org/1998/Math/MathML" alttext="{\\displaystyle a\\neq 0}"><semantics><mrow><mi>a</mi>' +
        '<mo>≠</mo><mn>0</mn></mrow></semantics></math></span><img src="a.svg" class="mwe-math-fallback-image-inline" ' +
        'aria-hidden="true" alt="{\\displaystyle a\\neq 0}"></span>',
    );
    const source = mathSourceOf($('.mwe-math-element'));
    expect(source?.label).toBe('a\\neq 0');
    expect(source?.mathml).toContain('<mo>≠</mo>');
  });

  it('reads an image marked as math from its alt text', () => {
    setBody('<img role="math" src="f.png" alt="f of x">');
    expect(mathSourceOf($('img'))).toEqual({ label: 'f of x' });
  });

  it('is null for elements that are not formulas, and for a formula rendering with nothing to read', () => {
    setBody('<p class="math-heavy">Text <span class="MathJax_Preview">x</span></p><span class="katex"></span>');
    expect(mathSourceOf($('p'))).toBeNull();
    expect(mathSourceOf($('.MathJax_Preview'))).toBeNull();
    expect(mathSourceOf($('.katex'))).toBeNull();
  });
});

describe('closestMathRoot', () => {
  it('gives the outermost rendering a text node sits in, and null outside formulas', () => {
    setBody(
      '<p>Out <span class="katex-display"><span class="katex"><span class="katex-html"><span id="inner">e</span></span></span></span></p>',
    );
    expect(closestMathRoot($('#inner').firstChild as Node)).toBe($('.katex-display'));
    expect(closestMathRoot($('p').firstChild as Node)).toBeNull();
  });
});
