// One normalisation shared by cache keys and synthesis requests, so that text that sounds the same is
// requested and cached once: NFC (é precomposed or not), control characters dropped (they have no sound),
// every run of whitespace (including NBSP, ideographic space, line breaks) collapsed to one space, trimmed.
// Zero-width joiners and variation selectors are kept: they are part of emoji and of some scripts.

const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const WHITESPACE = /\s+/gu;

export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(CONTROLS, '').replace(WHITESPACE, ' ').trim();
}

/** Length in Unicode code points, the unit of the API's 256 limit. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
