// Bounds shared by the settings schema, presets and the Options controls, so the UI never offers a value the
// schema would refuse.
import { SPEED_MAX, SPEED_MIN } from './speed-steps';

/** Inclusive bounds, except pitch's lower bound which is exclusive as the API defines (0, 10]. */
export const LIMITS = {
  pitch: { min: 0, max: 10 },
  /** The speed steps' range (speed-steps.ts), inside the API's (0, 10]. */
  rate: { min: SPEED_MIN, max: SPEED_MAX },
  sentencePauseMs: { min: 0, max: 5000 },
  paragraphPauseMs: { min: 0, max: 10000 },
  prefetchSeconds: { min: 1, max: 300 },
  cacheCapMB: { min: 10, max: 10240 },
  /** Playback volume, 0 (silent) to 1 (the voice as synthesised). */
  volume: { min: 0, max: 1 },
} as const;
