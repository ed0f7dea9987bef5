/**
 * Measures the silence at each seam between two consecutive units in a rendered output signal.
 *
 * The benchmark taps the offscreen document's audio output and knows, from playback events, roughly when each
 * unit was scheduled to start. Speech has silences of its own (commas, stops), so a seam is not "any silence":
 * it is the silent run that ends where the next unit's sound begins. We find the next unit's onset near its
 * scheduled start, then walk back to the last sound of the previous unit.
 */

export interface SeamMeasurement {
  /** index of the unit that starts at this seam */
  index: number;
  /** silence between the end of the previous unit's sound and this unit's first sound */
  gapMs: number;
  /** gap minus the pause that was deliberately scheduled there (negative = shorter than asked) */
  excessMs: number;
  /** true when the onset came later than scheduled by more than the tolerance: the audio was not ready */
  underrun: boolean;
}

export interface SeamDetectorOptions {
  sampleRate: number;
  /** a sample whose smoothed level is below this is silent (dBFS) */
  silenceDb?: number;
  /** window for the level envelope */
  windowMs?: number;
  /** how far around the scheduled start to look for the onset */
  searchMs?: number;
  /** an onset later than scheduled by more than this counts as an underrun */
  underrunToleranceMs?: number;
}

export interface SeamBoundary {
  index: number;
  /** when the unit was scheduled to start, in seconds from the first sample of `samples` */
  scheduledStart: number;
  /** the deliberate pause scheduled before this unit */
  pauseMs: number;
}

/** Per-window RMS in dBFS; cheap enough for minutes of audio. */
export function levelEnvelope(samples: Float32Array, sampleRate: number, windowMs: number): Float32Array {
  const win = Math.max(1, Math.round((sampleRate * windowMs) / 1000));
  const out = new Float32Array(Math.ceil(samples.length / win));
  for (let w = 0; w < out.length; w++) {
    let sum = 0;
    const from = w * win;
    const to = Math.min(samples.length, from + win);
    for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!;
    const rms = Math.sqrt(sum / Math.max(1, to - from));
    out[w] = rms > 0 ? 20 * Math.log10(rms) : -Infinity;
  }
  return out;
}

export function measureSeams(
  samples: Float32Array,
  boundaries: SeamBoundary[],
  options: SeamDetectorOptions,
): SeamMeasurement[] {
  const { sampleRate } = options;
  const silenceDb = options.silenceDb ?? -50;
  const windowMs = options.windowMs ?? 2;
  const searchMs = options.searchMs ?? 400;
  const tolerance = options.underrunToleranceMs ?? 20;
  const env = levelEnvelope(samples, sampleRate, windowMs);
  const toWin = (seconds: number) => Math.round((seconds * 1000) / windowMs);
  const loud = (w: number) => (env[w] ?? -Infinity) >= silenceDb;

  const results: SeamMeasurement[] = [];
  for (const b of boundaries) {
    // The onset is searched from a little before the scheduled start (trimming keeps a few ms of lead-in) to
    // well after it (a late unit is exactly what we want to catch).
    const from = Math.max(0, toWin(b.scheduledStart) - Math.round(20 / windowMs));
    const to = Math.min(env.length, toWin(b.scheduledStart) + Math.round(searchMs / windowMs) + toWin(10));
    // If the window starts inside sound, that is the previous unit's tail: skip it, then find the first sound.
    let w = from;
    while (w < to && loud(w)) w++;
    while (w < to && !loud(w)) w++;
    const onset = w < to ? w : -1;
    if (onset < 0) continue;
    let lastSound = onset - 1;
    while (lastSound >= 0 && !loud(lastSound)) lastSound--;
    if (lastSound < 0) continue;
    const gapMs = (onset - lastSound - 1) * windowMs;
    const lateMs = onset * windowMs - b.scheduledStart * 1000;
    results.push({ index: b.index, gapMs, excessMs: gapMs - b.pauseMs, underrun: lateMs > tolerance });
  }
  return results;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
