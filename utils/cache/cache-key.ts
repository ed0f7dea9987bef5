import { parseServerUrl } from '../vocalid/base-url';
import { normalizeText } from '../text/normalize-text';

export interface CacheKeyInput {
  baseUrl: string;
  voiceToken: string;
  pitch: number;
  rate: number;
  sampleRate: number;
  text: string;
}

// Bump when the audio for the same inputs could change (request format, normalisation), so stale entries
// stop matching instead of playing the wrong audio.
const KEY_VERSION = 1;

function canonicalBaseUrl(raw: string): string {
  try {
    return parseServerUrl(raw).base;
  } catch {
    // An invalid address never produces audio, but the key must still be stable and distinct.
    return raw.trim();
  }
}

function finite(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new TypeError(`cacheKey: ${name} must be a finite number.`);
  return value;
}

/**
 * SHA-256 hex of a canonical JSON (fixed key order) of the normalised inputs: the same text with the same
 * voice and parameters on the same server always gets the same key, in every extension context.
 */
export async function cacheKey(input: CacheKeyInput): Promise<string> {
  if (typeof input.text !== 'string' || typeof input.voiceToken !== 'string') {
    throw new TypeError('cacheKey: text and voiceToken must be strings.');
  }
  const canonical = JSON.stringify([
    KEY_VERSION,
    canonicalBaseUrl(input.baseUrl),
    input.voiceToken,
    finite('pitch', input.pitch),
    finite('rate', input.rate),
    finite('sampleRate', input.sampleRate),
    normalizeText(input.text),
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
