import { describe, expect, it } from 'vitest';
import { estimateRemainingMs, type TimedUnit } from '../../utils/highlight/time-remaining';

const text = (n: number): string => 'x'.repeat(n);

describe('estimateRemainingMs', () => {
  it('sums known durations of what is left, including scheduled pauses', () => {
    const units: TimedUnit[] = [
      { text: text(10), status: 'played', durationMs: 1000, pauseAfterMs: 200 },
      { text: text(10), status: 'ready', durationMs: 1500, pauseAfterMs: 200 },
      { text: text(10), status: 'ready', durationMs: 2500, pauseAfterMs: 0 },
    ];
    expect(estimateRemainingMs(units, { rate: 1 })).toBe(1500 + 200 + 2500);
  });

  it('estimates unknown units from the chars per second of the known ones', () => {
    // Known: 40 chars in 2000 ms → 20 chars/s, so 60 unknown chars take 3000 ms.
    const units: TimedUnit[] = [
      { text: text(40), status: 'played', durationMs: 2000 },
      { text: text(60), status: 'pending' },
    ];
    expect(estimateRemainingMs(units, { rate: 1 })).toBe(3000);
  });

  it('falls back to a default speed when nothing is known yet', () => {
    const units: TimedUnit[] = [{ text: text(30), status: 'pending' }];
    expect(estimateRemainingMs(units, { rate: 1, defaultCharsPerSecond: 10 })).toBe(3000);
  });

  it('decreases as units complete and as the playing unit progresses', () => {
    const units: TimedUnit[] = [
      { text: text(20), status: 'playing', durationMs: 1000 },
      { text: text(20), status: 'ready', durationMs: 1000 },
      { text: text(20), status: 'pending' },
    ];
    const atStart = estimateRemainingMs(units, { rate: 1, currentElapsedMs: 0 });
    const halfway = estimateRemainingMs(units, { rate: 1, currentElapsedMs: 500 });
    const next = estimateRemainingMs(
      [{ ...units[0]!, status: 'played' }, { ...units[1]!, status: 'playing' }, units[2]!],
      { rate: 1, currentElapsedMs: 0 },
    );
    expect(atStart).toBe(3000);
    expect(halfway).toBe(2500);
    expect(next).toBe(2000);
  });

  it('scales with the rate: audio rendered at rate 1 takes half the time at rate 2', () => {
    const units: TimedUnit[] = [
      { text: text(20), status: 'ready', durationMs: 2000, renderedRate: 1 },
      { text: text(20), status: 'pending' },
    ];
    const normal = estimateRemainingMs(units, { rate: 1 });
    expect(normal).toBe(4000);
    expect(estimateRemainingMs(units, { rate: 2 })).toBe(2000);
  });

  it('ignores units that failed and is zero when everything is played', () => {
    expect(
      estimateRemainingMs(
        [
          { text: text(20), status: 'error' },
          { text: text(20), status: 'played', durationMs: 900 },
        ],
        { rate: 1 },
      ),
    ).toBe(0);
  });
});
