// The product's pacing (the only one release builds carry): prefetch by a time budget (prefetch-policy.ts), the
// user's sentence and paragraph pauses timed from sound to sound, cached audio reused, the player warmed early.
import type { Pacing } from './pacing';
import { planPrefetch } from './prefetch-policy';
import { pauseAfterMs } from '../playback/timeline';

export const productPacing: Pacing = {
  name: 'product',
  pauseAfterMs,
  plan: planPrefetch,
  readsCache: true,
  // Not earlier than the first request: on 2 cores the ~50 ms of CPU it takes slowed extraction or the request by
  // as much as it saved; the server's round trip is idle time for the client.
  warmsPlayerWhileFetching: true,
  soundAligned: true,
  // The first unit is cut at an early clause boundary (utils/text/first-unit.ts), followed by a comma's pause: the
  // first sound waits for a short synthesis on a service whose time grows with the audio (issue 18).
  shortFirstUnit: true,
  streamsAudio: true,
};
