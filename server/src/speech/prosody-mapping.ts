/**
 * How the API's `pitch` and `rate` modifiers (0, 10], 1 = the voice's own, become eSpeak arguments.
 *
 * Pitch: eSpeak's -p (0..99) moves F0 roughly linearly (50 → ~103 Hz, 90 → ~155 Hz for en-us), so each doubling of
 * the modifier adds 40 points: -p = basePitch + 40·log2(pitch), clamped to 0..99. From a base of 50, pitch 2 → 90
 * (about +50 % F0) and pitch 0.5 → 10.
 *
 * Rate: eSpeak's -s is words per minute and duration scales inversely with it, so -s = baseSpeed · rate, clamped to
 * eSpeak's supported 80..450 wpm. Rate 2 from 175 wpm → 350 wpm, about half the duration.
 */
export const ESPEAK_PITCH_MIN = 0;
export const ESPEAK_PITCH_MAX = 99;
export const ESPEAK_SPEED_MIN = 80;
export const ESPEAK_SPEED_MAX = 450;
export const PITCH_POINTS_PER_OCTAVE = 40;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function espeakPitch(basePitch: number, pitch: number): number {
  return Math.round(clamp(basePitch + PITCH_POINTS_PER_OCTAVE * Math.log2(pitch), ESPEAK_PITCH_MIN, ESPEAK_PITCH_MAX));
}

export function espeakSpeed(baseSpeed: number, rate: number): number {
  return Math.round(clamp(baseSpeed * rate, ESPEAK_SPEED_MIN, ESPEAK_SPEED_MAX));
}
