import { networkError, timeoutError } from './api-error';

export const DEFAULT_TIMEOUT_MS = 20_000;

class TimeoutSignal extends Error {}

/**
 * Runs `fn` (a fetch plus reading its body) under a deadline, so a server that never answers or stops
 * sending mid-body cannot hang reading. The caller's abort is rethrown as is (an AbortError); the deadline
 * becomes a retryable VocalidApiError 'timeout'; a fetch TypeError (no answer at all) becomes 'network'.
 */
export async function boundedRequest<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  options: { signal?: AbortSignal; timeoutMs?: number; origin: string },
): Promise<T> {
  const { signal: outer, origin } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (outer?.aborted) throw outer.reason;
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new TimeoutSignal()), timeoutMs);
  try {
    return await fn(controller.signal);
  } catch (error) {
    if (outer?.aborted) throw outer.reason;
    if (controller.signal.reason instanceof TimeoutSignal) throw timeoutError(origin, timeoutMs);
    if (error instanceof TypeError) throw networkError(origin, error);
    throw error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}
