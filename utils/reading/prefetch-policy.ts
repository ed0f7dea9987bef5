// The product's prefetch policy: keep a time budget of speech ahead of the listener, at most two requests at once,
// and let the unit a listener is waiting for go to the server alone for a moment. A pure function of the reading's
// units, so every rule is testable without a scheduler, a clock or a server.
import type { FetchPlan, PrefetchView } from './pacing';
import type { ReadingUnit, UnitStatus } from './reading-state';
import { ESTIMATED_CHARS_PER_SECOND } from '../text/speaking-speed';

export const MAX_CONCURRENT_REQUESTS = 2;
/** Units kept ready ahead of the one playing, whatever their length. */
export const MIN_UNITS_AHEAD = 3;
/**
 * While the listener waits for the first sound (a reading's start, a seek), its unit goes to the server alone for
 * up to this long. Sent together, the two first responses arrive together, and in about half the readings the
 * second one's cache write and state save ran first: +30 ms to the first sound in the benchmark (bench/README.md).
 * After this long the next unit is asked for anyway, so a slow server still gets both requests early.
 */
export const FIRST_UNIT_ALONE_MS = 250;

/** The expected length of a unit's speech: its audio's when known, else estimated from its text. */
export function estimateSpeechMs(unit: Pick<ReadingUnit, 'durationMs' | 'text'>, rate: number): number {
  return unit.durationMs ?? (unit.text.length / ESTIMATED_CHARS_PER_SECOND / (rate > 0 ? rate : 1)) * 1000;
}

export function planPrefetch(view: PrefetchView): FetchPlan {
  // The units this plan launches count as fetching from now on, for the rules that follow.
  const planned = new Set<number>();
  const statusOf = (u: ReadingUnit): UnitStatus => (planned.has(u.index) ? 'fetching' : u.status);
  const requestedAtOf = (u: ReadingUnit) => (planned.has(u.index) ? view.now : u.requestedAt);
  const fetch: number[] = [];
  let inFlight = view.units.filter((u) => u.status === 'fetching').length;
  while (inFlight < MAX_CONCURRENT_REQUESTS) {
    const next = view.units.find((u) => statusOf(u) === 'pending');
    if (!next) break;
    const aloneFor = leadAloneForMs(view, statusOf, requestedAtOf, inFlight);
    if (aloneFor > 0) return { fetch, recheckInMs: aloneFor };
    const ahead = view.units.filter((u) => ['fetching', 'ready', 'queued'].includes(statusOf(u)));
    const aheadMs = ahead.reduce((sum, u) => sum + estimateSpeechMs(u, view.rate), 0);
    if (aheadMs >= view.budgetMs && ahead.length >= MIN_UNITS_AHEAD) break;
    planned.add(next.index);
    fetch.push(next.index);
    inFlight++;
  }
  return { fetch };
}

/** How much longer the unit the listener is waiting for stays the only request (0: no reason to hold back). */
function leadAloneForMs(
  view: PrefetchView,
  statusOf: (u: ReadingUnit) => UnitStatus,
  requestedAtOf: (u: ReadingUnit) => number | undefined,
  inFlight: number,
): number {
  if (view.units.some((u) => ['ready', 'queued', 'playing'].includes(statusOf(u)))) return 0;
  const lead = view.units.find((u) => statusOf(u) !== 'played');
  const requestedAt = lead ? requestedAtOf(lead) : undefined;
  if (!lead || statusOf(lead) !== 'fetching' || requestedAt === undefined || inFlight !== 1) return 0;
  return requestedAt + view.firstUnitAloneMs - view.now;
}
