// The reading session's persistent half: the state lives in storage.session (key `reading`) so that a service
// worker restarted by Chrome picks up exactly where the last one stopped; and building units from extracted text.
import { browser } from 'wxt/browser';
import type { ExtractedText } from '../messages/page-protocol';
import type { Pacing } from './pacing';
import { chunkText } from '../text/chunk-text';
import { splitForFirstSound } from '../text/first-unit';
import { idleState, type ReadingState, type ReadingUnit } from './reading-state';

export const READING_KEY = 'reading';
/** Unit i of the reading lives under its own key, so that a transition rewrites only the units it changed. */
const UNIT_KEY_PREFIX = 'reading:unit:';
export const unitKey = (i: number): string => `${UNIT_KEY_PREFIX}${i}`;

export interface ReadingStore {
  load(): Promise<ReadingState>;
  save(state: ReadingState): Promise<void>;
}

/** What `reading` holds: the state without its units, and how many unit keys belong to it. */
type StoredMeta = Omit<ReadingState, 'units'> & { unitCount: number };

/**
 * storage.session survives worker restarts but not a browser restart, which is what a reading should do.
 *
 * Every transition is saved before it is acknowledged (a playback event, a fetch result), so a restarted worker
 * neither loses nor repeats a unit. A reading has one unit per sentence — over a thousand for 100 000
 * characters — and saving all of them at every transition made long readings spend their time serialising:
 * each save writes the state without units plus only the units that differ from what this store last wrote, in
 * one `set` (a single write: a worker killed mid-save leaves the previous state or the new one, not a mix).
 */
export function createSessionReadingStore(): ReadingStore {
  /** Unit JSON as last written (or loaded), by position; undefined until this worker has loaded or written. */
  let written: string[] | undefined;

  async function knownWritten(): Promise<string[]> {
    if (written) return written;
    // Saving before any load (not done by the scheduler, but cheap to cover): learn how many unit keys exist.
    const meta = (await browser.storage.session.get(READING_KEY))[READING_KEY] as Partial<StoredMeta> | undefined;
    return (written = new Array<string>(typeof meta?.unitCount === 'number' ? meta.unitCount : 0).fill(''));
  }

  return {
    async load() {
      const meta = (await browser.storage.session.get(READING_KEY))[READING_KEY] as
        (StoredMeta | ReadingState) | undefined;
      if (!meta) {
        written = [];
        return idleState();
      }
      if ('units' in meta && Array.isArray(meta.units)) {
        // Saved whole by an earlier version of the extension: the next save splits it.
        written = [];
        return meta;
      }
      const { unitCount, ...rest } = meta as StoredMeta;
      const keys = Array.from({ length: unitCount }, (_, i) => unitKey(i));
      const stored = keys.length > 0 ? await browser.storage.session.get(keys) : {};
      const units = keys
        .map((k) => stored[k] as ReadingUnit | undefined)
        .filter((u): u is ReadingUnit => u !== undefined);
      written = units.map((u) => JSON.stringify(u));
      return { ...rest, units };
    },
    async save(state) {
      const before = await knownWritten();
      const { units, ...rest } = state;
      const items: Record<string, unknown> = {
        [READING_KEY]: { ...rest, unitCount: units.length } satisfies StoredMeta,
      };
      const after = units.map((u) => JSON.stringify(u));
      after.forEach((json, i) => {
        if (before[i] !== json) items[unitKey(i)] = units[i];
      });
      await browser.storage.session.set(items);
      written = after;
      // Keys past unitCount are ignored by load; removing them only keeps storage tidy after a shorter reading.
      if (before.length > units.length) {
        await browser.storage.session.remove(
          Array.from({ length: before.length - units.length }, (_, k) => unitKey(units.length + k)),
        );
      }
    },
  };
}

/** Whether a storage change touches the reading: its head or any of its units. */
function touchesReading(changes: Record<string, { newValue?: unknown }>): boolean {
  return Object.keys(changes).some((k) => k === READING_KEY || k.startsWith(UNIT_KEY_PREFIX));
}

/**
 * Calls `cb` with the whole reading state whenever the worker saves it (the popup follows the reading this way).
 * The stored head holds no units (they are stored one key each), so the state is read back; newest wins. A save
 * that changes only units (one sentence ending, the next starting) leaves the head as it was, and Chrome reports
 * only the keys whose value changed (https://github.com/w3c/webextensions/issues/511): unit keys count too.
 */
export function watchReadingState(cb: (state: ReadingState) => void): () => void {
  const store = createSessionReadingStore();
  let loads = 0;
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'session' || !touchesReading(changes)) return;
    const seq = ++loads;
    void store.load().then((loaded) => {
      if (seq === loads) cb(loaded);
    });
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

export interface UnitOptions {
  sentencePauseMs: number;
  paragraphPauseMs: number;
  rate: number;
  /** Decides the pause after each unit. */
  pacing: Pick<Pacing, 'pauseAfterMs' | 'shortFirstUnit'>;
  /** Start at this block (read from here); earlier blocks are left out. */
  fromBlock?: number;
  /** With fromBlock: start at the unit of that block holding this offset (continue from a stored position). */
  fromOffset?: number;
}

export function buildUnits(extracted: Pick<ExtractedText, 'blocks' | 'lang'>, options: UnitOptions): ReadingUnit[] {
  const blocks = extracted.blocks.filter((b) => options.fromBlock === undefined || b.index >= options.fromBlock);
  const read = chunkText(
    blocks.map((b) => ({ index: b.index, text: b.text })),
    extracted.lang,
  ).filter((c) => options.fromOffset === undefined || c.block !== options.fromBlock || c.end > options.fromOffset);
  // The listener waits for the first unit's synthesis: it is cut short (utils/text/first-unit.ts).
  const first = read[0];
  const firstBlock = first && blocks.find((b) => b.index === first.block);
  const chunks =
    options.pacing.shortFirstUnit && first && firstBlock
      ? [...splitForFirstSound(first, firstBlock.text, extracted.lang), ...read.slice(1)]
      : read;
  return chunks.map((chunk, index) => {
    const isLast = index === chunks.length - 1;
    return {
      index,
      text: chunk.text,
      block: chunk.block,
      start: chunk.start,
      end: chunk.end,
      status: 'pending',
      ...(chunk.endsClause ? { endsClause: true } : {}),
      pauseAfterMs: options.pacing.pauseAfterMs({
        endsParagraph: chunk.endsParagraph,
        ...(chunk.endsClause ? { endsClause: true } : {}),
        isLast,
        sentencePauseMs: options.sentencePauseMs,
        paragraphPauseMs: options.paragraphPauseMs,
        rate: options.rate,
      }),
    };
  });
}
