// The speed ladder that "faster"/"slower" (keyboard commands, the on-page player) walk: finer steps around normal
// speed, where a change is most audible. A rate between two steps goes to the next step in that direction.

export const RATE_STEPS: readonly number[] = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];

export function stepRate(current: number, direction: 1 | -1): number {
  const epsilon = 1e-6;
  if (direction > 0) return RATE_STEPS.find((r) => r > current + epsilon) ?? RATE_STEPS[RATE_STEPS.length - 1]!;
  return [...RATE_STEPS].reverse().find((r) => r < current - epsilon) ?? RATE_STEPS[0]!;
}
