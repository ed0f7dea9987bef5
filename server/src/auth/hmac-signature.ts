import { createHash, createHmac } from 'node:crypto';

/** Allowed clock difference between client and server for the HMAC timestamp. */
export const HMAC_WINDOW_SECONDS = 300;

export interface HmacHeader {
  signature: string;
  nonce: string;
  timestamp: string;
}

/** Parses `signature=<hex>, nonce=<nonce>, timestamp=<iso8601>`; undefined if a part is missing or malformed. */
export function parseHmacHeader(header: string): HmacHeader | undefined {
  const parts = new Map<string, string>();
  for (const piece of header.split(',')) {
    const eq = piece.indexOf('=');
    if (eq < 0) return undefined;
    parts.set(piece.slice(0, eq).trim().toLowerCase(), piece.slice(eq + 1).trim());
  }
  const signature = parts.get('signature');
  const nonce = parts.get('nonce');
  const timestamp = parts.get('timestamp');
  if (!signature || !nonce || !timestamp || !/^[0-9a-fA-F]{64}$/.test(signature) || nonce.length > 200)
    return undefined;
  return { signature: signature.toLowerCase(), nonce, timestamp };
}

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

/** ms since epoch of an ISO 8601 timestamp; no zone means UTC (Python's `utcnow().isoformat()`). */
export function parseIsoTimestamp(text: string): number | undefined {
  const m = ISO_8601.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  // Date.UTC would silently roll month 13 into the next year; such a timestamp is malformed, not merely stale.
  if (
    Number(mo) < 1 ||
    Number(mo) > 12 ||
    Number(d) < 1 ||
    Number(d) > 31 ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 60
  ) {
    return undefined;
  }
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isFinite(t) ? t : undefined;
}

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** api-decisions.md "HMAC": METHOD\nPATH\nQUERY\nNONCE\nhex(sha256(BODY))\nTIMESTAMP, hashed, then HMAC-SHA256. */
export function computeHmacSignature(
  secret: string,
  req: { method: string; path: string; query: string; nonce: string; body: Uint8Array; timestamp: string },
): string {
  const toSign = [req.method.toUpperCase(), req.path, req.query, req.nonce, sha256Hex(req.body), req.timestamp].join(
    '\n',
  );
  // The reference client hashes the string with latin-1; for the ASCII strings signed here that equals UTF-8.
  return createHmac('sha256', Buffer.from(secret, 'latin1'))
    .update(sha256Hex(Buffer.from(toSign, 'latin1')))
    .digest('hex');
}
