// Generated pages for the benchmark: deterministic English-like prose (so speech durations are realistic and every
// sentence is distinct, which keeps any cache from answering within one reading) inside page chrome that looks like
// a real article page (navigation, sidebars, comments, scripts) for the extraction sizes.

const SUBJECTS = [
  'The old harbour',
  'A quiet librarian',
  'The night train',
  'Our neighbour',
  'The village choir',
  'A young engineer',
  'The river',
  'The museum guard',
  'A travelling painter',
  'The baker',
];
const VERBS = [
  'remembered',
  'described',
  'carried',
  'noticed',
  'followed',
  'repaired',
  'answered',
  'painted',
  'measured',
  'welcomed',
];
const OBJECTS = [
  'the lanterns along the pier',
  'a letter from the coast',
  'every clock in the tower',
  'the map of the northern hills',
  'a basket of winter apples',
  'the song about the lighthouse',
  'the bridge before the storm',
  'a box of forgotten photographs',
  'the garden behind the school',
  'the sound of distant bells',
];
const TAILS = [
  'before the sun went down',
  'while the others were asleep',
  'with surprising patience',
  'as the rain began to fall',
  'long after the market closed',
  'without saying a single word',
  'in the cold blue morning',
  'because nobody else would',
  'on the last day of autumn',
  'for the very first time',
];

/** Small deterministic PRNG (mulberry32): the same seed gives the same page in every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sentence number `n` is unique (it carries its number in words-free form: an ordinal clause). */
export function sentences(count: number, seed: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from(
    { length: count },
    (_, n) => `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}, said note ${seed}-${n + 1}.`,
  );
}

function paragraphs(all: string[], perParagraph: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < all.length; i += perParagraph) out.push(all.slice(i, i + perParagraph).join(' '));
  return out;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** An article page whose article is exactly `count` sentences in paragraphs of `perParagraph`. */
export function articlePage(
  title: string,
  count: number,
  seed: number,
  perParagraph = 5,
): { html: string; sentences: string[] } {
  const all = sentences(count, seed);
  const body = paragraphs(all, perParagraph)
    .map((p, i) => `<p id="p${i}">${escape(p)}</p>`)
    .join('\n');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><header><nav><a href="#">Home</a> <a href="#">News</a> <a href="#">About</a></nav></header>
<main><article><h1>${escape(title)}</h1>
${body}
</article></main><footer><p>Footer text, not part of the article.</p></footer></body></html>`;
  return { html, sentences: all };
}

/** An article of about `chars` characters of prose (for the memory figures). */
export function proseOfChars(title: string, chars: number, seed: number): { html: string; chars: number } {
  const out: string[] = [];
  let total = 0;
  const pool = sentences(Math.ceil(chars / 60) + 10, seed);
  for (const s of pool) {
    if (total >= chars) break;
    out.push(s);
    total += s.length + 1;
  }
  return {
    html: articlePage(title, 0, seed).html.replace(
      '</h1>\n',
      `</h1>\n${paragraphs(out, 6)
        .map((p) => `<p>${escape(p)}</p>`)
        .join('\n')}\n`,
    ),
    chars: total,
  };
}

/**
 * A page of about `bytes` bytes of HTML shaped like a long news or forum page: navigation, a long article, sidebars
 * with link lists, comment threads, inline scripts and styles; extraction has to walk and rank all of it.
 */
export function heavyPage(bytes: number, seed: number): string {
  const r = rng(seed);
  const all = sentences(200, seed);
  const text = (n: number) => Array.from({ length: n }, () => all[Math.floor(r() * all.length)]!).join(' ');
  const parts: string[] = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Heavy page ${bytes}</title>`,
    `<style>${'.c{margin:0;padding:4px}'.repeat(20)}</style></head><body>`,
    `<header><nav>${Array.from({ length: 30 }, (_, i) => `<a href="/s${i}">Section ${i}</a>`).join(' ')}</nav></header>`,
    '<main><article><h1>A long article for the extraction benchmark</h1>',
  ];
  let size = parts.join('').length;
  let i = 0;
  const tail = '</article></main><footer>Footer</footer></body></html>';
  while (size + tail.length < bytes) {
    let chunk: string;
    switch (i % 6) {
      case 0:
      case 1:
      case 2:
        chunk = `<p class="c">${escape(text(4))} <a href="/a${i}">${escape(text(1))}</a> ${escape(text(2))}</p>\n`;
        break;
      case 3:
        chunk = `<h2>Part ${i}</h2><ul>${Array.from({ length: 4 }, () => `<li>${escape(text(1))}</li>`).join('')}</ul>\n`;
        break;
      case 4:
        chunk = `<aside class="sidebar"><h3>Related</h3>${Array.from({ length: 6 }, (_, k) => `<div class="c"><a href="/r${i}-${k}">Related story ${i}-${k}</a></div>`).join('')}</aside>\n`;
        break;
      default:
        chunk = `<section class="comments"><div class="comment"><b>user${i}</b><div>${escape(text(2))}</div><script>window.x${i}=${i};</script></div></section>\n`;
    }
    parts.push(chunk);
    size += chunk.length;
    i++;
  }
  parts.push(tail);
  return parts.join('');
}
