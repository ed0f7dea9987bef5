// The one definition of reading speed the whole extension offers: the popup's and the page player's speed
// controls, Options, presets and the faster/slower commands all take their range and steps from here, so no control
// shows a speed another cannot reach (issue 14: the popup stopped at 2×, the player at 4×, Options at 10×).
//
// Finer steps around normal speed, where a change is most audible. The VocaliD API accepts rates in (0, 10]
// (/work/shared/vocalid-api.txt), but below 0.5× and above 4× synthesised speech stops being useful to listen to.

export const SPEED_STEPS: readonly number[] = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];

export const SPEED_MIN = SPEED_STEPS[0]!;
export const SPEED_MAX = SPEED_STEPS[SPEED_STEPS.length - 1]!;
/** Every step is a multiple of this: the finest a typed speed (Options, presets) can be. */
export const SPEED_GRAIN = 0.05;

const EPSILON = 1e-6;

/** One step faster (1) or slower (-1); a speed between two steps goes to the next step in that direction. */
export function stepSpeed(current: number, direction: 1 | -1): number {
  if (direction > 0) return SPEED_STEPS.find((r) => r > current + EPSILON) ?? SPEED_MAX;
  return [...SPEED_STEPS].reverse().find((r) => r < current - EPSILON) ?? SPEED_MIN;
}

/** The index of the step nearest to `speed` (for a slider over the steps); ties go to the slower step. */
export function speedStepIndex(speed: number): number {
  let best = 0;
  for (let i = 1; i < SPEED_STEPS.length; i++) {
    if (Math.abs(SPEED_STEPS[i]! - speed) < Math.abs(SPEED_STEPS[best]! - speed) - EPSILON) best = i;
  }
  return best;
}

/** "1.25×": the speed as every control shows it. */
export function formatSpeed(speed: number): string {
  return `${Number(speed.toFixed(2))}×`;
}

/** A speed stored before the range narrowed (up to the API's 10×) kept as the nearest speed in range. */
export function clampSpeed(speed: number): number {
  return Math.min(SPEED_MAX, Math.max(SPEED_MIN, speed));
}
