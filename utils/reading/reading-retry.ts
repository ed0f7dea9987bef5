// How long a reading waits for the VocaliD server before it gives up with "Try again". The client's default
// (4 attempts, backoff from 400 ms) gives up after about 3 s when the connection is refused, so a server that
// restarts, or a Wi-Fi that drops for ten seconds, ended the reading. A reading keeps asking for about 40 s;
// attempts are bounded by time rather than by count, and never closer than 400 ms apart after the first few.
import type { RetryOptions } from '../vocalid/retry-policy';

export const READING_RETRY: RetryOptions = {
  maxAttempts: 40,
  maxTotalMs: 40_000,
  baseDelayMs: 500,
  maxDelayMs: 4_000,
};
