// Messages received by the script injected into the page (docs/architecture.md "page-protocol.ts").
// Only our service worker sends them; the page script checks the sender of each.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { PageView } from '../reading/page-view';
import type { ReadingFields } from '../settings/reading-fields';
import type { ReadSource } from './background-protocol';

export interface ExtractedBlock {
  index: number;
  /** The block's readable text; reading units' start/end are offsets into exactly this string. */
  text: string;
}

export interface ExtractedText {
  lang: string;
  title: string;
  url: string;
  source: 'selection' | 'article' | 'page';
  blocks: ExtractedBlock[];
  /** Names this extraction: the page keeps its blocks' live elements under it, for highlighting. */
  extractionId: string;
  /** Read from here: the block holding the element the user chose (absent when none was chosen or found). */
  startBlock?: number;
  /** The document's MIME type: Chrome's PDF viewer shows `application/pdf` with no readable DOM text. */
  contentType?: string;
  /** Block 0 is the article's headline (read first, see the readHeadline setting). */
  headline?: boolean;
  /** More blocks follow with `moreBlocks` (a long page or PDF still being extracted when the reading starts). */
  more?: boolean;
  /**
   * With `more`: about how many characters the blocks still to come hold (the first-use privacy question says
   * how much of the page is sent, not how much of it came first).
   */
  moreChars?: number;
  /** With `explain`: the blocks a rule of utils/page-text/unheard-content.ts left out (benchmark only). */
  dropped?: { rule: string; text: string }[];
}

export interface ExtractRequest {
  source: ReadSource;
  /** Start at the element the user chose (right-click, Alt+click, paragraph button, else under the pointer). */
  fromHere?: boolean;
  /** What the reading includes (the reading settings; defaults when absent). */
  reading?: Partial<ReadingFields>;
  /** Report what the rules of unheard-content.ts left out (benchmark only). */
  explain?: boolean;
  /**
   * The reading continues from a stored position in this block: a document still being extracted (a long PDF)
   * answers once it has the block, or has ended. Pages with all their text at hand ignore it.
   */
  untilBlock?: number;
  /**
   * Every block in the answer. Without it a long page answers with its first blocks (`more`) and sends the rest
   * with `moreBlocks` once made (utils/page-text/extract-page-text.ts `progressive`); the benchmark asks for both.
   */
  whole?: boolean;
}

export interface PageProtocol {
  'page:extract'(request: ExtractRequest): ExtractedText;
  /** What to show for the reading now (highlight, player, offer); the newest `seq` wins. */
  'page:view'(view: PageView): void;
  /** The focus-player command: keyboard focus to the page player (if it is shown). */
  'page:focusPlayer'(): void;
}

export const pageMessenger = defineExtensionMessaging<PageProtocol>({ logger: undefined });
