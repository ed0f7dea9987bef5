// Speech for a formula, from its MathML, with speech-rule-engine (SRE), the speech engine MathJax itself uses.
//
// Where it runs: SRE needs a DOM (DOMParser to read the MathML, document.evaluate for its XPath rules), so not the
// service worker; and it is about 1 MB once its English rules are in (see docs in the issue 11 report), too much to
// inject with the page script into every page read. It is meant to be loaded with `import()` from an extension
// page — the offscreen document — only when a page has math: Vite then keeps it, and each locale file, in chunks
// of their own that pages without math never load. It runs there under the extension pages' CSP
// (script-src 'self'): SRE only reaches `eval` to find Node's `require`, which it does not try in a browser.
//
// Locales: SRE fetches its rule files from a CDN by default. Here they come from the package through a custom
// loader (SRE's `custom` feature), so nothing is fetched. Only English is bundled; a page in another language gets
// English math speech, since any other would add ~250 KB per language to the package.
import * as sre from 'speech-rule-engine/mjs/index.js';

type LocaleLoader = () => Promise<unknown>;

// 'base' (symbols shared by all locales) is always loaded first, then SRE's default locale, English. Adding a
// language is one line here (and its size, ~250 KB a language, in a chunk of its own).
const LOCALE_FILES: Record<string, LocaleLoader> = {
  base: () => import('speech-rule-engine/lib/mathmaps/base.json').then((m) => m.default),
  en: () => import('speech-rule-engine/lib/mathmaps/en.json').then((m) => m.default),
};

/** SRE's locale for a page language: the language's own when bundled, else English. */
export function mathSpeechLocale(lang: string): string {
  const primary = lang.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  return primary !== 'base' && primary in LOCALE_FILES ? primary : 'en';
}

function loadLocale(locale: string): Promise<unknown> {
  const load = LOCALE_FILES[locale];
  return load ? load() : Promise.reject(new Error(`math speech: locale ${locale} is not bundled`));
}

// SRE is one engine per JavaScript context whose locale is global state: calls go one at a time.
let queue: Promise<unknown> = Promise.resolve();
let initialised = false;
let currentLocale = '';

async function setUp(locale: string): Promise<void> {
  if (!initialised) {
    // The first setupEngine call only records the features (and the loader, before any locale is loaded).
    await sre.setupEngine({
      // ClearSpeak says "the fraction with numerator … and denominator …", made for listening; MathSpeak's
      // "StartFraction … EndFraction" is made for unambiguous dictation.
      domain: 'clearspeak',
      modality: 'speech',
      // The declared type says string|boolean; SRE's documentation passes the loader function in the same object.
      custom: loadLocale as unknown as string,
    });
    initialised = true;
  }
  if (locale !== currentLocale) {
    await sre.setupEngine({ locale });
    await sre.engineReady();
    currentLocale = locale;
  }
}

const MATH_ROOT = /^\s*<(?:[\w-]+:)?math[\s>]/u;

/** SRE's speech for the MathML, or null when SRE cannot read it. */
function sreSpeech(mathml: string, lang: string): Promise<string | null> {
  const run = queue.then(async () => {
    try {
      await setUp(mathSpeechLocale(lang));
      const source = MATH_ROOT.test(mathml) ? mathml : `<math>${mathml}</math>`;
      const speech = sre.toSpeech(source).replace(/\s+/gu, ' ').trim();
      return speech === '' ? null : speech;
    } catch {
      return null;
    }
  });
  queue = run;
  return run;
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

/** Words for a formula: SRE's ClearSpeak speech, else the MathML's own characters. */
export async function speakMath(mathml: string, lang: string): Promise<string> {
  return (await sreSpeech(mathml, lang)) ?? mathmlTextContent(mathml);
}

/**
 * Words for a formula found on a page (`mathSourceOf`): SRE's speech of its MathML; when there is no MathML or
 * SRE fails, the page's own label (alttext, aria-label, the TeX source), else the MathML's characters.
 */
export async function speakMathSource(source: { mathml?: string; label?: string }, lang: string): Promise<string> {
  const speech = source.mathml ? await sreSpeech(source.mathml, lang) : null;
  if (speech) return speech;
  const label = source.label?.replace(/\s+/gu, ' ').trim();
  if (label) return label;
  return source.mathml ? mathmlTextContent(source.mathml) : '';
}
