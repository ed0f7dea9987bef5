// The PDF reader page hands the blocks it extracts after a reading started to that reading, a batch at a time
// (the `pdfBlocks` message): a long PDF is read from its first pages while the rest is extracted.
import type { ExtractedBlock } from '../messages/page-protocol';
import type { PdfBlocksOutcome } from '../messages/background-protocol';

export interface BlockHandOverDeps {
  send(extractionId: string, blocks: ExtractedBlock[]): Promise<PdfBlocksOutcome>;
  /** A send that failed this many times in a row ends the hand-over (reported once). */
  maxFailures: number;
  /**
   * Batches go at most this often: each message saves the reading's whole state, and the reading starts with
   * half a minute or so of text, far more than it hears in this time.
   */
  everyMs: number;
  report(error: unknown): void;
  setTimer?: (run: () => void, ms: number) => unknown;
}

export interface BlockHandOver {
  /** From now on blocks go to the reading of `extractionId`, which already has the first `sent` of `blocks()`. */
  start(extractionId: string, sent: number, blocks: () => readonly ExtractedBlock[]): void;
  /** More blocks were extracted. */
  extracted(): void;
  /** The document changed: nothing more goes to the old reading. */
  stop(): void;
}

export function createBlockHandOver(deps: BlockHandOverDeps): BlockHandOver {
  const setTimer = deps.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  let live: { extractionId: string; sent: number; blocks: () => readonly ExtractedBlock[]; failures: number } | null =
    null;
  let waiting = false;

  function sendSoon(): void {
    if (waiting || !live || live.sent >= live.blocks().length) return;
    waiting = true;
    setTimer(() => {
      const to = live;
      if (!to) return void (waiting = false);
      const until = to.blocks().length;
      deps
        .send(to.extractionId, to.blocks().slice(to.sent, until))
        .then(
          (outcome) => {
            if (live !== to) return;
            to.failures = 0;
            if (outcome === 'added') to.sent = until;
            else if (outcome === 'over') live = null;
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
    }, deps.everyMs);
  }

  return {
    start(extractionId, sent, blocks) {
      live = { extractionId, sent, blocks, failures: 0 };
      sendSoon();
    },
    extracted: sendSoon,
    stop() {
      live = null;
    },
  };
}
