// A stored reading position and the unit it points at, by block, offset and first words. Pure: the worker's
// transitions use it, and so does code that runs in plain Node (the benchmark imports the scheduler).
import type { ReadingUnit } from './reading-state';

const FIRST_WORDS = 8;

export interface ReadingPosition {
  /** The block (paragraph) of the extraction the unit is in. */
  block: number;
  /** Offset of the unit in its block's text. */
  start: number;
  firstWords: string;
  /** Date.now() of the last update (the LRU order). */
  at: number;
}

export function firstWords(text: string, count = FIRST_WORDS): string {
  return text.replace(/\s+/g, ' ').trim().split(' ').slice(0, count).join(' ');
}

/** The unit of `units` a stored position points at, if its first words still match; -1 otherwise. */
export function unitForPosition(
  units: readonly ReadingUnit[],
  position: Pick<ReadingPosition, 'block' | 'start' | 'firstWords'>,
): number {
  const unit = units.find((u) => u.block === position.block && u.start <= position.start && position.start < u.end);
  return unit && firstWords(unit.text) === firstWords(position.firstWords) ? unit.index : -1;
}
