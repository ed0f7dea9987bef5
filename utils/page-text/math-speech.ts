// Speech for a formula, from its MathML, with speech-rule-engine (SRE), the speech engine MathJax itself uses.
//
// Where it runs: SRE needs a DOM (DOMParser to read the MathML, document.evaluate for its XPath rules), so not the
// service worker. It is large — built by Vite, minified: engine 340 KB, shared symbols 199 KB, English rules
// 331 KB (157 KB gzipped together) — too much to inject with the page script into every page read. This module
// itself is small: SRE and its rules are imported on the first formula, so Vite keeps them in chunks of their own
// that pages without math never load. Meant for an extension page (the offscreen document) that the page script
// asks for speech; that needs an ES-module context (an injected classic script would inline the chunks). Checked
// in Chromium 156 under the extension pages' CSP (script-src 'self'; connect-src 'self'): it works and fetches
// nothing. SRE holds an `eval('require')` for Node, which it never reaches in a browser. It is slow to start and
// not fast per formula — measured there on 2 shared, busy cores: 3.4 s until the first formula is spoken (the
// rules are compiled), then ~115 ms a formula the size of the quadratic formula — so ask early (as soon as a page
// is known to have math) and for a page's formulas together; repeated formulas come from a cache.
//
// Locales: SRE fetches its rule files from a CDN by default, and in a browser starts doing so as soon as its
// module is evaluated. Here they come from the package through a custom loader (SRE's `custom` feature), set in
// the `SREfeature` global before SRE is imported — SRE's documented way to change loading before its first load —
// so nothing is fetched. Only English is bundled; a page in another language gets English math speech, since any
// other would add ~250 KB per language to the package.
import { mathmlTextContent } from './math-source';

type Sre = typeof import('speech-rule-engine/mjs/index.js');

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
let engine: Promise<Sre> | undefined;
let currentLocale = '';

function loadEngine(): Promise<Sre> {
  engine ??= (async () => {
    (globalThis as typeof globalThis & { SREfeature?: object }).SREfeature = {
      custom: loadLocale,
      // ClearSpeak says "the fraction with numerator … and denominator …", made for listening; MathSpeak's
      // "StartFraction … EndFraction" is made for unambiguous dictation.
      domain: 'clearspeak',
      modality: 'speech',
    };
    const sre = await import('speech-rule-engine/mjs/index.js');
    await sre.engineReady();
    return sre;
  })().catch((error: unknown) => {
    engine = undefined; // Let a later formula try again.
    throw error;
  });
  return engine;
}

async function setUp(locale: string): Promise<Sre> {
  const sre = await loadEngine();
  if (locale !== currentLocale) {
    await sre.setupEngine({ locale });
    await sre.engineReady();
    currentLocale = locale;
  }
  return sre;
}

const MATH_ROOT = /^\s*<(?:[\w-]+:)?math[\s>]/u;

// Pages repeat the same small formulas (x, n, f(x)) many times, and SRE takes milliseconds per formula.
const spoken = new Map<string, string | null>();
const SPOKEN_LIMIT = 1000;

/** SRE's speech for the MathML, or null when SRE cannot read it. */
function sreSpeech(mathml: string, lang: string): Promise<string | null> {
  const key = `${mathSpeechLocale(lang)}\u0000${mathml}`;
  if (spoken.has(key)) return Promise.resolve(spoken.get(key) ?? null);
  const run = queue.then(async () => {
    try {
      const sre = await setUp(mathSpeechLocale(lang));
      const source = MATH_ROOT.test(mathml) ? mathml : `<math>${mathml}</math>`;
      const speech = sre.toSpeech(source).replace(/\s+/gu, ' ').trim() || null;
      if (spoken.size >= SPOKEN_LIMIT) spoken.delete(spoken.keys().next().value as string);
      spoken.set(key, speech);
      return speech;
    } catch {
      return null;
    }
  });
  queue = run;
  return run;
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

/**
 * SRE's speech for each formula of a page, in order: null where there is no MathML, SRE cannot read it, or
 * `budgetMs` has passed (the page then reads that formula's label or characters, formula-text.ts). The budget
 * bounds how long the start of a reading waits on a page with thousands of formulas or a slow first start;
 * the engine goes on loading, so a later reading of the page finds it ready.
 */
export async function speakFormulasWithin(
  mathml: readonly (string | undefined)[],
  lang: string,
  budgetMs: number,
): Promise<(string | null)[]> {
  const deadline = Date.now() + budgetMs;
  const out: (string | null)[] = [];
  for (const source of mathml) {
    const left = deadline - Date.now();
    if (!source || left <= 0) {
      out.push(null);
      continue;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), left)));
    out.push(await Promise.race([sreSpeech(source, lang), late]));
    clearTimeout(timer);
  }
  return out;
}
