/**
 * The page script's wiring (entrypoints/page-script/index.ts calls `startPageScript` once per page): extraction on
 * the live DOM, follow-along snapshots from the service worker, and the user's on-page controls sent back to it.
 * Messages are accepted only from our own service worker (same extension id, not from a tab).
 */
import type { MiniPlayerAction } from '../../components/mini-player/mini-player-types';
import { detectLang, extractLiveText } from '../../utils/page-text/extract-page-text';
import { findFormulas, type Formula } from '../../utils/page-text/formula-text';
import { backgroundMessenger, type SeekTarget } from '../../utils/messages/background-protocol';
import { MAX_FORMULAS } from '../../utils/messages/math-speech-request';
import { isFromBackground } from '../../utils/messages/background-context';
import { pageMessenger } from '../../utils/messages/page-protocol';
import { createFollowAlong, type FollowSnapshot, type PageAction } from './follow-along';
import { createReadFromHere } from './read-from-here';

export interface PageScriptOptions {
  /** Test builds: open shadow roots (so axe and Playwright can look inside) and the snapshot mirrored in the DOM. */
  testHooks: boolean;
}

const SEEKS: Partial<Record<MiniPlayerAction, Extract<SeekTarget, { to: string }>['to']>> = {
  'prev-sentence': 'prev-sentence',
  'next-sentence': 'next-sentence',
  'prev-paragraph': 'prev-paragraph',
  'next-paragraph': 'next-paragraph',
};

function fromOurWorker(sender: Parameters<typeof isFromBackground>[0]): void {
  // Our background (Chrome's service worker, Firefox's background page), not the popup or another extension page.
  if (!isFromBackground(sender)) throw new Error('unexpected sender');
}

/** Test builds only: what is highlighted, as attributes of <html>, readable from the page's main world. */
function mirror(doc: Document, s: FollowSnapshot): void {
  const set = (name: string, value: string | number | null) => {
    if (value === null) doc.documentElement.removeAttribute(name);
    else doc.documentElement.setAttribute(name, String(value));
  };
  set('data-vocalid-sentence', s.sentence);
  set('data-vocalid-word', s.word);
  set('data-vocalid-word-start', s.wordStart);
  set('data-vocalid-remaining-ms', s.remainingMs);
  set('data-vocalid-unit', s.unitIndex);
}

/** Longer than the offscreen document's own budget (MATH_SPEECH_BUDGET_MS): this only guards against no answer. */
const MATH_SPEECH_WAIT_MS = 8000;

/** Speech for the page's formulas from the offscreen document; none (each formula's label is read) on failure. */
async function formulaSpeech(doc: Document, formulas: Formula[]): Promise<Map<Element, string | null>> {
  const speech = new Map<Element, string | null>();
  if (!formulas.some((f) => f.source.mathml)) return speech;
  const request = { mathml: formulas.map((f) => f.source.mathml), lang: detectLang(doc) };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('math speech: no answer in time')), MATH_SPEECH_WAIT_MS);
  });
  try {
    const said = await Promise.race([backgroundMessenger.sendMessage('mathSpeech', request), late]);
    formulas.forEach((f, i) => speech.set(f.element, said[i] ?? null));
  } catch (err) {
    console.warn('[VocaliD] math speech unavailable, formulas are read from their labels', err);
  } finally {
    clearTimeout(timer);
  }
  return speech;
}

export function startPageScript(options: PageScriptOptions): void {
  const doc = document;
  const shadowMode: ShadowRootMode = options.testHooks ? 'open' : 'closed';
  const report = (err: unknown) => console.warn('[VocaliD] request failed', err);

  const onAction = (action: PageAction): void => {
    if (action.kind === 'continue') {
      backgroundMessenger.sendMessage('seek', { index: action.index }).catch(report);
      return;
    }
    const seek = SEEKS[action.action];
    if (seek) backgroundMessenger.sendMessage('seek', { to: seek }).catch(report);
    else if (action.action === 'toggle') backgroundMessenger.sendMessage('togglePause', undefined).catch(report);
    else if (action.action === 'stop') backgroundMessenger.sendMessage('stop', undefined).catch(report);
    else if (action.action === 'faster') backgroundMessenger.sendMessage('stepRate', { direction: 1 }).catch(report);
    else if (action.action === 'slower') backgroundMessenger.sendMessage('stepRate', { direction: -1 }).catch(report);
    else if (action.action === 'error-action')
      backgroundMessenger.sendMessage('errorAction', { choice: 'act' }).catch(report);
    else if (action.action === 'dismiss')
      backgroundMessenger.sendMessage('errorAction', { choice: 'dismiss' }).catch(report);
  };

  const follow = createFollowAlong({
    document: doc,
    shadowMode,
    onAction,
    ...(options.testHooks ? { onShown: (s: FollowSnapshot) => mirror(doc, s) } : {}),
  });
  const fromHere = createReadFromHere({
    document: doc,
    shadowMode,
    onRead: () => {
      backgroundMessenger.sendMessage('readFromHere', undefined).catch(report);
    },
  });

  pageMessenger.onMessage('page:extract', async ({ sender, data }) => {
    fromOurWorker(sender);
    const target = data.fromHere ? fromHere.takeTarget() : null;
    const formulaSpeechByElement = await formulaSpeech(doc, findFormulas(doc).slice(0, MAX_FORMULAS));
    const { extracted, maps } = extractLiveText(doc, data.source, {
      target,
      formulaSpeech: formulaSpeechByElement,
      ...(data.reading ? { reading: data.reading } : {}),
      ...(data.explain ? { explain: true } : {}),
    });
    follow.setBlocks(extracted.extractionId, maps);
    return extracted;
  });
  pageMessenger.onMessage('page:view', ({ sender, data }) => {
    fromOurWorker(sender);
    // Settings come with every snapshot: storage is closed to content scripts (utils/privacy/storage-access.ts).
    // Paragraph play buttons stay after a reading ends, so the next one can start from any paragraph.
    fromHere.setParagraphButtons(data.settings.paragraphButtons);
    follow.show(data);
  });
}
