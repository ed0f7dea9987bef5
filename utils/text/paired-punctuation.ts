// Which brackets and quote marks open and which close, so that sentence and unit boundaries can keep them with
// the sentence they belong to (issue 11, item 8). Unicode general categories carry most of it: Ps/Pe (brackets,
// 「」, „) always open/close. Pi/Pf ("initial"/"final" quotes) do not: German writes „…“ and »…«, French « … »,
// Swedish ”…”, so their role is read from their place first (after a space and before a letter opens; after a
// letter and before a space or punctuation closes) and from the category only when the place says nothing
// (UAX #44 §5.7.1: Pi and Pf "may behave like Ps or Pe depending on usage"). Quote marks with no direction at all
// (ASCII " and ', Hebrew geresh/gershayim, which Hebrew text uses as quotation marks) are read by place too, and a
// double quote whose place is ambiguous — as in text without spaces, 。"次の文"です — by pairing in order.

const OPEN = 1;
const CLOSE = 2;

const CANDIDATE = /[\p{Ps}\p{Pe}\p{Pi}\p{Pf}"'\u05F3\u05F4]/gu;
const ALWAYS_OPEN = /^\p{Ps}$/u;
const ALWAYS_CLOSE = /^\p{Pe}$/u;
const INITIAL = /^\p{Pi}$/u;
const DOUBLE_UNDIRECTED = new Set(['"', '\u05F4']);
// Also an apostrophe (don't, don’t) or a Hebrew abbreviation mark (צה״ל) when between two letters.
const WORD_INTERNAL = new Set(["'", '\u2019', '\u05F3', '\u05F4']);

const SPACE = /^\s$/u;
const WORD = /^[\p{L}\p{M}\p{N}]$/u;
const OPENS_BEFORE = /^[\s\p{Ps}\p{Pi}]$/u;
// A space, a closing bracket or quote, or sentence/clause punctuation after a quote mark says it closes;
// ¿ and ¡ open Spanish sentences and the undirected quotes themselves say nothing.
const CLOSES_AFTER = /^(?:[\s\p{Pe}\p{Pf}]|(?![¿¡"'\u05F3\u05F4])\p{Po})$/u;

/** The pairing role of every UTF-16 position of `text` (0 none, 1 opens, 2 closes). */
export function pairedPunctuationRoles(text: string): Uint8Array {
  const roles = new Uint8Array(text.length);
  const doubleOpen = new Map<string, boolean>();
  for (const match of text.matchAll(CANDIDATE)) {
    const at = match.index;
    const ch = match[0];
    if (ALWAYS_OPEN.test(ch)) {
      roles[at] = OPEN;
      continue;
    }
    if (ALWAYS_CLOSE.test(ch)) {
      roles[at] = CLOSE;
      continue;
    }
    const before = at > 0 ? (text[at - 1] as string) : '';
    const after = at + 1 < text.length ? (text[at + 1] as string) : '';
    if (WORD_INTERNAL.has(ch) && WORD.test(before) && WORD.test(after)) continue;
    const opensByPlace = before === '' || OPENS_BEFORE.test(before);
    const closesByPlace = after === '' || CLOSES_AFTER.test(after);
    let role = 0;
    if (opensByPlace && !closesByPlace) role = OPEN;
    else if (closesByPlace && !opensByPlace) role = CLOSE;
    else if (DOUBLE_UNDIRECTED.has(ch)) role = doubleOpen.get(ch) ? CLOSE : OPEN;
    else if (ch !== "'" && ch !== '\u05F3') role = INITIAL.test(ch) ? OPEN : CLOSE;
    if (DOUBLE_UNDIRECTED.has(ch) && role !== 0) doubleOpen.set(ch, role === OPEN);
    roles[at] = role;
  }
  return roles;
}

/**
 * Moves a boundary at `at` (between `min` and `max`) so that opening marks before it (and the space before
 * them) go to the right, and closing marks after it (and the space after them) go to the left.
 */
export function settleBoundary(text: string, roles: Uint8Array, at: number, min: number, max: number): number {
  let back = at;
  while (back > min && SPACE.test(text[back - 1] as string)) back--;
  let openers = back;
  while (openers > min && roles[openers - 1] === OPEN) openers--;
  if (openers < back) return openers;
  let closers = at;
  while (closers < max && roles[closers] === CLOSE) closers++;
  if (closers === at) return at;
  while (closers < max && SPACE.test(text[closers] as string)) closers++;
  return closers;
}

/** True when a cut at `at` would leave an opening mark at the end of one piece or a closing one at the start of the next. */
export function splitsPair(text: string, roles: Uint8Array, at: number): boolean {
  let back = at;
  while (back > 0 && SPACE.test(text[back - 1] as string)) back--;
  if (back > 0 && roles[back - 1] === OPEN) return true;
  let ahead = at;
  while (ahead < text.length && SPACE.test(text[ahead] as string)) ahead++;
  return roles[ahead] === CLOSE;
}
