/**
 * The PDF reader page (`pdf-reader.html?src=<url>`, or a local file picked or dropped here). Renders the PDF with
 * pdf.js and answers the page protocol like the injected page script does, so the service worker reads this tab
 * with the same units, cache, scheduler and player as a web page, and the page script's follow-along (highlight,
 * auto-scroll, mini player, "Continue from") works on our text layer. No code is loaded from elsewhere: pdf.js and
 * its worker are files of the extension.
 */
import { browser } from 'wxt/browser';
import { i18n } from '../../utils/i18n/i18n';
import { getDocument, GlobalWorkerOptions, PasswordResponses, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { createFollowAlong, type FollowSnapshot } from '../page-script/follow-along';
import { fromOurWorker, loadShortcuts, mirror, onAction, report } from '../page-script/worker-link';
import { backgroundMessenger } from '../../utils/messages/background-protocol';
import { pageMessenger, type ExtractedText } from '../../utils/messages/page-protocol';
import { trusted } from '../../utils/dom/trusted-event';
import { PdfBlockStream } from '../../utils/pdf/pdf-blocks';
import { createBlockHandOver } from '../../utils/reading/block-hand-over';
import { createExtractionWatch } from '../../utils/pdf/extraction-watch';
import { extractionHold } from '../../utils/instrumentation/pdf-extraction-hold';
import { originMatchPattern } from '../../utils/privacy/host-permission';
import { localizeDocument } from '../../utils/i18n/localize-document';
import { applyUiLanguage } from '../../utils/i18n/ui-language';
import { fetchPdf, fingerprintOf, PdfSourceError, readPdfFile } from '../../utils/pdf/pdf-source';
import type { PdfPageText } from '../../utils/pdf/pdf-text';
import { remainingCharsEstimate } from '../../utils/pdf/remaining-text';
import { createPages, type PdfPages } from './pdf-pages';

GlobalWorkerOptions.workerSrc = workerUrl;

// The page's words and direction from the messages (Arabic lays the bar out right to left; the PDF's pages keep
// their own layout, see style.css).
applyUiLanguage(document.documentElement);
localizeDocument();
document.title = i18n.t('pdf.title');

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const pagesEl = $<HTMLElement>('pages');
const messageEl = $<HTMLParagraphElement>('message');
/** The document's title, in its own direction (dir=auto) inside the bar's heading. */
const titleEl = $<HTMLSpanElement>('title');
const readButton = $<HTMLButtonElement>('read');
const passwordForm = $<HTMLFormElement>('password-form');
const passwordInput = $<HTMLInputElement>('password');
const passwordLabel = $<HTMLLabelElement>('password-label');
const dropHint = $<HTMLParagraphElement>('drop-hint');

const params = new URLSearchParams(location.search);
const testHooks = __BUILD_KIND__ === 'test';
/** Test builds: the extraction held after the pages the URL names, until the test releases it. */
const hold = testHooks ? extractionHold(params, document.documentElement) : undefined;

function say(message: string | null): void {
  messageEl.hidden = message === null;
  messageEl.textContent = message ?? '';
}

/** The document shown now: its text for the worker (growing while its pages are extracted), its pages on screen. */
interface Shown {
  extracted: Omit<ExtractedText, 'extractionId'>;
  view: PdfPages;
  /** Set when another document replaces this one: its extraction stops. */
  closed: boolean;
  /** Every page's text is extracted: `extracted.blocks` is the whole document. */
  complete?: boolean;
  /** The extraction's block stream, once it has begun: its settled pages tell how much is still to come. */
  stream?: PdfBlockStream;
}
let shown: Shown | null = null;
let ready: Promise<Shown | null> = Promise.resolve(null);
let extractions = 0;

const follow = createFollowAlong({
  document,
  shadowMode: testHooks ? 'open' : 'closed',
  onAction,
  loadShortcuts,
  ...(testHooks ? { onShown: (s: FollowSnapshot) => mirror(document, s) } : {}),
});

// Blocks extracted after a reading started go to it in batches (utils/reading/block-hand-over.ts).
const handOver = createBlockHandOver({
  send: (extractionId, blocks, last) =>
    backgroundMessenger.sendMessage('moreBlocks', { extractionId, blocks, ...(last ? { last } : {}) }),
  everyMs: 1500,
  maxFailures: 5,
  report,
});

// A reading that continues from a stored position waits for the block it starts at (utils/pdf/extraction-watch.ts).
const watch = createExtractionWatch();

pageMessenger.onMessage('page:extract', async ({ sender, data }) => {
  fromOurWorker(sender);
  const current = await ready;
  const extractionId = `pdf-${++extractions}`;
  if (!current)
    return { lang: 'en', title: document.title, url: location.href, source: 'page', blocks: [], extractionId };
  const until = data?.untilBlock;
  if (typeof until === 'number')
    await watch.until(() => current.closed || current.complete === true || current.extracted.blocks.length > until);
  follow.setBlocks(extractionId, current.view.maps);
  const blocks = current.extracted.blocks.slice();
  handOver.start(
    extractionId,
    blocks.length,
    () => current.extracted.blocks,
    () => current.complete === true,
  );
  const more = current.complete
    ? {}
    : {
        more: true,
        moreChars: remainingCharsEstimate({
          sentChars: blocks.reduce((n, b) => n + b.text.length, 0),
          pagesDecided: current.stream?.pagesDecided ?? 0,
          pagesTotal: current.stream?.pageCount ?? 0,
        }),
      };
  return { ...current.extracted, blocks, extractionId, ...more };
});
pageMessenger.onMessage('page:focusPlayer', ({ sender }) => {
  fromOurWorker(sender);
  follow.focusPlayer();
});
pageMessenger.onMessage('page:view', ({ sender, data }) => {
  fromOurWorker(sender);
  follow.show(data);
});

function readPdf(fromBlock?: number): void {
  backgroundMessenger.sendMessage('readPdf', fromBlock === undefined ? {} : { fromBlock }).catch(report);
}
readButton.addEventListener(
  'click',
  trusted(() => readPdf()),
);
// Read from here: a click on a paragraph (not the end of a text selection) reads from it.
pagesEl.addEventListener(
  'click',
  trusted((event: MouseEvent) => {
    if (!getSelection()?.isCollapsed) return;
    const block = (event.target as Element | null)?.closest?.('.pdf-block') as HTMLElement | null;
    if (block?.dataset.block) readPdf(Number(block.dataset.block));
  }),
);

/** A page's text items (the geometry the blocks are built from) and its size; a page that fails has no text. */
async function pageText(pdf: PDFDocumentProxy, n: number): Promise<PdfPageText> {
  const page = await pdf.getPage(n);
  const [x0, y0, x1, y1] = page.view as [number, number, number, number];
  const content = await page.getTextContent().catch(() => ({ items: [] }));
  const items = content.items.flatMap((item) =>
    'str' in item
      ? [
          {
            str: item.str,
            x: item.transform[4] - x0,
            y: item.transform[5] - y0,
            width: item.width,
            size: Math.hypot(item.transform[2], item.transform[3]) || item.height,
          },
        ]
      : [],
  );
  page.cleanup();
  return { page: n - 1, width: x1 - x0, height: y1 - y0, items };
}

/** Pages whose text is asked for ahead of the one being laid out (pdf.js's worker parses while we lay out). */
const LOOKAHEAD = 4;
/** A reading may start once this much text is settled (or the whole document is): half a minute of speech or so. */
const FIRST_CHARS = 300;

/**
 * Extracts the document page by page: each page's box and text layer as soon as its text is in, blocks as they
 * settle (PdfBlockStream), handed to the reading being heard. Resolves `first` once there is enough to start.
 */
async function extractPages(pdf: PDFDocumentProxy, current: Shown, first: () => void): Promise<void> {
  const started = performance.now();
  const stream = new PdfBlockStream(pdf.numPages);
  current.stream = stream;
  const ahead = new Map<number, Promise<PdfPageText>>();
  let chars = 0;
  let firstDone = false;
  for (let n = 1; n <= pdf.numPages && !current.closed; n++) {
    await hold?.before(n);
    for (let k = n; k <= Math.min(pdf.numPages, n + LOOKAHEAD); k++) if (!ahead.has(k)) ahead.set(k, pageText(pdf, k));
    const page = await ahead.get(n)!.catch(() => ({ page: n - 1, width: 612, height: 792, items: [] }));
    ahead.delete(n);
    if (current.closed) return;
    current.view.addPage(page);
    stream.add(page);
    const settled = stream.take();
    settled.pagesWithoutText.forEach((p) => current.view.markNoText(p));
    if (settled.blocks.length === 0) continue;
    current.view.addBlocks(settled.blocks);
    for (const block of settled.blocks) {
      current.extracted.blocks.push({ index: current.extracted.blocks.length, text: block.text });
      chars += block.text.length;
    }
    readButton.hidden = false;
    if (!firstDone && chars >= FIRST_CHARS) {
      firstDone = true;
      if (testHooks)
        document.documentElement.dataset.vocalidPdfFirstMs = String(Math.round(performance.now() - started));
      first();
    }
    handOver.extracted();
    watch.progressed();
  }
  if (!current.closed) {
    current.complete = true;
    // The reading hears that nothing follows (it waits at the end of what arrived until then).
    handOver.extracted();
    watch.progressed();
  }
  if (testHooks) document.documentElement.dataset.vocalidPdfExtractMs = String(Math.round(performance.now() - started));
  if (current.extracted.blocks.length === 0) say(i18n.t('pdf.noText'));
  first();
}

/** pdf.js's errors as a listener would say them. */
function openError(err: unknown): string {
  const name = (err as { name?: string } | null)?.name;
  if (err instanceof PdfSourceError) return err.message;
  if (name === 'InvalidPDFException') return i18n.t('pdf.damaged');
  if (name === 'ResponseException' || name === 'MissingPDFException') return i18n.t('pdf.notLoaded');
  return i18n.t('pdf.cannotOpen', { reason: (err as Error)?.message ?? String(err) });
}

function askPassword(retry: boolean): Promise<string> {
  passwordForm.hidden = false;
  passwordLabel.textContent = i18n.t(retry ? 'pdf.passwordWrong' : 'pdf.passwordPrompt');
  passwordInput.value = '';
  passwordInput.focus();
  return new Promise((resolve) => {
    passwordForm.onsubmit = (event) => {
      event.preventDefault();
      passwordForm.hidden = true;
      resolve(passwordInput.value);
    };
  });
}

async function show(bytes: Uint8Array, name: string, url: string): Promise<Shown | null> {
  if (shown) {
    shown.closed = true;
    shown.view.destroy();
    watch.progressed();
  }
  shown = null;
  handOver.stop();
  readButton.hidden = true;
  say(null);
  dropHint.hidden = true;
  // No WebAssembly decoders and no eval: the page's CSP stays the MV3 default. Images that need the JPEG 2000 or
  // JBIG2 decoders are left blank on the canvas; the text layer (what is read) does not depend on them.
  const task = getDocument({ data: bytes, useWasm: false, enableXfa: false });
  task.onPassword = (update: (password: string) => void, reason: number) => {
    void askPassword(reason === PasswordResponses.INCORRECT_PASSWORD).then(update);
  };
  const pdf = await task.promise;
  const metadata = await pdf.getMetadata().catch(() => null);
  const info = (metadata?.info ?? {}) as { Title?: string; Language?: string };
  const title = info.Title?.trim() || name;
  titleEl.textContent = title;
  // The document's own language, not the UI's (screen readers voice the text layer by it); unknown when not given.
  pagesEl.lang = info.Language ?? '';
  document.title = i18n.t('pdf.documentTitle', { title });
  const current: Shown = {
    extracted: { lang: info.Language || 'en', title, url, source: 'page', blocks: [] },
    view: createPages(pagesEl, pdf),
    closed: false,
  };
  shown = current;
  // The first pages are read while the others are extracted: a reading may start once there is enough to say.
  await new Promise<void>((first) => {
    extractPages(pdf, current, first).catch((err: unknown) => {
      say(openError(err));
      // Nothing more will be extracted: the reading and any request waiting for a later block hear so.
      current.complete = true;
      handOver.extracted();
      watch.progressed();
      first();
    });
  });
  return current;
}

function open(load: () => Promise<{ bytes: Uint8Array; name: string; url: string }>, autoplay: boolean): void {
  ready = load()
    .then(({ bytes, name, url }) => show(bytes, name, url))
    .then(
      (result) => {
        shown = result;
        if (result && autoplay && result.extracted.blocks.length > 0) readPdf();
        return result;
      },
      (err: unknown) => {
        say(openError(err));
        if (err instanceof PdfSourceError && err.unreachable && src) offerAccess(src);
        return null;
      },
    );
}

async function openFile(file: File): Promise<void> {
  open(async () => {
    const bytes = await readPdfFile(file);
    const fingerprint = await fingerprintOf(bytes);
    // The tab's URL names the document (reading positions key on it), without the file's path or content.
    history.replaceState(null, '', `${location.pathname}?fp=${fingerprint}`);
    return { bytes, name: file.name, url: location.href };
  }, false);
}

$<HTMLInputElement>('file').addEventListener('change', (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file) void openFile(file);
});
document.addEventListener('dragover', (event) => {
  event.preventDefault();
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
document.addEventListener('drop', (event) => {
  event.preventDefault();
  document.body.classList.remove('dragging');
  const file = event.dataTransfer?.files[0];
  if (file) void openFile(file);
});

/**
 * A PDF on a site the extension has no access to: release builds have no host permissions, and the tab's activeTab
 * grant ends when the tab turns into this page. The user can grant that one site (optional_host_permissions).
 */
function offerAccess(src: string): void {
  const access = $<HTMLParagraphElement>('access');
  const origin = new URL(src).origin;
  $<HTMLButtonElement>('allow').textContent = i18n.t('pdf.allowHost', { host: new URL(src).host });
  access.hidden = false;
  $<HTMLButtonElement>('allow').onclick = () => {
    browser.permissions.request({ origins: [originMatchPattern(origin)] }).then(
      (granted) => {
        if (granted) location.reload();
      },
      (err: unknown) => say(i18n.t('pdf.accessRefused', { host: new URL(src).host, reason: String(err) })),
    );
  };
}

const src = params.get('src');
if (src) {
  dropHint.hidden = true;
  open(
    async () => {
      const bytes = await fetchPdf(src);
      return { bytes, name: decodeURIComponent(new URL(src).pathname.split('/').pop() || src), url: src };
    },
    params.get('autoplay') === '1',
  );
}
