import { isVocalidApiError } from './api-error';

export interface RetryOptions {
  /** Attempts in total, the first included. */
  maxAttempts?: number;
  /** No retry is started whose wait would end later than this many ms after the first attempt began. */
  maxTotalMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected for tests; defaults to Math.random / Date.now / a timer. */
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each wait, e.g. to show "retrying in 3 s". */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

export const DEFAULT_RETRY: Required<Omit<RetryOptions, 'random' | 'now' | 'sleep' | 'onRetry'>> = {
  maxAttempts: 4,
  maxTotalMs: 30_000,
  baseDelayMs: 400,
  maxDelayMs: 8_000,
};

function abortReason(signal: AbortSignal): unknown {
  // i18n-ignore: the DOMException's message as the platform words it, for code and logs (an abort is not shown).
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Resolves after `ms`, or rejects with the abort reason the moment `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Only errors that say so (429, 503/5xx, network, timeout) are worth another attempt. */
export function isRetryable(error: unknown): boolean {
  return isVocalidApiError(error) && error.retryable;
}

/**
 * Wait before retry number `attempt` (1 = first retry). Retry-After wins when the server gave one (plus up
 * to 10% jitter so many clients do not return in the same millisecond); otherwise "full jitter" exponential
 * backoff: random in [0, min(maxDelay, base·2^(attempt-1))], never below a tenth of the cap.
 */
export function retryDelayMs(attempt: number, error: unknown, options: RetryOptions = {}): number {
  const random = options.random ?? Math.random;
  const base = options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
  const max = options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  if (isVocalidApiError(error) && error.retryAfterMs !== undefined) {
    return Math.round(error.retryAfterMs + random() * Math.min(1000, error.retryAfterMs * 0.1));
  }
  const cap = Math.min(max, base * 2 ** (attempt - 1));
  return Math.round(cap * (0.1 + 0.9 * random()));
}

/**
 * Runs `fn` until it succeeds, fails with a non-retryable error, runs out of attempts or of total time.
 * The last error is rethrown unchanged. Aborting `signal` rejects at once with the abort reason.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions & { signal?: AbortSignal } = {},
): Promise<T> {
  const { signal } = options;
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_RETRY.maxAttempts);
  const maxTotalMs = options.maxTotalMs ?? DEFAULT_RETRY.maxTotalMs;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortReason(signal);
    try {
      return await fn(attempt);
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (!isRetryable(error) || attempt >= maxAttempts) throw error;
      const delayMs = retryDelayMs(attempt, error, options);
      if (now() - started + delayMs > maxTotalMs) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await wait(delayMs, signal);
    }
  }
}
