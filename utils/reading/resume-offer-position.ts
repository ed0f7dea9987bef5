// "Continue from '…'" while a page is read from its start: the stored position as a unit of the reading. A long PDF
// is read while its later pages are still extracted, so a position there is kept pending and offered once its
// block arrives (appendUnits), with the words the listener heard there.
import { unitForPosition, type ReadingPosition } from './reading-positions';
import type { ReadingState, ReadingUnit } from './reading-state';

type Stored = Pick<ReadingPosition, 'block' | 'start' | 'firstWords'>;

/** The offer a reading starts with: the stored unit if it is in `units`, pending if its block is still to come. */
export function startingOffer(
  units: readonly ReadingUnit[],
  stored: Stored,
  moreToCome: boolean,
): Pick<ReadingState, 'resumeOffer' | 'pendingResume'> {
  const index = unitForPosition(units, stored);
  if (index > 0) return { resumeOffer: { index, firstWords: stored.firstWords } };
  const lastBlock = units.at(-1)?.block ?? -1;
  if (moreToCome && stored.block > lastBlock)
    return { pendingResume: { block: stored.block, start: stored.start, firstWords: stored.firstWords } };
  return {};
}

/**
 * After units were appended: the pending position becomes the offer once its block is in (unless the listener is
 * already past it), and is given up when its block came with other words or nothing more will come.
 */
export function settlePendingOffer(s: ReadingState): void {
  const pending = s.pendingResume;
  if (!pending) return;
  const index = unitForPosition(s.units, pending);
  if (index >= 0) {
    delete s.pendingResume;
    if (s.units[index]!.status !== 'played') s.resumeOffer = { index, firstWords: pending.firstWords };
    return;
  }
  if (!s.moreToCome || (s.units.at(-1)?.block ?? -1) >= pending.block) delete s.pendingResume;
}
