// The requests in flight of one worker: a unit is 'fetching' exactly while its request is here. Every change of a
// unit into or out of 'fetching' goes through this class, so the two cannot disagree; a unit whose state says
// 'fetching' with no request here (its worker died) is put back to 'pending' by `adopt`.
import type { ReadingUnit, UnitStatus } from './reading-state';

export interface FetchTicket {
  readonly index: number;
  readonly signal: AbortSignal;
  /** Still the unit's current request (not abandoned or replaced since it started). */
  isCurrent(): boolean;
}

export class UnitFetcher {
  private readonly inflight = new Map<number, AbortController>();

  constructor(private readonly now: () => number) {}

  get size(): number {
    return this.inflight.size;
  }

  /** Marks the unit fetching and returns the ticket its request runs under. */
  begin(unit: ReadingUnit): FetchTicket {
    this.inflight.get(unit.index)?.abort();
    const controller = new AbortController();
    this.inflight.set(unit.index, controller);
    unit.status = 'fetching';
    unit.requestedAt = this.now();
    return {
      index: unit.index,
      signal: controller.signal,
      isCurrent: () => this.inflight.get(unit.index) === controller,
    };
  }

  /** The request finished (either way): it is no longer in flight. False when it had been abandoned meanwhile. */
  finish(ticket: FetchTicket): boolean {
    if (!ticket.isCurrent()) return false;
    this.inflight.delete(ticket.index);
    return true;
  }

  /** Abandons the unit's request, if any, and gives the unit its next status. */
  abandon(unit: ReadingUnit, next: UnitStatus): void {
    this.inflight.get(unit.index)?.abort();
    this.inflight.delete(unit.index);
    unit.status = next;
  }

  /** Abandons every request; the units that were fetching go back to pending. */
  abandonAll(units: ReadingUnit[]): void {
    for (const controller of this.inflight.values()) controller.abort();
    this.inflight.clear();
    for (const unit of units) if (unit.status === 'fetching') unit.status = 'pending';
  }

  /** A state loaded from storage: units 'fetching' with no request in this worker are asked for again. */
  adopt(units: ReadingUnit[]): void {
    for (const unit of units) {
      if (unit.status === 'fetching' && !this.inflight.has(unit.index)) {
        unit.status = 'pending';
        delete unit.requestedAt;
      }
    }
  }
}
