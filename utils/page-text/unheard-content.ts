/**
 * What a listener should not hear, even inside the article: the rules, one reason each. Every rule recognises a
 * kind of page furniture by what it is (its words, its role, the names pages give it), never by site. A rule that
 * drops article text on the benchmark (`npm run bench:extraction` reports what each rule dropped) is a bug.
 *
 * Block rules look at a whole block (its element and its text); inline rules at an element inside a block's text
 * (the text map skips it, so offsets and highlighting stay exact).
 */

export interface BlockFacts {
  element: Element;
  /** The block's text as it would be read. */
  text: string;
}

export interface UnheardOptions {
  /** Read bylines and dates (off by default: a listener wants the article). */
  readByline?: boolean;
}

export interface BlockRule {
  name: string;
  reason: string;
  matches(block: BlockFacts, options: UnheardOptions): boolean;
}

export interface InlineRule {
  name: string;
  reason: string;
  matches(el: Element): boolean;
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The words of an element's class and id, lower-cased ("share-bar__item" → share, bar, item). */
function nameTokens(el: Element): string[] {
  const names = `${el.getAttribute('class') ?? ''} ${el.id}`.toLowerCase();
  return names ? names.split(/[^a-z0-9]+/).filter(Boolean) : [];
}

/** Whether the element or one of its ancestors (up to `depth` levels above) is named with one of `words`. */
function namedAs(el: Element, words: RegExp, depth: number): boolean {
  let node: Element | null = el;
  for (let i = 0; node && i <= depth; i++, node = node.parentElement) {
    if (node.localName === 'body' || node.localName === 'article' || node.localName === 'main') return false;
    if (nameTokens(node).some((t) => words.test(t))) return true;
  }
  return false;
}

function closestOutsideArticle(el: Element, selector: string): Element | null {
  const hit = el.closest(selector);
  if (!hit) return null;
  // Inside the article element the same tags are part of it (an article's own header or footer of notes).
  const article = el.closest('article, main, [role="main"], [role="article"]');
  return article && article.contains(hit) ? null : hit;
}

const AD_LABEL =
  /^(advertisements?|advertising|advertisement feature|sponsored( content| links?)?|promoted( content)?|paid (content|post)|anzeige|werbung|publicidad|publicité|pubblicità|реклама|広告|ad)$/i;
const AD_NAME =
  /^(ads?|adv|advert|adverts|advertisement|advertising|adslot|adunit|adcontainer|adwrapper|adbox|dfp|gpt|sponsor|sponsored|sponsorship|taboola|outbrain)$/;
const SHARE_NAME = /^(share|sharing|shares|sharebar|social|socials|newsletter|subscribe|subscription|signup|follow)$/;
const SHARE_TEXT =
  /^(share( this( article| story| page)?)?|share on \w+|share via \w+|tweet|email|e-mail|print|copy link|subscribe( now| today)?|follow us( on \w+)?|get (our|the) newsletter)\b[^.?!]{0,30}$/i;
const SKIP_TEXT =
  /^(skip to( main)? (content|navigation|main|search|footer)|jump to (content|navigation|search)|continue reading( the main story)?|keep reading|read more|read the full (story|article)|advertisement - scroll to continue|scroll to (continue|top)|back to top)\b[\s\S]{0,40}$/i;
const MEDIA_LABEL =
  /^((photo|image|picture|video|audio|graphic|illustration|gallery|slideshow|infographic)s?( \d+ (of|\/) \d+)?|\d+ (of|\/) \d+|watch( video| now)?|listen( now)?|play( video)?|caption|close|expand|enlarge|full ?screen|next|prev(ious)?|view (gallery|slideshow|photos?))[\s:.|—–-]*$/i;
const CREDIT =
  /^((photo|image|picture|video|illustration|graphic)s?( credit)?|credit|photograph|photo by|image by|illustration by|courtesy( of)?|©|\(c\))\s*[:|©/]?\s*[\s\S]{0,70}$/i;
const CREDIT_START =
  /^((photo|image|picture|illustration)s?( credit)?\s*[:|]|credit\s*:|photograph\s*:|(photo|image|illustration) by |courtesy of |©)/i;
const COOKIE_NAME = /^(cookie|cookies|consent|gdpr|cmp|cookiebanner|cookienotice)$/;
const COOKIE_TEXT = /\bcookies?\b/i;
const LABEL_ONLY =
  /^(tags?|topics?|filed under|categories|category|related( articles| stories| content| posts| links)?|more (on|from|about) [\s\S]{1,40}|(view|show|hide|read|load) (all )?comments?( \(\d+\))?|comments?( \(\d+\))?|\d+ comments?|leave a (comment|reply)|add a comment|join the (conversation|discussion)|you (may|might) also like|recommended( for you)?|most (read|popular|viewed)|trending( now)?)\s*:?$/i;
const BYLINE_NAME = /^(byline|bylines|author|authors|dateline|timestamp|pubdate)$/;
// A name after "By" starts with a capital (case-sensitive: "By the end of…" is a sentence).
const BYLINE_TEXT =
  /^(By|BY|Von|Par|Por|Di|Door|Av) \p{Lu}[\s\S]{0,120}$|^([Pp]ublished|[Uu]pdated|[Pp]osted|[Ll]ast (updated|modified)|[Ff]irst published)\b[\s\S]{0,80}$/u;

export const BLOCK_RULES: readonly BlockRule[] = [
  {
    name: 'ad-label',
    reason: 'An ad slot\'s label ("Advertisement", "Sponsored") says nothing of the article.',
    matches: ({ text }) => AD_LABEL.test(squash(text).replace(/[\s:.|—–-]+$/, '')),
  },
  {
    name: 'ad-slot',
    reason: 'Text in an element named as an ad slot (class or id "ad", "advert", "sponsored"…) is an ad.',
    // A sentence inside (a disclosure, "We use affiliate links. …") is the page talking, not an ad.
    matches: ({ element, text }) =>
      squash(text).length < 400 && !/[.!?]\s+\p{Lu}/u.test(text) && namedAs(element, AD_NAME, 4),
  },
  {
    name: 'share-bar',
    reason: 'Share, follow, subscribe and newsletter bars are controls, not article text.',
    matches: ({ element, text }) => {
      const t = squash(text);
      return t.length < 120 && (SHARE_TEXT.test(t) || namedAs(element, SHARE_NAME, 3));
    },
  },
  {
    name: 'skip-link',
    reason: '"Skip to content", "Continue reading", "Back to top": navigation within the page.',
    matches: ({ text }) => SKIP_TEXT.test(squash(text)),
  },
  {
    name: 'media-label',
    reason: 'A lone media label or gallery control ("Photo", "Image 1 of 23", "Close") is not a sentence.',
    matches: ({ text }) => MEDIA_LABEL.test(squash(text)),
  },
  {
    name: 'photo-credit',
    reason: 'Photo credits ("Photo: … / Reuters", "© …") name a source, not the story.',
    matches: ({ text }) => {
      const t = squash(text);
      return t.length < 100 && CREDIT_START.test(t) && CREDIT.test(t);
    },
  },
  {
    name: 'cookie-banner',
    reason: 'Cookie and consent banners are about the site, not the article.',
    matches: ({ element, text }) =>
      namedAs(element, COOKIE_NAME, 6) ||
      (COOKIE_TEXT.test(text) && /\b(accept|consent|agree)\b/i.test(text) && squash(text).length < 600),
  },
  {
    name: 'label-only',
    reason: 'A lone section label ("Tags:", "View Comments", "Related") introduces links, not text.',
    matches: ({ text }) => LABEL_ONLY.test(squash(text)),
  },
  {
    name: 'byline',
    reason: 'Bylines and dates are read only when the "Read bylines and dates" setting is on.',
    matches: ({ element, text }, options) => {
      if (options.readByline) return false;
      const t = squash(text);
      if (t.length > 160) return false;
      if (
        element.closest(
          '[rel="author"], [itemprop~="author"], [itemprop~="datePublished"], [itemprop~="dateModified"], address',
        )
      )
        return true;
      if (element.localName === 'time' || (element.querySelector('time') && t.length < 80)) return true;
      return BYLINE_TEXT.test(t) || namedAs(element, BYLINE_NAME, 1);
    },
  },
  {
    name: 'page-furniture',
    reason: "Navigation, site headers and footers outside the article are the site, not the page's text.",
    matches: ({ element }) =>
      closestOutsideArticle(element, 'nav, [role="navigation"], [role="contentinfo"], [role="banner"], footer') !==
      null,
  },
];

const EDIT_LINK = /^\[\s*(edit|edit source|edit section)(\s*\|\s*edit source)?\s*\]$/i;
const REFERENCE =
  /^\[\s*(\d{1,4}|[a-z]|[ivx]{1,5}|note \d+|nb \d+|citation needed|clarification needed|when\?|who\?|according to whom\?|dubious[^\]]*|better source needed|page needed|verification needed)\s*\]$|^\d{1,4}$|^\*$/i;

