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

export interface SoundBoundsOptions {
  /** A window whose RMS is at or above this level is sound, in dBFS. */
  thresholdDb?: number;
  /** RMS window length. */
  windowMs?: number;
}

export const DEFAULT_SOUND_WINDOW_MS = 2;

/**
 * Where the sound of frames [from, to) starts and ends as a listener (and the benchmark's seam detector, which
 * uses the same rule on the output) hears it: the first and last window whose RMS over all channels reaches the
 * threshold. Sample-level trimming (findTrimBounds) keeps soft onsets and releases whose single samples exceed
 * the threshold but whose RMS does not; those edges are quiet, and timing the pause from them would add their
 * length to every pause. Windows are laid from `from` onwards; null when no window is loud.
 */
export function findSoundBounds(
  channels: Float32Array[],
  sampleRate: number,
  from: number,
  to: number,
  options: SoundBoundsOptions = {},
): TrimBounds | null {
  const threshold = Math.pow(10, (options.thresholdDb ?? DEFAULT_TRIM_THRESHOLD_DB) / 20);
  const minMeanSquare = threshold * threshold;
  const win = Math.max(1, Math.round(((options.windowMs ?? DEFAULT_SOUND_WINDOW_MS) / 1000) * sampleRate));
  const loud = (start: number): boolean => {
    const end = Math.min(to, start + win);
    let sum = 0;
    for (const c of channels) for (let i = start; i < end; i++) sum += c[i]! * c[i]!;
    // Frames past `to` count as silence: a lone click in a short last window must not pass for sound.
    return sum / (win * Math.max(1, channels.length)) >= minMeanSquare;
  };
  let first = from;
  while (first < to && !loud(first)) first += win;
  if (first >= to) return null;
  // The last window is searched on the same grid as the first, so both edges are window-aligned.
  let last = first + Math.floor((to - 1 - first) / win) * win;
  while (last > first && !loud(last)) last -= win;
  return { startFrame: first, endFrame: Math.min(to, last + win) };
}
