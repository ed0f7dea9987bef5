// HMAC request signing as settled in api-decisions.md:
//   string to sign = METHOD \n PATH \n QUERY \n NONCE \n hex(sha256(BODY bytes)) \n TIMESTAMP
//   signature      = hex(HMAC-SHA256(key = secret bytes, message = hex(sha256(string to sign))))
// The documentation's Python encodes text as latin-1; for ASCII (all that path, query, nonce and timestamp
// ever contain once percent-encoded) that equals the UTF-8 used here, and bodies are hashed as raw bytes.

export interface SignRequestInput {
  method: string;
  /** Request path as sent, e.g. `/api/v1/external/synthesis/`. */
  path: string;
  /** Raw query string as sent, without `?`; '' when there is none. */
  query: string;
  /** Raw request body; '' or empty bytes for GET. Strings are hashed as their UTF-8 bytes. */
  body: Uint8Array | string;
  secret: string;
  nonce?: string;
  /** ISO 8601; defaults to now in UTC. */
  timestamp?: string;
}

export interface SignedRequest {
  /** Value of the Authorization header. */
  authorization: string;
  signature: string;
  nonce: string;
  timestamp: string;
}

const encoder = new TextEncoder();

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return toHex(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

/** Unique per request: time in 0.1 ms (as the docs' example) plus 64 random bits. */
export function createNonce(): string {
  const random = crypto.getRandomValues(new Uint8Array(8));
  return `${Date.now() * 10}${toHex(random.buffer)}`;
}

export function buildStringToSign(parts: {
  method: string;
  path: string;
  query: string;
  nonce: string;
  bodyHash: string;
  timestamp: string;
}): string {
  return [parts.method, parts.path, parts.query, parts.nonce, parts.bodyHash, parts.timestamp].join('\n');
}

export async function signRequest(input: SignRequestInput): Promise<SignedRequest> {
  if (!input.secret) throw new TypeError('signRequest needs the API secret; enter it in Options.');
  if (!input.path.startsWith('/')) throw new TypeError(`signRequest: path must start with "/" (got "${input.path}").`);
  if (input.query.startsWith('?')) throw new TypeError('signRequest: pass the query without the leading "?".');
  const nonce = input.nonce ?? createNonce();
  const timestamp = input.timestamp ?? new Date().toISOString();
  if (/[\s,]/.test(nonce) || /[\s,]/.test(timestamp)) {
    throw new TypeError('signRequest: nonce and timestamp must not contain spaces or commas.');
  }
  const toSign = buildStringToSign({
    method: input.method.toUpperCase(),
    path: input.path,
    query: input.query,
    nonce,
    bodyHash: await sha256Hex(input.body),
    timestamp,
  });
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(input.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = toHex(await crypto.subtle.sign('HMAC', key, encoder.encode(await sha256Hex(toSign))));
  return {
    authorization: `signature=${signature}, nonce=${nonce}, timestamp=${timestamp}`,
    signature,
    nonce,
    timestamp,
  };
}
