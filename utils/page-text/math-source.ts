// Where a formula's meaning is on a page. Math is drawn in many ways — MathML, MathJax v2 and v3, KaTeX, images —
// and the drawn text is useless to a listener ("x2+y2" for x² + y², KaTeX's hidden MathML read twice, one symbol a
// block because Chromium lays out MathML tokens as `block math`). Each renderer also keeps a source a speech engine
// can read: MathML (its own, or an "assistive" copy for screen readers), else a label (alttext, aria-label, the TeX).
//
// Use: walking the page in document order, ask `mathSourceOf` of each element before descending into it; a result
// means the whole element is one formula — read the words for it (`speakMathSource` in math-speech.ts) in place
// of its subtree and do not descend. `closestMathRoot` gives the formula a text node belongs to.

export interface MathSource {
  /** Serialised MathML (a `<math>` element, XML syntax) for a speech engine. */
  mathml?: string;
  /** What the page says the formula is, for when there is no MathML or it cannot be read: alttext, aria-label, TeX. */
  label?: string;
}

const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

/**
 * The outermost element of each rendering. MathJax v2 draws into a `.MathJax` (HTML-CSS), `.MathJax_CHTML`,
 * `.MathJax_SVG` or `.MathJax_PHTML` frame, wrapped in a `…_Display` div for display math, and keeps the source in
 * the `<script type="math/…">` after the frame; v3 and v4 draw into `<mjx-container>`; KaTeX into `.katex`
 * (`.katex-display` for display math); MediaWiki into `.mwe-math-element` (hidden MathML and an image).
 */
export const MATH_ROOT_SELECTOR = [
  'math',
  'mjx-container',
  '.MathJax_Display',
  '.MathJax_SVG_Display',
  '.MathJax',
  '.MathJax_CHTML',
  '.MathJax_SVG',
  '.MathJax_PHTML',
  '.katex-display',
  '.katex',
  '.mwe-math-element',
  '[role="math"]',
].join(',');

/** The outermost formula rendering that holds `node`, or null. */
export function closestMathRoot(node: Node): Element | null {
  let at: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  let root: Element | null = null;
  while (at) {
    if (at.matches(MATH_ROOT_SELECTOR)) root = at;
    at = at.parentElement;
  }
  return root;
}

