// Bounds shared by the settings schema, presets and the Options controls, so the UI never offers a value the
// schema would refuse.

/** Inclusive bounds, except pitch/rate whose lower bound is exclusive as the API defines (0, 10]. */
export const LIMITS = {
  pitch: { min: 0, max: 10 },
  rate: { min: 0, max: 10 },
  sentencePauseMs: { min: 0, max: 5000 },
  paragraphPauseMs: { min: 0, max: 10000 },
  prefetchSeconds: { min: 1, max: 300 },
  cacheCapMB: { min: 10, max: 10240 },
} as const;
