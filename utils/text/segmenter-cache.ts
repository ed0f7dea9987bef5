// Building an Intl.Segmenter loads ICU data; pages are chunked block by block, so keep one per locale.
const cache = new Map<string, Intl.Segmenter>();

/** A segmenter for the page's language; an invalid or empty lang falls back to the default locale. */
export function getSegmenter(lang: string, granularity: 'grapheme' | 'word' | 'sentence'): Intl.Segmenter {
  const key = `${granularity}\u0000${lang}`;
  let segmenter = cache.get(key);
  if (!segmenter) {
    let locale: string | undefined;
    try {
      locale = lang ? Intl.getCanonicalLocales(lang)[0] : undefined;
    } catch {
      locale = undefined;
    }
    segmenter = new Intl.Segmenter(locale, { granularity });
    cache.set(key, segmenter);
  }
  return segmenter;
}
