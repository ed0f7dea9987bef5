import { describe, expect, it } from 'vitest';
import { StreamPlacement, type PlacementStart } from '../../utils/playback/streamed-placement';
import { findSoundBounds, findTrimBounds } from '../../utils/playback/trim-silence';

const RATE = 10_000;
const LEAD = 0.01;

/** A unit: `quietHead` ms of silence, `loud` ms of a tone, `quietTail` ms of silence. */
function unit(quietHead: number, loud: number, quietTail: number): Float32Array {
  const frames = (ms: number) => Math.round((ms / 1000) * RATE);
  const out = new Float32Array(frames(quietHead) + frames(loud) + frames(quietTail));
  for (let i = frames(quietHead); i < frames(quietHead) + frames(loud); i++) out[i] = 0.5 * Math.sin(i / 3);
  return out;
}

const clock = (now: number, previousEnd: number | null = null, previousPauseMs = 0): PlacementStart => ({
  now,
  leadS: LEAD,
  previousEnd,
  previousPauseMs,
});

/** Feeds `samples` in chunks of `chunkMs` at the times `at(i)`; returns the pieces and the final slot. */
function stream(
  samples: Float32Array,
  options: { soundAligned: boolean; chunkMs: number; at: (i: number) => number; previousEnd?: number | null },
) {
  const placement = new StreamPlacement({ sampleRate: RATE, soundAligned: options.soundAligned, startBufferMs: 100 });
  const chunk = Math.round((options.chunkMs / 1000) * RATE);
  const pieces = [];
  let i = 0;
  for (let from = 0; from < samples.length; from += chunk, i++) {
    const piece = placement.push(
      [samples.slice(from, from + chunk)],
      clock(options.at(i), options.previousEnd ?? null, 200),
    );
    if (piece) pieces.push({ ...piece, scheduledAt: options.at(i) });
  }
  const end = placement.finish(clock(options.at(i), options.previousEnd ?? null, 200));
  if (end.piece) pieces.push({ ...end.piece, scheduledAt: options.at(i) });
  return { pieces, slot: end.slot, late: placement.late, waitedS: placement.waitedS };
}

describe('StreamPlacement', () => {
  it('plays every frame between the trims once, back to back, never scheduled in the past', () => {
    const samples = unit(120, 900, 300);
    // Chunks of 100 ms arriving every 30 ms (a 0.3 real-time factor).
    const { pieces, slot, late } = stream(samples, { soundAligned: false, chunkMs: 100, at: (i) => 1 + i * 0.03 });
    const trim = findTrimBounds([samples], RATE);
    expect(pieces[0]!.from).toBe(trim.startFrame);
    expect(pieces.at(-1)!.to).toBe(trim.endFrame);
    for (let k = 1; k < pieces.length; k++) {
      expect(pieces[k]!.from).toBe(pieces[k - 1]!.to);
      expect(pieces[k]!.when).toBeCloseTo(pieces[k - 1]!.when + (pieces[k - 1]!.to - pieces[k - 1]!.from) / RATE, 9);
    }
    for (const p of pieces) expect(p.when).toBeGreaterThanOrEqual(p.scheduledAt + LEAD - 1e-9);
    expect(late).toBe(0);
    expect(slot.start).toBe(pieces[0]!.when);
    expect(slot.end).toBeCloseTo(slot.start + (trim.endFrame - trim.startFrame) / RATE, 9);
  });

  it('waits for a start buffer, and holds back the quiet tail until the end shows it is the tail', () => {
    const samples = unit(0, 400, 300);
    const { pieces } = stream(samples, { soundAligned: false, chunkMs: 50, at: (i) => 1 + i * 0.015 });
    // Nothing before 100 ms of audio was in hand.
    expect(pieces[0]!.to).toBeGreaterThanOrEqual(0.1 * RATE);
    // No piece but the end's reaches into the silence after the last loud sample (+ the 15 ms kept).
    const trim = findTrimBounds([samples], RATE);
    for (const p of pieces) expect(p.to).toBeLessThanOrEqual(trim.endFrame);
  });

  it('a chunk that arrives after its time waits the lead instead of playing in the past; nothing is lost', () => {
    const samples = unit(0, 1000, 0);
    // The fifth chunk comes 400 ms late: the audio before it has run out by then.
    const at = (i: number) => 1 + i * 0.03 + (i >= 5 ? 0.4 : 0);
    const { pieces, late, waitedS } = stream(samples, { soundAligned: false, chunkMs: 100, at });
    expect(late).toBe(1);
    // The unit lasts its samples plus the wait it reports (PlaybackEvent.waitedMs): nothing repeated or dropped.
    const last = pieces.at(-1)!;
    const span = last.when + (last.to - last.from) / RATE - pieces[0]!.when;
    expect(waitedS).toBeGreaterThan(0);
    expect(span).toBeCloseTo((last.to - pieces[0]!.from) / RATE + waitedS, 9);
    for (const p of pieces) expect(p.when).toBeGreaterThanOrEqual(p.scheduledAt + LEAD - 1e-9);
    for (let k = 1; k < pieces.length; k++) {
      expect(pieces[k]!.from).toBe(pieces[k - 1]!.to);
      expect(pieces[k]!.when).toBeGreaterThanOrEqual(
        pieces[k - 1]!.when + (pieces[k - 1]!.to - pieces[k - 1]!.from) / RATE - 1e-9,
      );
    }
  });

  it('sound-aligned: the sound starts the pause after the previous sound, and the slot ends where the sound does', () => {
    const samples = unit(80, 700, 200);
    const { pieces, slot } = stream(samples, {
      soundAligned: true,
      chunkMs: 100,
      at: (i) => 1 + i * 0.03,
      previousEnd: 1.5,
    });
    const trim = findTrimBounds([samples], RATE);
    const sound = findSoundBounds([samples], RATE, trim.startFrame, trim.endFrame)!;
    // The previous sound ends at 1.5 s and the pause is 200 ms.
    expect(slot.start).toBeCloseTo(1.7, 9);
    const first = pieces[0]!;
    expect(first.when + (sound.startFrame - first.from) / RATE).toBeCloseTo(1.7, 9);
    expect(slot.end).toBeCloseTo(1.7 + (sound.endFrame - sound.startFrame) / RATE, 9);
  });

  it('silence throughout trims to nothing and still gets a slot', () => {
    const { pieces, slot } = stream(new Float32Array(3000), {
      soundAligned: true,
      chunkMs: 100,
      at: (i) => 2 + i * 0.03,
    });
    expect(pieces).toEqual([]);
    expect(slot.end).toBe(slot.start);
    expect(slot.start).toBeGreaterThanOrEqual(2);
  });
});
