// The page script and the PDF reader page hand the blocks they extract after a reading started to that reading, a
// batch at a time (the `moreBlocks` message): a long page or PDF is read from its start while the rest is extracted.
import type { ExtractedBlock } from '../messages/page-protocol';
import type { MoreBlocksOutcome } from '../messages/background-protocol';
import { MAX_BLOCKS_PER_MESSAGE } from './more-blocks-request';

export interface BlockHandOverDeps {
  /** `last`: the document's extraction is finished, nothing follows these blocks. */
  send(extractionId: string, blocks: ExtractedBlock[], last: boolean): Promise<MoreBlocksOutcome>;
  /** A send that failed this many times in a row ends the hand-over (reported once). */
  maxFailures: number;
  /**
   * Batches go at most this often: each message saves the reading's whole state, and the reading starts with
   * half a minute or so of text, far more than it hears in this time.
   */
  everyMs: number;
  report(error: unknown): void;
  /** At most this many blocks in one message (the worker refuses more, MAX_BLOCKS_PER_MESSAGE): the rest follow. */
  maxBlocks?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

export interface BlockHandOver {
  /**
   * From now on blocks go to the reading of `extractionId`, which already has the first `sent` of `blocks()`;
   * `finished()` says whether the extraction is done (then the reading is told, once, that nothing follows).
   */
  start(extractionId: string, sent: number, blocks: () => readonly ExtractedBlock[], finished: () => boolean): void;
  /** More blocks were extracted, or the extraction finished. */
  extracted(): void;
  /** The document changed: nothing more goes to the old reading. */
  stop(): void;
}

/** After answers of 'later' in a row, sends wait up to this many intervals. */
const MAX_LATER_FACTOR = 8;

export function createBlockHandOver(deps: BlockHandOverDeps): BlockHandOver {
  const setTimer = deps.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  let live: {
    extractionId: string;
    sent: number;
    blocks: () => readonly ExtractedBlock[];
    finished: () => boolean;
    /** The reading knows nothing follows (it was answered after the extraction finished, or told since). */
    toldLast: boolean;
    failures: number;
    /** Answers 'later' in a row: the reading is still being prepared (the privacy question may stay open a while). */
    laters: number;
  } | null = null;
  let waiting = false;

  function sendSoon(): void {
    if (waiting || !live || (live.sent >= live.blocks().length && (live.toldLast || !live.finished()))) return;
    waiting = true;
    setTimer(
      () => {
        const to = live;
        if (!to) return void (waiting = false);
        const all = to.blocks().length;
        const until = Math.min(all, to.sent + (deps.maxBlocks ?? MAX_BLOCKS_PER_MESSAGE));
        const last = to.finished() && until === all;
        deps
          .send(to.extractionId, to.blocks().slice(to.sent, until), last)
          .then(
            (outcome) => {
              if (live !== to) return;
              to.failures = 0;
              to.laters = outcome === 'later' ? to.laters + 1 : 0;
              if (outcome === 'added') {
                to.sent = until;
                to.toldLast = last;
              } else if (outcome === 'over') live = null;
            },
            (error: unknown) => {
              // A failed send (the service worker restarting, say) is tried again at the next interval: one failure
              // must not cut the rest of the document off the reading.
              if (live !== to || ++to.failures < deps.maxFailures) return;
              live = null;
              deps.report(error);
            },
          )
          .finally(() => {
            waiting = false;
            sendSoon();
          });
      },
      // Each message carries every block not taken yet: while the reading waits to start, ask less and less often.
      deps.everyMs * Math.min(MAX_LATER_FACTOR, 2 ** (live?.laters ?? 0)),
    );
  }

  return {
    start(extractionId, sent, blocks, finished) {
      live = { extractionId, sent, blocks, finished, toldLast: finished(), failures: 0, laters: 0 };
      sendSoon();
    },
    extracted: sendSoon,
    stop() {
      live = null;
    },
  };
}