function isMathElement(el: Element): boolean {
  return (
    el.localName === 'math' &&
    (el.namespaceURI === MATHML_NS || el.namespaceURI === null || el.namespaceURI === 'http://www.w3.org/1999/xhtml')
  );
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// Unprefixed XML names only: HTML lets through names XML rejects (`@click`, `[x]`) and prefixes need declarations.
const XML_ATTRIBUTE_NAME = /^[A-Za-z_][\w.-]*$/u;
const escapeXml = (value: string) => value.replace(/[&<>"]/gu, (ch) => XML_ESCAPES[ch] as string);

/**
 * The formula as well-formed XML in the MathML namespace, written out here rather than by XMLSerializer: what
 * that gives for MathML parsed from HTML differs between DOM implementations (the namespace, `&nbsp;`), and a
 * prefixed attribute without its declaration would make the whole formula unreadable to an XML parser.
 */
function serialise(math: Element): string {
  const write = (el: Element, root: boolean): string => {
    let out = `<${el.localName}${root ? ` xmlns="${MATHML_NS}"` : ''}`;
    for (const attr of el.attributes) {
      if (!XML_ATTRIBUTE_NAME.test(attr.name) || attr.name === 'xmlns') continue;
      out += ` ${attr.name}="${escapeXml(attr.value)}"`;
    }
    out += '>';
    for (const child of el.childNodes) {
      if (child.nodeType === 3) out += escapeXml(child.nodeValue ?? '');
      else if (child.nodeType === 1) out += write(child as Element, false);
    }
    return `${out}</${el.localName}>`;
  };
  return write(math, true);
}

function text(value: string | null | undefined): string | undefined {
  const trimmed = value?.replace(/\s+/gu, ' ').trim();
  return trimmed ? trimmed : undefined;
}

// MediaWiki and others wrap TeX alttext in {\displaystyle …}: the wrapper says nothing about the formula.
const TEX_STYLE_WRAPPER = /^\{\\(?:displaystyle|textstyle|scriptstyle)\s*([\s\S]*)\}$/u;

function label(value: string | null | undefined): string | undefined {
  const clean = text(value);
  return clean?.replace(TEX_STYLE_WRAPPER, '$1').trim() || undefined;
}

function texAnnotation(math: Element): string | undefined {
  for (const annotation of math.getElementsByTagName('annotation')) {
    if (/tex/iu.test(annotation.getAttribute('encoding') ?? '')) return label(annotation.textContent);
  }
  return undefined;
}

/** MathJax v2 keeps the source in `<script type="math/tex|math/mml|math/asciimath" id="MathJax-Element-N">`. */
function mathJax2Script(frame: Element): HTMLScriptElement | null {
  const frameWithId = frame.id ? frame : frame.querySelector('[id$="-Frame"]');
  const id = frameWithId?.id.replace(/-Frame$/u, '');
  const byId = id && id !== frameWithId?.id ? frame.ownerDocument.getElementById(id) : null;
  if (byId?.localName === 'script') return byId as HTMLScriptElement;
  // Display math: the frame sits in a wrapper div and the script follows the wrapper.
  for (let next = frame.nextElementSibling; next; next = next.nextElementSibling) {
    if (next.localName === 'script' && /^math\//u.test(next.getAttribute('type') ?? ''))
      return next as HTMLScriptElement;
    if (next.localName !== 'span' || !next.classList.contains('MathJax_Preview')) break;
  }
  return null;
}

function firstMath(root: Element): Element | null {
  if (isMathElement(root)) return root;
  for (const el of root.getElementsByTagName('*')) if (isMathElement(el)) return el;
  return null;
}

/** The MathML and label of a formula rendered by `el`, or null when `el` is not the root of a formula. */
export function mathSourceOf(el: Element): MathSource | null {
  if (!el.matches(MATH_ROOT_SELECTOR)) return null;
  // A MathJax v2 frame or a KaTeX span inside another root is met through that root.
  const math = firstMath(el);
  const script = el.matches(
    '.MathJax_Display, .MathJax_SVG_Display, .MathJax, .MathJax_CHTML, .MathJax_SVG, .MathJax_PHTML',
  )
    ? mathJax2Script(el)
    : null;
  const scriptType = script?.getAttribute('type') ?? '';
  const scriptText = script ? text(script.textContent) : undefined;

  let mathml: string | undefined;
  if (math) mathml = serialise(math);
  else if (scriptText && /^math\/mml/u.test(scriptType)) mathml = scriptText;

  const img = el.querySelector('img[alt]');
  const found =
    label(math?.getAttribute('alttext')) ??
    label(el.getAttribute('aria-label')) ??
    label(math?.getAttribute('aria-label')) ??
    (math ? texAnnotation(math) : undefined) ??
    (scriptText && !/^math\/mml/u.test(scriptType) ? label(scriptText) : undefined) ??
    label(el.localName === 'img' ? el.getAttribute('alt') : img?.getAttribute('alt'));

  if (!mathml && !found) return null;
  const source: MathSource = {};
  if (mathml) source.mathml = mathml;
  if (found) source.label = found;
  return source;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ', minus: '−' };
// Function application, invisible times, separator and plus: they have no sound of their own.
const INVISIBLE_OPERATORS = /[\u2061-\u2064]/gu;

/** The characters of a MathML string, tokens separated by spaces: what is left to say when SRE fails. */
export function mathmlTextContent(mathml: string): string {
  return mathml
    .replace(/<annotation(?:-xml)?\b[\s\S]*?<\/annotation(?:-xml)?\s*>/gu, ' ')
    .replace(/<[^>]*>/gu, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/giu, (_whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? ' ';
    })
    .replace(INVISIBLE_OPERATORS, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
