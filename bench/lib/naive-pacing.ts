// The benchmark's baseline (what Read Aloud does with a cloud voice): one request at a time, the next unit asked
// for only when the one before it starts playing, the cache never read, a fixed 650 ms ÷ rate wait between
// buffers. It lives here, with the benchmark, and reaches the extension only in test builds, through the test API
// (`usePacing('naive')`, utils/instrumentation/test-pacing.ts).
import type { Pacing } from '../../utils/reading/pacing';

export const NAIVE_PACING_NAME = 'naive-baseline';

export const naivePacing: Pacing = {
  name: NAIVE_PACING_NAME,
  pauseAfterMs: ({ isLast, rate }) => (isLast ? 0 : Math.round(650 / (rate > 0 ? rate : 1))),
  plan({ units }) {
    if (units.some((u) => u.status === 'fetching')) return { fetch: [] };
    const next = units.find((u) => u.status === 'pending');
    if (!next) return { fetch: [] };
    const previous = units[next.index - 1];
    if (previous && previous.status !== 'playing' && previous.status !== 'played') return { fetch: [] };
    return { fetch: [next.index] };
  },
  readsCache: false,
  // It creates the player when its first unit is ready.
  warmsPlayerWhileFetching: false,
  // Pauses run from buffer edge to buffer edge.
  soundAligned: false,
  // Its units are whole sentences.
  shortFirstUnit: false,
};
