// Finds where a synthesised unit's speech starts and ends so that leading/trailing silence does not add to the
// pause between units (the pause is set deliberately by pauseAfterMs instead).

export interface TrimOptions {
  /** Level under which a sample counts as silence, in dBFS. */
  thresholdDb?: number;
  /** Silence kept on each side so that soft onsets and releases are not clipped. */
  keepMs?: number;
}

export interface TrimBounds {
  /** First frame to play. */
  startFrame: number;
  /** One past the last frame to play. */
  endFrame: number;
}

export const DEFAULT_TRIM_THRESHOLD_DB = -50;
export const DEFAULT_TRIM_KEEP_MS = 15;

/** Frame bounds of the audible part of `channels` (all the same length); an all-silent unit trims to nothing. */
export function findTrimBounds(channels: Float32Array[], sampleRate: number, options: TrimOptions = {}): TrimBounds {
  const threshold = Math.pow(10, (options.thresholdDb ?? DEFAULT_TRIM_THRESHOLD_DB) / 20);
  const keep = Math.round(((options.keepMs ?? DEFAULT_TRIM_KEEP_MS) / 1000) * sampleRate);
  const length = channels[0]?.length ?? 0;
  const loud = (i: number) => channels.some((c) => Math.abs(c[i]!) > threshold);
  let first = 0;
  while (first < length && !loud(first)) first++;
  if (first === length) return { startFrame: 0, endFrame: 0 };
  let last = length - 1;
  while (last > first && !loud(last)) last--;
  return { startFrame: Math.max(0, first - keep), endFrame: Math.min(length, last + 1 + keep) };
}
