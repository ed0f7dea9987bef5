// The reading session's persistent half: the state lives in storage.session (key `reading`) so that a service
// worker restarted by Chrome picks up exactly where the last one stopped; and building units from extracted text.
import { browser } from 'wxt/browser';
import type { ExtractedText } from '../messages/page-protocol';
import { naivePauseMs, pauseAfterMs } from '../playback/timeline';
import { chunkText } from '../text/chunk-text';
import { idleState, type ReadingState, type ReadingUnit } from './reading-state';

export const READING_KEY = 'reading';

export interface ReadingStore {
  load(): Promise<ReadingState>;
  save(state: ReadingState): Promise<void>;
}

/** storage.session survives worker restarts but not a browser restart, which is what a reading should do. */
export function createSessionReadingStore(): ReadingStore {
  return {
    async load() {
      const stored = await browser.storage.session.get(READING_KEY);
      return (stored[READING_KEY] as ReadingState | undefined) ?? idleState();
    },
    async save(state) {
      await browser.storage.session.set({ [READING_KEY]: state });
    },
  };
}

export interface UnitOptions {
  sentencePauseMs: number;
  paragraphPauseMs: number;
  rate: number;
  mode: 'smart' | 'naive';
  /** Start at this block (read from here); earlier blocks are left out. */
  fromBlock?: number;
  /** With fromBlock: start at the unit of that block holding this offset (continue from a stored position). */
  fromOffset?: number;
}

export function buildUnits(extracted: Pick<ExtractedText, 'blocks' | 'lang'>, options: UnitOptions): ReadingUnit[] {
  const blocks = extracted.blocks.filter((b) => options.fromBlock === undefined || b.index >= options.fromBlock);
  const chunks = chunkText(blocks.map((b) => ({ index: b.index, text: b.text })), extracted.lang).filter(
    (c) => options.fromOffset === undefined || c.block !== options.fromBlock || c.end > options.fromOffset,
  );
  return chunks.map((chunk, index) => {
    const isLast = index === chunks.length - 1;
    return {
      index,
      text: chunk.text,
      block: chunk.block,
      start: chunk.start,
      end: chunk.end,
      status: 'pending',
      pauseAfterMs:
        options.mode === 'naive'
          ? naivePauseMs(options.rate, isLast)
          : pauseAfterMs({ endsParagraph: chunk.endsParagraph, isLast, sentencePauseMs: options.sentencePauseMs, paragraphPauseMs: options.paragraphPauseMs, rate: options.rate }),
    };
  });
}
