/**
 * What a listener should not hear, even inside the article: the rules, one reason each. Every rule recognises a
 * kind of page furniture by what it is (its words, its role, the names pages give it), never by site. A rule that
 * drops article text on the benchmark (`npm run bench:extraction` reports what each rule dropped) is a bug.
 *
 * Block rules look at a whole block (its element and its text); inline rules at an element inside a block's text
 * (the text map skips it, so offsets and highlighting stay exact).
 */

import { memoize } from './element-style';
import { isOtherStoryOfSite, ownUrls, pageAddress } from './site-links';

export interface BlockFacts {
  element: Element;
  /** The block's text as it would be read. */
  text: string;
  /** The texts of the blocks kept before this one in the same reading, as `heardKey` gives them. */
  earlier?: ReadonlySet<string>;
  /** For an anonymous block (a run of the element's text between nested blocks): the run. */
  run?: Range;
  /** The rule that left out the block just before this one in the reading (none when it was heard). */
  afterRule?: string;
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

let squashedFrom = '';
let squashed = '';
/**
 * The text with its white space collapsed. Every rule asks it of the same block text in turn: the last answer is
 * kept, since collapsing a long paragraph once per rule was a large share of extraction on long pages.
 */
function squash(text: string): string {
  if (text !== squashedFrom) {
    squashedFrom = text;
    // A block's text is mostly collapsed already (block-text-map.ts): testing costs no copy of a long paragraph.
    squashed = NEEDS_SQUASH.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
  }
  return squashed;
}
const NEEDS_SQUASH = /^\s|\s$|\s\s|[^\S ]/;

let keyFrom = '';
let key = '';
/**
 * How a block's text is compared with the blocks heard before it (case and spacing do not count). Asked twice of
 * each block in turn (by a rule, then to remember the block as heard): the last answer is kept.
 */
export function heardKey(text: string): string {
  if (text !== keyFrom) {
    keyFrom = text;
    key = squash(text).toLowerCase();
  }
  return key;
}

/** The share of the element's text that is link text (0 when it has none). */
function linkShare(el: Element, length: number): number {
  if (length === 0) return 0;
  let linked = 0;
  for (const a of el.querySelectorAll('a')) linked += squash(a.textContent ?? '').length;
  return Math.min(1, linked / length);
}

// Elements that are blocks of their own by HTML's default rendering: their links are not the text of a block around them.
const NESTED_BLOCK =
  'p, li, div, h1, h2, h3, h4, h5, h6, td, th, blockquote, figcaption, dd, dt, section, article, pre';

let linksFrom: BlockFacts | null = null;
let links: HTMLAnchorElement[] = [];
/**
 * The links of the block's own text: for an anonymous block only those in its run, else not those inside a
 * nested block (read as a block of its own). Several rules ask it of the same block in turn: the last is kept.
 */
function blockLinks(block: BlockFacts): HTMLAnchorElement[] {
  if (block !== linksFrom) {
    linksFrom = block;
    const { element, run } = block;
    const all = [...element.querySelectorAll<HTMLAnchorElement>('a[href]')];
    links = run
      ? all.filter((a) => run.intersectsNode(a))
      : all.filter((a) => {
          const nested = a.parentElement?.closest(NESTED_BLOCK);
          return !nested || nested === element || !element.contains(nested);
        });
  }
  return links;
}

/** The share of the block's text that is the text of `links`. */
function shareOf(links: readonly Element[], length: number): number {
  if (length === 0) return 0;
  let linked = 0;
  for (const a of links) linked += squash(a.textContent ?? '').length;
  return Math.min(1, linked / length);
}

/** Whether the nearest element (itself or up to `depth` above) with a name token in `first` and one in `second` is small. */
function namedAsPair(el: Element, first: RegExp, second: RegExp, depth: number): boolean {
  let node: Element | null = el;
  for (let i = 0; node && i <= depth; i++, node = node.parentElement) {
    if (node.localName === 'body' || node.localName === 'main') return false;
    const tokens = nameTokens(node);
    if (tokens.some((t) => first.test(t)) && tokens.some((t) => second.test(t)))
      return (node.textContent ?? '').length < BIO_MAX_CHARS;
  }
  return false;
}

/** The words of an element's class and id, lower-cased ("share-bar__item" → share, bar, item). */
function nameTokens(el: Element): string[] {
  // Sibling blocks ask the same ancestors: their words are split once per extraction.
  return memoize(el, 'nameTokens', () => {
    const names = `${el.getAttribute('class') ?? ''} ${el.id}`.toLowerCase();
    return names.trim() ? names.split(/[^a-z0-9]+/).filter(Boolean) : [];
  });
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

// The label alone, with any trailing punctuation; anchored at both ends, so a long paragraph fails at its start.
const AD_LABEL =
  /^(advertisements?|adverts?|advertising|advertisement feature|sponsored( content| links?)?|promoted( content)?|paid (content|post)|anzeige|werbung|publicidad|publicité|pubblicità|реклама|広告|ad)[\s:.|—–-]*$/i;
const AD_NAME =
  /^(ads?|adv|advert|adverts|advertisement|advertising|adslot|adunit|adcontainer|adwrapper|adbox|dfp|gpt|sponsor|sponsored|sponsorship|taboola|outbrain)$/;
/** The end of one sentence and the start of another. */
const SENTENCE_BREAK = /[.!?]\s+\p{Lu}/u;
const SHARE_NAME = /^(share|sharing|shares|sharebar|social|socials|newsletter|subscribe|subscription|signup|follow)$/;
const SHARE_TEXT =
  /^(share( this( article| story| page)?)?|share on \w+|share via \w+|tweet|email|e-mail|print|copy link|subscribe( now| today)?|follow us( on \w+)?|get (our|the) newsletter)\b[^.?!]{0,30}$/i;
const SKIP_TEXT =
  /^(skip to( main)? (content|navigation|main|search|footer)|jump to (content|navigation|search)|continue reading( the main story)?|keep reading|read more|read the full (story|article)|advertisement - scroll to continue|scroll to (continue|top)|back to top)\b[\s\S]{0,40}$/i;
const MEDIA_LABEL =
  /^((photo|image|picture|video|audio|graphic|illustration|gallery|slideshow|infographic)s?( \d+ (of|\/|of \/) \d+)?|\d+ (of|\/|of \/) \d+|watch( video| now)?|listen( now)?|play( video)?|caption|close|expand|enlarge( image| photo)?|full ?screen|(image|photo|picture) (copyright|credit)|credits?\.*|copyright|next|prev(ious)?|view (gallery|slideshow|photos?))[\s:.|—–-]*$/i;
const CREDIT =
  /^((photo|image|picture|video|illustration|graphic)s?( credit| copyright)?|credit|photograph|photo by|image by|illustration by|courtesy( of)?|©|\(c\))\s*[:|©/]?\s*[\s\S]{0,70}$/i;
const CREDIT_START =
  /^((photo|image|picture|illustration)s?( credit| copyright)?\s*[:|]|(image|photo) copyright |credit\s*:|photograph\s*:|(photo|image|illustration) by |courtesy of |©)/i;
const COOKIE_NAME = /^(cookie|cookies|consent|gdpr|cmp|cookiebanner|cookienotice)$/;
const COOKIE_TEXT = /\bcookies?\b/i;
const LABEL_ONLY =
  /^(tags?|topics?|filed under|categories|category|related( articles| stories| content| posts| links)?|more (on|from|about) [\s\S]{1,40}|(view|show|hide|read|load) (all )?comments?( \(\d+\))?|comments?( \(\d+\))?|\d+ comments?|leave a (comment|reply)|tell us what you think|have your say|add a comment|join the (conversation|discussion)|you (may|might) also (like|enjoy)|recommended( for you)?|most (read|popular|viewed)|você (também )?pode gostar|(também )?te puede interesar|vous aimerez (aussi|également)|das könnte (sie|dich) auch interessieren|(ti )?potrebbe interessarti|trending( now)?|don'?t miss|see more|more stories|want more stories like this\?|breaking news|latest( news| stories| articles)?|popular( now| today| this week)?|recent (articles|posts|stories)|related news|more great [\w' ]{1,30} stories|more [\w' ]{1,30} news|more)\s*(:|\.{3}|…)?$/i;
const BYLINE_NAME = /^(byline|bylines|author|authors|dateline|timestamp|pubdate)$/;
// A name after "By" starts with a capital (case-sensitive: "By the end of…" is a sentence).
const BYLINE_TEXT =
  /^(By|BY|Von|Par|Por|Di|Door|Av) \p{Lu}[\s\S]{0,120}$|^([Pp]ublished|[Uu]pdated|[Pp]osted|[Ll]ast ([Uu]pdated|[Mm]odified)|[Ff]irst [Pp]ublished)\b[\s\S]{0,80}$/u;

// Calls to subscribe or sign up: the promise of delivery ("…in your inbox", "delivered weekday mornings") or the
// request itself ("Subscribe to…", "Sign up for…", "Click here to subscribe").
const SUBSCRIBE_PITCH =
  /\b(subscribe to (our|the) [\w' ]{0,40}(newsletters?|magazine|sister (title|publication)|channel|podcast)|sign up (to|for) (our|the) [\w' ]{0,40}newsletters?|get a subscription|click here to subscribe|(in|into|to|meet) your inbox|delivered (through your letterbox|to your (door|inbox)|weekday mornings|every (day|week|month))|free (daily |weekly )?newsletter|we('ll| will)? send (you )?an? (daily |weekly )?(e-?mail|newsletter) with|if you (enjoyed|liked) this (article|story|post)\b[^.]{0,80}\b(join|subscribe|become a (member|subscriber)))\b/i;
// …and the app's: "Click here to get the Gazette app".
const CALL_TO_ACTION =
  /\bby (click|tapp)ing here[.!]?$|^(click|tap) here to (get|download) (the|our) [\w' ]{0,40}app[.!]?$/i;
const FOLLOW_PROMPT =
  /^follow [\w.'’ ]{1,40}(full|complete|live|latest) coverage of\b|\b(follow (us|him|her|them|me)( on\b| at\b|\s*@)|follow @\w+|share (it|this( story| article)?) with a friend|join our [\w ]{0,30}(forums?|community)\b)/i;
const CONTACT_LINE =
  /\b((may|can) be reached (at|on|by)|reach (the reporters?|him|her|them) (on|at|by)|have a (news )?tip\?|email [\p{Lu}][\w.'-]* [\p{Lu}][\w.'-]* at \S+@|^write to [\p{Lu}][\w.'-]*( [\p{Lu}][\w.'-]*){1,3} at \S+@\S+$)/iu;
const SEE_ALSO_LABEL =
  /^[([]?\s*(read more|read also|also read|also on [\w.-]+|see also|see more|related( articles?| stories| links?)?|more( on this| stories)?|recommended|don'?t miss|must read|leggi anche( su)?|lesen sie auch|lire aussi|à lire aussi|leia também|lea también|ver también)\b\s*[:|—–-]?/i;
const SEE_ALSO_NAME = /^(related|readmore|recommended|recirculation|recirc|teaser|teasers|promo|promos)$/;
// Not "© … All rights reserved": news agencies' copyright lines are part of the article on the benchmark.
const PAGE_NOTICE =
  /^(disclaimer\s*:|citation\s*:|this (document|article|material|content|story) is subject to copyright|the contents of this (site|page) are\b|this (post|article|page|story) (may )?contains? (affiliate|referral)\b)/i;
// What a page says where its scripts did not run: a widget's placeholder, not its content.
const SCRIPT_NOTICE =
  /^(this (slideshow|gallery|video|player|content|page|site|feature|map|form|widget) requires javascript|(please )?(enable|turn on|activate) javascript|javascript (is )?(required|disabled|must be enabled)|you (need|must) (to )?(enable|turn on|have) javascript( enabled)?)( (to|in order to) [^.!?]{1,80})?[.!]?$/i;
const CAPTION_NAME =
  /^(caption|captions|gallery|slide|slides|slideshow|carousel|lightbox|photo|photos|image|images|media)$/;
const AUTHOR_NAME = /^(author|authors|writer|contributor)$/;
const BIO_NAME = /^(bio|biography|about|box|info|card|description|profile)$/;
/** A biography box is small; a page container named after its author (a CMS's "author-jane" class) is not. */
const BIO_MAX_CHARS = 1500;
// The words of a date or time in the languages of the pages read most (month and day names, their short forms,
// the little words between them: "Tuesday, 22 January 2018 at 0:13", "sexta-feira, 22 de outubro de 2010 às 20:13").
const CALENDAR_WORDS = new Set(
  (
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    // The short months of Portuguese, Spanish and Italian that English does not share.
    'fev abr ago set out dez ene dic gen mag giu lug ott ' +
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun ' +
    'janvier février mars avril mai juin juillet août septembre octobre novembre décembre ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'januar februar märz juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag ' +
    'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre ' +
    'lunes martes miércoles jueves viernes sábado domingo ' +
    'janeiro fevereiro março maio junho julho setembro outubro novembro dezembro ' +
    'segunda terça quarta quinta sexta feira ' +
    'gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre ' +
    'lunedì martedì mercoledì giovedì venerdì sabato ' +
    'de del à às a las le el um at on the of am pm a.m p.m h utc gmt est edt cst cdt pst pdt bst cet cest'
  ).split(' '),
);

const MONTH_OR_DAY = /^(?!(de|del|à|às|a|las|le|el|um|at|on|the|of|am|pm|a\.m|p\.m|h|utc|gmt|[ecmp][sd]t|bst|cest?)$)/;

/** A date or time alone ("Tuesday, 22 January 2018 at 0:13", "05/10/2018"): digits and calendar words only. */
function isDateOnly(text: string): boolean {
  if (text.length > 60 || !/\d/.test(text)) return false;
  const words = (text.toLowerCase().match(/\p{L}[\p{L}.]*/gu) ?? []).map((w) => w.replace(/\.$/, ''));
  if (!words.every((w) => CALENDAR_WORDS.has(w))) return false;
  // A date, not a number or a time alone (a score, a table cell, the times heading a live blog's entries).
  return words.some((w) => MONTH_OR_DAY.test(w)) || /\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b/.test(text);
}

// Where share buttons lead: the share intents of messengers and social sites (their documented share URLs), and
// the mail and text-message schemes with a prepared message.
const SHARE_HREF =
  /^(whatsapp:|sms:|fb-messenger:|viber:|mailto:\?)|^https?:\/\/([\w-]+\.)*(facebook\.com\/(sharer|share\.php|dialog\/(share|feed|send))|(twitter|x)\.com\/(intent\/|share\b|home\?status)|pinterest\.[a-z.]+\/pin\/create|linkedin\.com\/(share|sharearticle|cws\/share)|reddit\.com\/submit|api\.whatsapp\.com\/send|wa\.me\/|t(elegram)?\.me\/share|tumblr\.com\/(share|widgets\/share)|vk\.com\/share|getpocket\.com\/(save|edit)|news\.ycombinator\.com\/submitlink|flipboard\.com\/bookmarklet|plus\.google\.com\/share)/i;
// A number alone: over a photo it is the gallery's photo count.
const COUNT_ONLY = /^\d{1,3}$/;
// Who helped report the story, alone in its block: "Jane Doe contributed to this report."
const CONTRIBUTED =
  /\bcontributed (to )?(this )?(report|reporting|story|article)\b[^.!?]{0,60}[.!]?$|^additional reporting (by|from) [^.!?]{1,100}\.?$/i;
// How long the page takes to read, in the languages of the pages read most.
const READING_TIME =
  /^((estimated )?(reading|read) time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|tempo di lettura)\s*:?\s*((about|approx\.?|ca\.?|cerca de|environ|circa) )?(\d+|one|two|three|four|five)\s*(min|mins|minutes?|minutos?|minuten?|minuti)\.?$|^(\d+|one|two|three|four|five)[\s-]*(min|minute|minutes) read$/i;
// Comment policies: comments, and what happens to them before they are shown (moderated, approved, reviewed).
const COMMENT_POLICY =
  /\b(comments?|coment[aá]rios?|commentaires?|kommentare?|commenti)\b[\s\S]{0,200}\b(moderat\w*|approv\w*|aprovad\w*|aprobad\w*|approuv\w*|freigeschaltet|reviewed before)|\b(moderat(e|es|ed|ing)|approv(e|es|ed))\b[\s\S]{0,60}\bcomments?\b/i;
// A press release ends with the issuer's description ("boilerplate"), the same on every release: who the company is,
// then where it is based, how many it employs or where its shares trade.
const BOILERPLATE_START =
  /^(about [^.:]{1,60}[:.]?\s+)?\p{Lu}[\p{L}\p{N}&.,'’ -]{0,80}? (is|are) (a|an|the) [^.]{0,160}?\b(provider|company|manufacturer|maker|developer|supplier|firm|organi[sz]ation|group|leader|operator|publisher)\b/iu;
const BOILERPLATE_SIGN =
  /\b(is headquartered in|(has|with) (its )?headquarters in|employs (around |about |approximately |some |over |more than )?[\d,.]+ (people|employees|staff)|(shares|stock) (are|is) (listed|traded) on)\b/i;
// A web address alone.
const ADDRESS_ONLY = /^(https?:\/\/|www\.)\S+$/i;
// A post's filing line: who posted it and where it is filed ("Publicado por: … - Categoria: … - Tags: …").
const POSTED_BY =
  /\b(posted by|written by|publicado por|escrito por|publié par|écrit par|veröffentlicht von|geschrieben von|pubblicato da|scritto da)\b/i;
const FILED_IN = /\b(categor(y|ies|ia|ias|ía|ías|ie|ies)|tags?|filed under|posted in|archived in)\s*:/i;
const FILED_ONLY = /^(filed under|posted in|categor(y|ies|ia|ias|ía|ías|ie|ies))\s*:\s*[^.!?]{1,60}?[\s|,;/]*$/i;
// WordPress-style shortcode markup ("[button link=…]…[/button]") left unrendered: the widget it stood for.
const SHORTCODE = /^\[([a-z][\w-]*)(\s+[\w-]+\s*=[^\]]*)*\][\s\S]{0,200}\[\/\1\]$/i;

// A source named alone, the way photo credits are set: "Jane Doe | Getty Images", "Jane Doe/The Times".
const NAME_AND_SOURCE = /^\p{Lu}[\p{L}.'’ -]{1,40}( ?[|/] ?\p{Lu}[\p{L}\p{N}.&'’ -]{1,40}){1,3}$/u;
// Picture agencies: a name and a source that ends with one is a credit wherever it stands.
const PICTURE_AGENCY =
  /\b(getty images|shutterstock|istock(photo)?|alamy|afp|ap photo|associated press|reuters|epa|bloomberg|rex features|pa images|nurphoto|sipa|zuma( press)?)$/i;
const CREDIT_NAME = /^(credit|credits|copyright|attribution|photographer)$/;
const BREADCRUMB_NAME = /^(breadcrumb|breadcrumbs|crumbs|crumb|breadcrumbtrail)$/;
// Links joined by the separators of a trail: "News › Science › Space", "Home » Blog » This post".
const BREADCRUMB_TEXT = /^[^»›]{1,60}( [»›>] [^»›]{1,60}){1,6}$/;
// A control of the site alone in its block (its button or link label), not text.
const SITE_CONTROL =
  /^(sign in|log ?in|sign in or register|sign in \/ register|sign up \/ log ?in|my account|text size|font size|loading( content)?|post (a )?comment( \(\+\))?|reply|report abuse)\s*(\.{3}|…)?$/i;
// A publisher's contact footer: a street address with telephone or fax numbers.
const STREET_ADDRESS =
  /\b\d{1,5} [\p{L}\p{N}.' ]{1,40}\b(street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|lane|drive|place|plaza|square)\b/iu;
const PHONE_NUMBER = /(\+?\d{1,3}[ .-])?\(?\d{2,4}\)?[ .-]\d{3,4}[ .-]\d{3,4}/;
const PHONE_LABEL = /\b(tel|telephone|phone|fax)\b/i;
// Where a page discloses that it earns from the links in it.
const AFFILIATE_NOTICE =
  /\b(earn|earns|receive|receives|get|gets) (an? )?(small )?(affiliate )?commission\b[^.]{0,80}\b(if|when) you (buy|purchase|click|shop)/i;

/** Whether the text is the whole of one or two links (90 %) that lead to other stories of the page's site. */
function isLinkToOtherStory(el: Element, text: string, links: readonly Element[]): boolean {
  if (links.length === 0 || links.length > 2 || shareOf(links, text.length) < 0.9) return false;
  const doc = el.ownerDocument;
  return links.every((a) => isOtherStoryOfSite(a.getAttribute('href') ?? '', doc));
}

/** Set in capitals: nine letters in ten are capitals ("CLEARED TO PERFORM AT AMAs"). */
function isCapitals(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const capitals = text.match(/\p{Lu}/gu) ?? [];
  return letters.length >= 8 && capitals.length >= 0.9 * letters.length;
}

/**
 * Whether the block is an item of a list of linked headlines: its list item (or itself) and at least one sibling
 * are each only a link to another story of the site.
 */
function inListOfLinkedHeadlines(el: Element): boolean {
  const item = el.closest('li');
  if (!item) {
    // Outside a list: the block next to it is one too ("<p><a>…</a></p><p><a>…</a></p>").
    const next = el.nextElementSibling;
    const previous = el.previousElementSibling;
    return (next !== null && isLinkedHeadlineItem(next)) || (previous !== null && isLinkedHeadlineItem(previous));
  }
  const list = item.parentElement;
  if (!list) return false;
  return memoize(list, 'linkedHeadlineItems', () => {
    let count = 0;
    for (const sibling of list.children) if (isLinkedHeadlineItem(sibling) && ++count >= 2) return true;
    return false;
  });
}

/** Whether the element's whole text is one or two links to other stories of the site, as long as a headline. */
function isLinkedHeadlineItem(item: Element): boolean {
  const t = squash(item.textContent ?? '');
  if (t.length < 12 || t.length > 200) return false;
  const around = item.closest('a[href]');
  return isLinkToOtherStory(item, t, around ? [around] : [...item.querySelectorAll('a[href]')]);
}

/** The names of the article's authors, as its byline and author links give them. */
function authorNames(doc: Document): readonly string[] {
  return memoize(doc.documentElement, 'authorNames', () => {
    const names = new Set<string>();
    const add = (name: string | null | undefined) => {
      const n = squash(name ?? '').replace(/^by\s+/i, '');
      if (n.length >= 2 && n.length <= 60) names.add(n);
    };
    for (const meta of doc.querySelectorAll('meta[name="author"]')) add(meta.getAttribute('content'));
    for (const el of doc.querySelectorAll('a[rel~="author"], [itemprop~="author"]')) {
      const name = el.querySelector('[itemprop~="name"]');
      add((name ?? el).textContent);
    }
    // "By Jane Doe" at the start of a byline (often followed by its date).
    for (const el of doc.querySelectorAll('[class*="byline" i], [class*="author" i]')) {
      const by = /^by\s+(\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,3})/iu.exec(
        squash(el.textContent ?? '').slice(0, 120),
      );
      if (by) add(by[1]);
    }
    return [...names];
  });
}
// After the author's name: an e-mail or handle in parentheses, then what the author is ("is a freelance writer").
const BIO_AFTER_NAME = /^\s*(\([^)]{1,80}\)\s*)?,?\s*(is|was) (a|an|the)\b/i;

/** The links a block is made of: its own, or the one link its whole element sits in (<a><h4>…</h4></a>). */
function linksOfBlock(block: BlockFacts): readonly Element[] {
  const around = block.element.closest('a[href]');
  return around ? [around] : blockLinks(block);
}

/**
 * Whether the element is inside a small <article> listed under a "You may also like" or "Related" heading: the
 * heading is the article's nearest earlier sibling that is not another listed article.
 */
function inListedRelatedCard(el: Element): boolean {
  const card = el.closest('article');
  return card !== null && isListedRelatedCard(card);
}

function isListedRelatedCard(card: Element): boolean {
  return memoize(card, 'listedRelatedCard', () => {
    let before = card.previousElementSibling;
    while (before && before.localName === 'article') before = before.previousElementSibling;
    if (!before || !/^h[1-6]$/.test(before.localName)) return false;
    const label = squash(before.textContent ?? '');
    if (label.length >= 60 || !(LABEL_ONLY.test(label) || SEE_ALSO_LABEL.test(label))) return false;
    // Measured last: the page's own <article> is the usual card asked about, and its text is the whole article.
    return (card.textContent ?? '').length <= CARD_MAX_CHARS;
  });
}

/** A teaser of another story is small; the page's own article is not. */
const CARD_MAX_CHARS = 1500;

/** Where an address leads, without its query and fragment ("https://x.org/a/b/" → "x.org/a/b"). */
function pageKey(href: string, base: string): string | null {
  try {
    return pageAddress(new URL(href, base));
  } catch {
    return null;
  }
}

/** The addresses of the page itself: where it was loaded from, its canonical address and its og:url. */
function ownAddresses(doc: Document): ReadonlySet<string> {
  return memoize(doc.documentElement, 'ownAddresses', () => new Set(ownUrls(doc).map(pageAddress)));
}

/**
 * Whether the element is inside a small <article> whose permalink (`rel="bookmark"`, HTML's link to the nearest
 * article's own address, https://html.spec.whatwg.org/#link-type-bookmark) is another page: a card of another
 * story ("More stories", a front page's list) inside the one read.
 */
function inOtherStoryCard(el: Element): boolean {
  const card = el.closest('article');
  return card !== null && isOtherStoryCard(card);
}

/** Asked of the same <article> by each of its blocks: answered once per extraction. */
function isOtherStoryCard(card: Element): boolean {
  return memoize(card, 'otherStoryCard', () => {
    const permalink = card.querySelector('a[rel~="bookmark"][href]');
    if (!permalink) {
      const outer = card.parentElement?.closest('article');
      return outer ? isOtherStoryCard(outer) : false;
    }
    if ((card.textContent ?? '').length > CARD_MAX_CHARS) return false;
    const doc = card.ownerDocument;
    const key = pageKey(permalink.getAttribute('href')!, doc.URL);
    return key !== null && !ownAddresses(doc).has(key);
  });
}

/** A rule that matches a block of fewer than `maxChars` characters holding `pattern`. */
const shortTextMatching =
  (pattern: RegExp, maxChars: number) =>
  ({ text }: BlockFacts): boolean => {
    const t = squash(text);
    return t.length < maxChars && pattern.test(t);
  };

export const BLOCK_RULES: readonly BlockRule[] = [
  {
    name: 'ad-label',
    reason: 'An ad slot\'s label ("Advertisement", "Sponsored") says nothing of the article.',
    matches: ({ text }) => AD_LABEL.test(squash(text)),
  },
  {
    name: 'ad-slot',
    reason: 'Text in an element named as an ad slot (class or id "ad", "advert", "sponsored"…) is an ad.',
    // A sentence inside (a disclosure, "We use affiliate links. …") is the page talking, not an ad.
    matches: ({ element, text }) =>
      squash(text).length < 400 && !SENTENCE_BREAK.test(text) && namedAs(element, AD_NAME, 4),
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
    name: 'date-only',
    reason: 'A date or time alone is the page\'s dateline: read only with the "Read bylines and dates" setting.',
    matches: ({ text }, options) => !options.readByline && isDateOnly(squash(text)),
  },
  {
    name: 'repeated-block',
    reason: 'A caption already read word for word (galleries repeat their captions) is not heard twice.',
    // Short texts repeat in real articles ("Yes" in a table, a refrain); a whole sentence read twice does not.
    // Only captions: galleries and lightboxes repeat them in their markup, while a sentence an article repeats
    // (an embedded post's signature, an interview's recurring question) is article text on the benchmark.
    matches: ({ element, text, earlier }) => {
      if (!earlier || earlier.size === 0) return false;
      const key = heardKey(text);
      return (
        key.length >= 40 &&
        earlier.has(key) &&
        (element.closest('figure, figcaption') !== null || namedAs(element, CAPTION_NAME, 4))
      );
    },
  },
  {
    name: 'subscribe-pitch',
    reason:
      'Newsletter and subscription pitches ("Get the latest in your inbox", "… by clicking here") sell, not tell.',
    matches: ({ text }) => {
      const t = squash(text);
      return t.length < 300 && (SUBSCRIBE_PITCH.test(t) || (t.length < 120 && CALL_TO_ACTION.test(t)));
    },
  },
  {
    name: 'follow-prompt',
    reason: 'Prompts to follow, share or join ("Follow us on Twitter", "Join our forums") are about the site.',
    matches: shortTextMatching(FOLLOW_PROMPT, 300),
  },
  {
    name: 'contact-line',
    reason: 'How to reach the reporter ("Have a tip? … may be reached at …") is not the story.',
    matches: shortTextMatching(CONTACT_LINE, 300),
  },
  {
    name: 'see-also',
    reason: 'Links to other stories ("Read more: …", "Also on …", a list of headlines) lead away from the article.',
    matches: ({ element, text }) => {
      const t = squash(text);
      if (t.length > 400) return false;
      const share = linkShare(element, t.length);
      if (SEE_ALSO_LABEL.test(t)) return share >= 0.5 || namedAs(element, SEE_ALSO_NAME, 4);
      return share >= 0.5 && namedAs(element, SEE_ALSO_NAME, 4);
    },
  },
  {
    name: 'page-notice',
    reason: 'Disclaimers, copyright notices on reuse and how-to-cite notes are about the page, not the article.',
    matches: shortTextMatching(PAGE_NOTICE, 400),
  },
  {
    name: 'script-notice',
    reason:
      'A notice shown where the page\'s scripts did not run ("This slideshow requires JavaScript") stands for a widget, not its text.',
    matches: shortTextMatching(SCRIPT_NOTICE, 200),
  },
  {
    name: 'author-bio',
    reason: "The author's biography box is about the writer, not the article: read only with bylines on.",
    matches: ({ element, text }, options) =>
      !options.readByline && squash(text).length < 800 && namedAsPair(element, AUTHOR_NAME, BIO_NAME, 4),
  },
  {
    name: 'share-links',
    reason: "Links that open a share dialog (WhatsApp, Facebook's sharer, a prepared e-mail…) are a share bar.",
    matches: (block) => {
      const t = squash(block.text);
      if (t.length > 200) return false;
      const links = blockLinks(block);
      const sharing = links.filter((a) => SHARE_HREF.test(a.getAttribute('href') ?? ''));
      return sharing.length >= 2 && sharing.length * 2 >= links.length && shareOf(links, t.length) >= 0.6;
    },
  },
  {
    name: 'tag-list',
    reason: 'A list of the post\'s tags (links with rel="tag", HTML\'s keyword for them) names topics, not text.',
    matches: (block) => {
      const t = squash(block.text);
      if (t.length > 800) return false;
      // The same test as below by a selector (rel is a set of keywords, ASCII case-insensitive), asked first: most
      // blocks have no tag link at all, and listing a block's own links is a walk.
      if (!block.element.querySelector('a[href][rel~="tag" i]')) return false;
      const tags = blockLinks(block).filter((a) => /(^|\s)tag(\s|$)/i.test(a.getAttribute('rel') ?? ''));
      return tags.length > 0 && shareOf(tags, t.length) >= 0.5;
    },
  },
  {
    name: 'see-also-list',
    reason: 'The links right after a "You may also like" or "Related" label are headlines of other stories.',
    matches: (block) => {
      if (block.afterRule !== 'label-only' && block.afterRule !== 'see-also-list') return false;
      const t = squash(block.text);
      return t.length < 600 && !SENTENCE_BREAK.test(t) && shareOf(blockLinks(block), t.length) >= 0.75;
    },
  },
  {
    name: 'story-card',
    reason: 'A small <article> whose permalink is another page is a teaser of another story, not this one.',
    matches: ({ element }) => inOtherStoryCard(element),
  },
  {
    name: 'gallery-count',
    reason: "A number alone over a photo is the gallery's photo count, not a number of the story.",
    matches: ({ element, text }) =>
      COUNT_ONLY.test(squash(text)) && element.closest('figure') !== null && !element.closest('figcaption, table'),
  },
  {
    name: 'comment-policy',
    reason: "How comments are moderated is about the site's comment section, not the article.",
    matches: shortTextMatching(COMMENT_POLICY, 300),
  },
  {
    name: 'contributor-credit',
    reason: 'A line crediting who helped report the story is a byline: read only with the bylines setting.',
    matches: ({ text }, options) => {
      if (options.readByline) return false;
      const t = squash(text);
      return t.length < 300 && !SENTENCE_BREAK.test(t) && CONTRIBUTED.test(t);
    },
  },
  {
    name: 'reading-time',
    reason: 'How long the page takes to read ("5 min read") is about the page, and wrong once it is heard.',
    matches: ({ text }) => READING_TIME.test(squash(text)),
  },
  {
    name: 'company-boilerplate',
    reason:
      "A press release's closing description of the company (who it is, where it is based, how many it employs) is the same on every release, not the news.",
    matches: ({ text }) => {
      const t = squash(text);
      // The signature first: it is rare and a plain scan, while the start can backtrack on every paragraph.
      return t.length < 1500 && BOILERPLATE_SIGN.test(t) && BOILERPLATE_START.test(t);
    },
  },
  {
    name: 'own-address',
    reason: "The page's own address printed as text (for printing or sharing) tells a listener nothing.",
    matches: ({ element, text }) => {
      const t = squash(text);
      if (t.length > 500 || !ADDRESS_ONLY.test(t)) return false;
      const doc = element.ownerDocument;
      const key = pageKey(/^www\./i.test(t) ? `https://${t}` : t, doc.URL);
      return key !== null && ownAddresses(doc).has(key);
    },
  },
  {
    name: 'related-card',
    reason: 'A small <article> listed under a "You may also like" or "Related" heading is another story.',
    matches: ({ element }) => inListedRelatedCard(element),
  },
  {
    name: 'post-meta',
    reason:
      'A post\'s filing line ("Posted by … – Category: … – Tags: …", "Filed under: …") names its author and topics, not its text.',
    matches: ({ text }, options) => {
      const t = squash(text);
      if (t.length > 200) return false;
      // A line that names who posted it is a byline too: read with the bylines setting.
      if (POSTED_BY.test(t)) return FILED_IN.test(t) && !options.readByline;
      return FILED_ONLY.test(t);
    },
  },
  {
    name: 'shortcode',
    reason: 'Unrendered shortcode markup ("[button link=…]…[/button]") is a widget that failed to render, not text.',
    matches: ({ text }) => SHORTCODE.test(squash(text)),
  },
  {
    name: 'linked-headline',
    reason:
      'A block that is only a link to another story of the same site, set as a headline, is a teaser of that story.',
    matches: (block) => {
      const t = squash(block.text);
      if (t.length < 12 || t.length > 200 || SENTENCE_BREAK.test(t) || /[.:;,]$/.test(t)) return false;
      const words = t.split(' ').length;
      if (words < 3 || words > 30 || block.element.closest('table')) return false;
      if (!isLinkToOtherStory(block.element, t, linksOfBlock(block))) return false;
      // Set as a teaser: in capitals (a headline dropped into the text), or one of a list of them. A lone linked
      // line in the case of the text is as often the article's own (a featured video's title, a "Read also" the
      // article keeps).
      return isCapitals(t) || inListOfLinkedHeadlines(block.element);
    },
  },
  {
    name: 'breadcrumb',
    reason: 'A breadcrumb trail ("Home › News › Science") says where the page sits in the site, not what it says.',
    matches: (block) => {
      const { element } = block;
      const t = squash(block.text);
      if (t.length > 300) return false;
      if (element.closest('[aria-label*="breadcrumb" i], [itemtype*="BreadcrumbList"]')) return true;
      if (namedAs(element, BREADCRUMB_NAME, 3)) return true;
      return BREADCRUMB_TEXT.test(t) && blockLinks(block).length >= 2 && shareOf(blockLinks(block), t.length) >= 0.5;
    },
  },
  {
    name: 'figure-credit',
    reason:
      'A credit alone beside a photo ("Jane Doe | Getty Images", "Jane Doe/The Times") names its source, not what it shows.',
    matches: ({ element, text }) => {
      const t = squash(text);
      if (t.length > 100 || SENTENCE_BREAK.test(t) || !NAME_AND_SOURCE.test(t)) return false;
      // Not any text in an element named "credit": credits written as a sentence ("(Image credit: …)") are
      // article text on the benchmark.
      return (
        PICTURE_AGENCY.test(t) || element.closest('figure, figcaption') !== null || namedAs(element, CAPTION_NAME, 4)
      );
    },
  },
  {
    name: 'site-control',
    reason: 'A control of the site alone ("Sign in", "Text size", "Post comment") is a button\'s label, not text.',
    matches: ({ text }) => SITE_CONTROL.test(squash(text)),
  },
  {
    name: 'author-bio-line',
    reason:
      'A paragraph that starts with the author\'s name and says who they are ("Jane Doe is a freelance writer…") is their biography: read only with bylines on.',
    matches: ({ element, text }, options) => {
      if (options.readByline) return false;
      const t = squash(text);
      if (t.length > 800 || t.length < 12) return false;
      return authorNames(element.ownerDocument).some(
        (name) => t.startsWith(name) && BIO_AFTER_NAME.test(t.slice(name.length)),
      );
    },
  },
  {
    name: 'contact-footer',
    reason: "A street address with telephone or fax numbers is the publisher's contact footer, not the article.",
    matches: ({ text }) => {
      const t = squash(text);
      return (
        t.length < 300 &&
        !SENTENCE_BREAK.test(t) &&
        PHONE_LABEL.test(t) &&
        PHONE_NUMBER.test(t) &&
        STREET_ADDRESS.test(t)
      );
    },
  },
  {
    name: 'affiliate-notice',
    reason: 'A notice that the page earns a commission on purchases through its links is about the page.',
    matches: shortTextMatching(AFFILIATE_NOTICE, 300),
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

// A credit set apart inside a caption: "(AP Photo/Alan Diaz, File)", "Photo by Jane Doe/Getty Images", "(Credit: X)".
const INLINE_CREDIT =
  /^\(?\s*(((ap|afp|epa|reuters|getty images|file)\s+)?(photo|image|picture|foto|illustration)s?( credit)?\s*(by\b|:|\/)|credit\s*:|photograph\s*:)/i;
// The hidden label some pages put before a caption for screen readers, which reads as noise aloud.
const CAPTION_LABEL = /^(image|media|video|photo) caption:?$/i;

export const INLINE_RULES: readonly InlineRule[] = [
  {
    name: 'caption-credit',
    reason: 'A photo credit set apart inside a caption names a source, not what the photo shows.',
    matches: (el) => {
      if (el.localName === 'a' || el.localName === 'sup') return false;
      const raw = el.textContent ?? '';
      return raw.length < 200 && INLINE_CREDIT.test(squash(raw)) && el.parentElement?.closest('a') == null;
    },
  },
  {
    name: 'figure-credit-inline',
    reason:
      'A credit marked as one inside a photo\'s caption (its copyright holder, a "credit" element) names a source.',
    matches: (el) => {
      if (el.localName !== 'span' && el.localName !== 'small' && el.localName !== 'cite') return false;
      if (!el.closest('figcaption, figure')) return false;
      const raw = el.textContent ?? '';
      if (raw.length > 120 || SENTENCE_BREAK.test(raw)) return false;
      return el.matches('[itemprop~="copyrightHolder"]') || nameTokens(el).some((t) => CREDIT_NAME.test(t));
    },
  },
  {
    name: 'caption-label',
    reason: 'A lone "Image caption" label before a caption repeats what the listener is about to hear.',
    matches: (el) => el.localName === 'span' && CAPTION_LABEL.test(squash(el.textContent ?? '')),
  },
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

const INLINE_CANDIDATES = new Set(['sup', 'span', 'a', 'small', 'cite']);

/** Whether an inline rule could match the element at all (its tag): the cheap test to ask first. */
export const mayBeUnheardInline = (el: Element): boolean => INLINE_CANDIDATES.has(el.localName);

/** Whether an element inside a block's text is left out of it (an inline rule matches). */
export function isUnheardInline(el: Element): boolean {
  if (!mayBeUnheardInline(el)) return false;
  // Markers and edit links are a few nodes; a larger element is text (and its textContent would cost a walk).
  if (el.childNodes.length > 5) return false;
  return INLINE_RULES.some((rule) => rule.matches(el));
}
