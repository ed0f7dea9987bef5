// A reading's pacing: which units to ask the server for next, how long to pause after each unit, and whether the
// pause is timed from sound to sound. The product has one pacing (product-pacing.ts), the only one in release
// builds; test builds can install another through the test API (the benchmark's naive baseline,
// bench/lib/naive-pacing.ts), so comparing them needs no setting and no branch in the product.
import type { ReadingUnit } from './reading-state';

/** What decides the pause after one unit. */
export interface PauseInput {
  endsParagraph: boolean;
  /** The unit ends inside its sentence (a clause cut, a piece of a long sentence): a comma's pause. */
  endsClause?: boolean;
  isLast: boolean;
  sentencePauseMs: number;
  paragraphPauseMs: number;
  rate: number;
}

/** The reading as the fetch planner sees it; units with status 'fetching' are exactly the requests in flight. */
export interface PrefetchView {
  units: readonly ReadingUnit[];
  rate: number;
  now: number;
  /** The user's prefetch budget (Settings.prefetchSeconds), in ms of speech. */
  budgetMs: number;
  /** How long the unit a listener waits for goes to the server alone (FIRST_UNIT_ALONE_MS; 0 in most unit tests). */
  firstUnitAloneMs: number;
}

export interface FetchPlan {
  /** Indices of the units to request now, in this order. */
  fetch: number[];
  /** Plan again after this long even if nothing else happens (a unit held back for a while). */
  recheckInMs?: number;
}

export interface Pacing {
  /** Shown in test-build logs and the benchmark; never a setting. */
  readonly name: string;
  pauseAfterMs(input: PauseInput): number;
  plan(view: PrefetchView): FetchPlan;
  /** Whether a unit already in the audio cache is played from there instead of being requested again. */
  readonly readsCache: boolean;
  /**
   * Whether the player is created while the server works on a unit nothing plays before (the first one, or the one
   * after a seek), so its audio does not also wait for a document, an AudioContext and a database to load.
   */
  readonly warmsPlayerWhileFetching: boolean;
  /** Whether the player times each pause from the end of a unit's sound to the start of the next one's. */
  readonly soundAligned: boolean;
  /** Whether the unit a listener waits for first is cut short (utils/text/first-unit.ts). */
  readonly shortFirstUnit: boolean;
  /** Whether a unit goes to the player while its audio is still arriving (unit-streams.ts). */
  readonly streamsAudio?: boolean;
}
