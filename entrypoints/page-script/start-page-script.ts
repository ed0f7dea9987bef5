/**
 * The page script's wiring (entrypoints/page-script/index.ts calls `startPageScript` once per page): extraction on
 * the live DOM, follow-along snapshots from the service worker, and the user's on-page controls sent back to it.
 * Messages are accepted only from our own service worker (same extension id, not from a tab).
 */
import { detectLang, extractLiveText } from '../../utils/page-text/extract-page-text';
import { findFormulas, type Formula } from '../../utils/page-text/formula-text';
import { backgroundMessenger } from '../../utils/messages/background-protocol';
import { MAX_FORMULAS } from '../../utils/messages/math-speech-request';
import { pageMessenger } from '../../utils/messages/page-protocol';
import { createBlockHandOver } from '../../utils/reading/block-hand-over';
import { createFollowAlong, type FollowSnapshot } from './follow-along';
import { fromOurWorker, loadShortcuts, mirror, onAction, report } from './worker-link';
import { createReadFromHere } from './read-from-here';

export interface PageScriptOptions {
  /** Test builds: open shadow roots (so axe and Playwright can look inside) and the snapshot mirrored in the DOM. */
  testHooks: boolean;
}

/**
 * A long page's later blocks go to the reading this long after they are made: the worker answers 'later' until
 * the reading has started, and the first part holds minutes of speech.
 */
const HAND_OVER_EVERY_MS = 250;

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

  const follow = createFollowAlong({
    document: doc,
    shadowMode,
    onAction,
    loadShortcuts,
    ...(options.testHooks ? { onShown: (s: FollowSnapshot) => mirror(doc, s) } : {}),
  });
  const fromHere = createReadFromHere({
    document: doc,
    shadowMode,
    onRead: () => {
      backgroundMessenger.sendMessage('readFromHere', undefined).catch(report);
    },
  });

  const handOver = createBlockHandOver({
    send: (extractionId, blocks, last) =>
      backgroundMessenger.sendMessage('moreBlocks', { extractionId, blocks, ...(last ? { last } : {}) }),
    everyMs: HAND_OVER_EVERY_MS,
    maxFailures: 5,
    report,
  });

  pageMessenger.onMessage('page:extract', async ({ sender, data }) => {
    fromOurWorker(sender);
    const target = data.fromHere ? fromHere.takeTarget() : null;
    const formulaSpeechByElement = await formulaSpeech(doc, findFormulas(doc).slice(0, MAX_FORMULAS));
    const { extracted, maps, rest } = extractLiveText(doc, data.source, {
      target,
      formulaSpeech: formulaSpeechByElement,
      ...(data.reading ? { reading: data.reading } : {}),
      ...(data.explain ? { explain: true } : {}),
      progressive: !data.whole && !data.explain,
      // A reading continuing from a stored position needs its block, and those after it, now.
      ...(data.untilBlock !== undefined ? { through: data.untilBlock } : {}),
    });
    follow.setBlocks(extracted.extractionId, maps);
    handOver.stop();
    if (rest) {
      const blocks = extracted.blocks.slice();
      let finished = false;
      // A task later: the answer goes first, and the reading starts on the first blocks while these are made.
      setTimeout(() => {
        const more = rest();
        for (const map of more.maps) maps.push(map);
        for (const block of more.blocks) blocks.push(block);
        finished = true;
        handOver.extracted();
      }, 0);
      handOver.start(
        extracted.extractionId,
        blocks.length,
        () => blocks,
        () => finished,
      );
    }
    return extracted;
  });
  pageMessenger.onMessage('page:focusPlayer', ({ sender }) => {
    fromOurWorker(sender);
    follow.focusPlayer();
  });
  pageMessenger.onMessage('page:view', ({ sender, data }) => {
    fromOurWorker(sender);
    // Settings come with every snapshot: storage is closed to content scripts (utils/privacy/storage-access.ts).
    // Paragraph play buttons stay after a reading ends, so the next one can start from any paragraph.
    fromHere.setParagraphButtons(data.settings.paragraphButtons);
    follow.show(data);
  });
}
