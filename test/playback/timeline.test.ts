import { describe, expect, it } from 'vitest';
import { nextSlot, nextSoundSlot, pauseAfterMs, SCHEDULE_LEAD_S } from '../../utils/playback/timeline';

describe('nextSlot', () => {
  it('starts the first unit as soon as it can be scheduled', () => {
    expect(nextSlot({ now: 2, previousEnd: null, previousPauseMs: 0, durationS: 1.5 })).toEqual({
      start: 2 + SCHEDULE_LEAD_S,
      end: 2 + SCHEDULE_LEAD_S + 1.5,
    });
  });

  it('places a unit that arrived early exactly at previous end + pause', () => {
    const slot = nextSlot({ now: 1, previousEnd: 4, previousPauseMs: 250, durationS: 2 });
    expect(slot.start).toBeCloseTo(4.25, 9);
    expect(slot.end).toBeCloseTo(6.25, 9);
  });

  it('starts a late unit now instead of in the past', () => {
    const slot = nextSlot({ now: 10, previousEnd: 4, previousPauseMs: 250, durationS: 1 });
    expect(slot.start).toBeCloseTo(10 + SCHEDULE_LEAD_S, 9);
  });

  it('chains units back to back with no drift', () => {
    let prev: number | null = null;
    const starts: number[] = [];
    for (const d of [1.2, 0.8, 2.0]) {
      const slot = nextSlot({ now: 0, previousEnd: prev, previousPauseMs: 100, durationS: d });
      starts.push(slot.start);
      prev = slot.end;
    }
    expect(starts[1]! - starts[0]!).toBeCloseTo(1.3, 9);
    expect(starts[2]! - starts[1]!).toBeCloseTo(0.9, 9);
  });
});

describe('nextSoundSlot', () => {
  const span = { leadInS: 0.05, soundEndS: 1.05 }; // 50 ms quiet lead-in, then 1 s of sound, then the tail

  it('starts the first unit as soon as it can, its lead-in before its sound', () => {
    const slot = nextSoundSlot({ now: 2, previousEnd: null, previousPauseMs: 0, span });
    expect(slot.bufferStart).toBeCloseTo(2 + SCHEDULE_LEAD_S, 9);
    expect(slot.start).toBeCloseTo(2 + SCHEDULE_LEAD_S + 0.05, 9);
    expect(slot.end).toBeCloseTo(slot.start + 1, 9);
    expect(slot.skipS).toBe(0);
  });

  it('starts the next sound exactly the pause after the previous sound ended; the lead-in plays inside the pause', () => {
    const slot = nextSoundSlot({ now: 1, previousEnd: 4, previousPauseMs: 250, span });
    expect(slot.start).toBeCloseTo(4.25, 9);
    expect(slot.bufferStart).toBeCloseTo(4.2, 9);
    expect(slot.end).toBeCloseTo(5.25, 9);
  });

  it('cuts a lead-in longer than the pause so it never plays under the previous sound', () => {
    const slot = nextSoundSlot({ now: 1, previousEnd: 4, previousPauseMs: 20, span });
    expect(slot.start).toBeCloseTo(4.02, 9);
    expect(slot.bufferStart).toBeCloseTo(4, 9);
    expect(slot.skipS).toBeCloseTo(0.03, 9);
  });

  it('a late unit starts as soon as it can with its whole lead-in', () => {
    const slot = nextSoundSlot({ now: 10, previousEnd: 4, previousPauseMs: 250, span });
    expect(slot.bufferStart).toBeCloseTo(10 + SCHEDULE_LEAD_S, 9);
    expect(slot.start).toBeCloseTo(10 + SCHEDULE_LEAD_S + 0.05, 9);
  });

  it('chains sound to sound with no drift', () => {
    let prev: number | null = null;
    const starts: number[] = [];
    for (const s of [
      { leadInS: 0.01, soundEndS: 1.2 },
      { leadInS: 0.04, soundEndS: 0.9 },
      { leadInS: 0, soundEndS: 2 },
    ]) {
      const slot = nextSoundSlot({ now: 0, previousEnd: prev, previousPauseMs: 100, span: s });
      starts.push(slot.start);
      prev = slot.end;
    }
    expect(starts[1]! - starts[0]!).toBeCloseTo(1.19 + 0.1, 9);
    expect(starts[2]! - starts[1]!).toBeCloseTo(0.86 + 0.1, 9);
  });
});

describe('pauseAfterMs', () => {
  const base = { sentencePauseMs: 200, paragraphPauseMs: 600, isLast: false };
  it('uses the paragraph pause at paragraph ends and scales by 1/rate', () => {
    expect(pauseAfterMs({ ...base, endsParagraph: false, rate: 1 })).toBe(200);
    expect(pauseAfterMs({ ...base, endsParagraph: true, rate: 1 })).toBe(600);
    expect(pauseAfterMs({ ...base, endsParagraph: true, rate: 2 })).toBe(300);
    expect(pauseAfterMs({ ...base, endsParagraph: false, rate: 0.5 })).toBe(400);
  });
  it('after a clause cut, pauses as at a comma, never longer than the sentence pause', () => {
    expect(pauseAfterMs({ ...base, endsParagraph: false, endsClause: true, rate: 1 })).toBe(150);
    expect(pauseAfterMs({ ...base, endsParagraph: false, endsClause: true, rate: 3 })).toBe(50);
    expect(pauseAfterMs({ ...base, sentencePauseMs: 100, endsParagraph: false, endsClause: true, rate: 1 })).toBe(100);
  });
  it('adds no pause after the last unit', () => {
    expect(pauseAfterMs({ ...base, endsParagraph: true, rate: 1, isLast: true })).toBe(0);
  });
});