export const INLINE_RULES: readonly InlineRule[] = [
  {
    name: 'edit-link',
    reason: 'An "[edit]" link beside a heading is a control of the page, not its text.',
    matches: (el) =>
      (el.localName === 'span' || el.localName === 'a') &&
      (el.textContent ?? '').length < 40 &&
      EDIT_LINK.test(squash(el.textContent ?? '')) &&
      (el.localName === 'a' || el.querySelector('a') !== null),
  },
  {
    name: 'reference-marker',
    reason: 'Reference and citation markers ("[12]", "[citation needed]") interrupt a sentence read aloud.',
    matches: (el) => {
      if (el.localName !== 'sup') return false;
      const text = squash(el.textContent ?? '');
      if (text.length > 40) return false;
      if (REFERENCE.test(text)) return /^\[/.test(text) || el.querySelector('a[href^="#"]') !== null;
      return false;
    },
  },
];

/** The first block rule that says the block is not heard, or null. */
export function unheardBlockRule(block: BlockFacts, options: UnheardOptions = {}): BlockRule | null {
  for (const rule of BLOCK_RULES) if (rule.matches(block, options)) return rule;
  return null;
}

/** Whether an element inside a block's text is left out of it (an inline rule matches). */
export function isUnheardInline(el: Element): boolean {
  const name = el.localName;
  if (name !== 'sup' && name !== 'span' && name !== 'a') return false;
  // Markers and edit links are a few nodes; a larger element is text (and its textContent would cost a walk).
  if (el.childNodes.length > 5) return false;
  return INLINE_RULES.some((rule) => rule.matches(el));
}
