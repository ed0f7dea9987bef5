import { networkError, timeoutError } from './api-error';

export const DEFAULT_TIMEOUT_MS = 20_000;
/**
 * However steadily a body keeps coming, no request lasts longer: a unit's audio is at most 256 characters, about
 * 30 s of speech at half speed, so this is ten times the longest a healthy stream takes.
 */
export const MAX_REQUEST_MS = 300_000;

class TimeoutSignal extends Error {}

/**
 * Runs `fn` (a fetch plus reading its body) under a deadline, so a server that never answers or stops
 * sending mid-body cannot hang reading. The caller's abort is rethrown as is (an AbortError); the deadline
 * becomes a retryable VocalidApiError 'timeout'; a fetch TypeError (no answer at all) becomes 'network'.
 * A body read in pieces calls `progressed` as each arrives, which starts the deadline again: a streamed unit's
 * audio comes as fast as the service makes it, and a long unit at a slow speed lasts longer than the deadline
 * (256 characters read at half speed are about 30 s of speech) without the service ever having stopped.
 */
export async function boundedRequest<T>(
  fn: (signal: AbortSignal, progressed: () => void) => Promise<T>,
  options: { signal?: AbortSignal; timeoutMs?: number; maxTotalMs?: number; origin: string },
): Promise<T> {
  const { signal: outer, origin } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxTotalMs = Math.max(timeoutMs, options.maxTotalMs ?? MAX_REQUEST_MS);
  if (outer?.aborted) throw outer.reason;
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const expire = () => controller.abort(new TimeoutSignal());
  let timer = setTimeout(expire, timeoutMs);
  const total = setTimeout(expire, maxTotalMs);
  const progressed = () => {
    if (controller.signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(expire, timeoutMs);
  };
  try {
    return await fn(controller.signal, progressed);
  } catch (error) {
    if (outer?.aborted) throw outer.reason;
    if (controller.signal.reason instanceof TimeoutSignal) throw timeoutError(origin, timeoutMs);
    if (error instanceof TypeError) throw networkError(origin, error);
    throw error;
  } finally {
    clearTimeout(timer);
    clearTimeout(total);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}
