/**
 * Where the user got to on each page, so that coming back offers "Continue from '<first words>'".
 * storage.local, at most MAX_PAGES pages (least recently read dropped first), keyed by the URL without its hash.
 * Only a position and the first few words of that sentence are kept — never the page's text.
 */
import { readingPositionsItem } from '../storage/stored-items';
import { pageKey } from './page-url';
import type { ReadingState } from './reading-state';
import { firstWords, type ReadingPosition } from './position-match';

export { firstWords, unitForPosition, type ReadingPosition } from './position-match';

export const MAX_PAGES = 200;

type PositionMap = Record<string, ReadingPosition>;

async function load(): Promise<PositionMap> {
  const stored = await readingPositionsItem.getValue();
  return stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as PositionMap) : {};
}

/** Keeps the MAX_PAGES most recently updated entries. */
export function prune(map: PositionMap, max = MAX_PAGES): PositionMap {
  const entries = Object.entries(map).sort((a, b) => b[1].at - a[1].at);
  return Object.fromEntries(entries.slice(0, max));
}

// Read-modify-write must not interleave: a unit starting while another save is in flight would be lost.
let chain: Promise<unknown> = Promise.resolve();
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const run = chain.then(fn);
  chain = run.catch(() => undefined);
  return run;
}

export function savePosition(url: string, position: Omit<ReadingPosition, 'at'>, now = Date.now()): Promise<void> {
  const key = pageKey(url);
  if (!key) return Promise.resolve();
  return serial(async () => {
    const map = await load();
    map[key] = { ...position, firstWords: firstWords(position.firstWords), at: now };
    await readingPositionsItem.setValue(prune(map));
  });
}

export function forgetPosition(url: string): Promise<void> {
  const key = pageKey(url);
  if (!key) return Promise.resolve();
  return serial(async () => {
    const map = await load();
    if (!(key in map)) return;
    delete map[key];
    await readingPositionsItem.setValue(map);
  });
}

export async function getPosition(url: string): Promise<ReadingPosition | null> {
  const key = pageKey(url);
  if (!key) return null;
  await chain;
  return (await load())[key] ?? null;
}

export function clearPositions(): Promise<void> {
  return serial(() => readingPositionsItem.removeValue());
}

/**
 * Follows a reading's saved states and keeps the page's position up to date: the unit being heard (or next)
 * once audio has started; forgotten when the page has been read to the end. Selections are not tracked (a
 * position in a selection means nothing next time).
 */
export function createPositionTracker(deps: { save?: typeof savePosition; forget?: typeof forgetPosition } = {}) {
  const save = deps.save ?? savePosition;
  const forget = deps.forget ?? forgetPosition;
  let last = '';
  return {
    onSaved(state: ReadingState): void {
      if (!state.url || !state.sessionId || state.source === 'selection') return;
      if (state.status === 'done') {
        const key = `${state.sessionId}:done`;
        if (last !== key) void forget(state.url).catch(() => undefined);
        last = key;
        return;
      }
      if (state.status !== 'playing' && state.status !== 'paused') return;
      const unit = state.units.find((u) => u.status !== 'played');
      if (!unit) return;
      const key = `${state.sessionId}:${unit.index}`;
      if (key === last) return;
      last = key;
      void save(state.url, { block: unit.block, start: unit.start, firstWords: unit.text }).catch(() => undefined);
    },
  };
}
