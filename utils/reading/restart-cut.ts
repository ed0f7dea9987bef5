// A restart (a seek, a change of voice or rate) makes the listener wait for one unit again: the one played first.
// When it has no audio yet it is cut at its first clause, as a reading's first unit is (utils/text/first-unit.ts),
// so the wait is for a clause's synthesis rather than a long sentence's. Units after it move up one index.
import { CLAUSE_PAUSE_MS } from '../playback/timeline';
import { splitForFirstSound } from '../text/first-unit';
import type { ReadingState, ReadingUnit } from './reading-state';

/** Neither made nor being made: the only kind of unit worth cutting (a cache lookup may still find it). */
export function hasNoAudioYet(unit: ReadingUnit): boolean {
  return unit.status === 'pending' && unit.cacheKey === undefined;
}

/**
 * Cuts `s.units[target]` in two when it is long enough and at a clause boundary (splitForFirstSound). Returns
 * whether it did: unit indices after `target` then changed, so requests in flight keyed by index are stale.
 * The caller decides whether the unit has audio already (a cached unit is never cut: it plays at once whole).
 */
export function cutUnitHeardFirst(s: ReadingState, target: number): boolean {
  const unit = s.units[target];
  if (!unit || !hasNoAudioYet(unit)) return false;
  // The unit's own text stands in for its block's: offsets within it are shifted back by `unit.start`.
  const pieces = splitForFirstSound(
    {
      text: unit.text,
      block: unit.block,
      start: 0,
      end: unit.text.length,
      endsParagraph: false,
      ...(unit.endsClause ? { endsClause: true } : {}),
    },
    unit.text,
    s.lang ?? 'en',
  );
  if (pieces.length !== 2) return false;
  const [head, tail] = pieces as [(typeof pieces)[0], (typeof pieces)[0]];
  const piece = (p: typeof head, pauseAfterMs: number): ReadingUnit => ({
    index: 0,
    text: p.text,
    block: unit.block,
    start: unit.start + p.start,
    end: unit.start + p.end,
    status: 'pending',
    pauseAfterMs,
    ...(p.endsClause ? { endsClause: true } : {}),
  });
  // The unit's pause is the sentence's or the paragraph's, already scaled by the rate; the head pauses as at a
  // comma (timeline.ts pauseAfterMs), never longer than the unit would have.
  const rate = s.params.rate > 0 ? s.params.rate : 1;
  const headPause = Math.min(Math.round(CLAUSE_PAUSE_MS / rate), unit.pauseAfterMs);
  s.units.splice(target, 1, piece(head, headPause), piece(tail, unit.pauseAfterMs));
  for (let i = target; i < s.units.length; i++) s.units[i]!.index = i;
  if (s.resumeOffer && s.resumeOffer.index > target)
    s.resumeOffer = { ...s.resumeOffer, index: s.resumeOffer.index + 1 };
  return true;
}
