import { createHash } from 'node:crypto';
import { safeEqual } from '../auth/secret-hash';

/** RFC 7636 §4.1: 43–128 characters from the unreserved set. The same shape applies to S256 challenges (43). */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export const isValidCodeVerifier = (v: string) => VERIFIER.test(v);
export const isValidCodeChallenge = (c: string) => /^[A-Za-z0-9\-_]{43}$/.test(c);

export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function verifierMatches(verifier: string, challenge: string): boolean {
  return isValidCodeVerifier(verifier) && safeEqual(s256Challenge(verifier), challenge);
}
