import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServerConfig } from '../../server/src/context';
import { startServer, type RunningServer } from '../../server/src/start-server';

export const DEMO = {
  clientId: 'demo-client',
  clientSecret: 'demo-secret',
  apiKey: 'demo-key',
  apiSecret: 'demo-secret',
};

export async function startCoreServer(
  opts: Partial<ServerConfig> = {},
): Promise<RunningServer & { dataDir: string; cleanup(): Promise<void> }> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'vocalid-core-'));
  const server = await startServer({ port: 0, dev: true, quiet: true, speechWorkers: 1, ...opts, dataDir });
  return Object.assign(server, {
    dataDir,
    async cleanup() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * HMAC Authorization header, written from the definition in api-decisions.md (not from the server's code):
 * hex(HMAC-SHA256(secret, hex(sha256(METHOD\nPATH\nQUERY\nNONCE\nhex(sha256(BODY))\nTIMESTAMP)))).
 */
export function hmacHeader(
  secret: string,
  req: { method: string; path: string; query: string; body?: Uint8Array | string; nonce?: string; timestamp?: string },
): string {
  const nonce = req.nonce ?? randomBytes(12).toString('hex');
  const timestamp = req.timestamp ?? new Date().toISOString();
  const data = [req.method, req.path, req.query, nonce, sha256Hex(req.body ?? ''), timestamp].join('\n');
  const signature = createHmac('sha256', secret).update(sha256Hex(data)).digest('hex');
  return `signature=${signature}, nonce=${nonce}, timestamp=${timestamp}`;
}

/** GET signed with the demo HMAC key; `query` must not include api_key (added here). */
export async function hmacGet(
  base: string,
  pathname: string,
  query: Record<string, string> = {},
  over: { apiKey?: string; secret?: string; nonce?: string; timestamp?: string } = {},
): Promise<Response> {
  const qs = new URLSearchParams({ api_key: over.apiKey ?? DEMO.apiKey, ...query }).toString();
  const header = hmacHeader(over.secret ?? DEMO.apiSecret, {
    method: 'GET',
    path: pathname,
    query: qs,
    nonce: over.nonce,
    timestamp: over.timestamp,
  });
  return fetch(`${base}${pathname}?${qs}`, { headers: { Authorization: header } });
}

export async function clientCredentialsToken(base: string, scope?: string, creds = DEMO): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (scope) body.set('scope', scope);
  const res = await fetch(`${base}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64')}` },
    body,
  });
  const json = (await res.json()) as { access_token?: string };
  if (res.status !== 200 || !json.access_token) throw new Error(`token failed ${res.status} ${JSON.stringify(json)}`);
  return json.access_token;
}

export async function bearerGet(base: string, pathname: string, token: string, query: Record<string, string> = {}) {
  const qs = new URLSearchParams(query).toString();
  return fetch(`${base}${pathname}${qs ? `?${qs}` : ''}`, { headers: { Authorization: `Bearer ${token}` } });
}

export interface DecodedWav {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  samples: Int16Array;
}

/** Minimal RIFF reader for the test's own checks (independent of the server's encoder). */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o: number) => String.fromCharCode(...bytes.subarray(o, o + 4));
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV');
  let o = 12;
  let fmt: Omit<DecodedWav, 'samples'> | undefined;
  while (o + 8 <= bytes.length) {
    const size = view.getUint32(o + 4, true);
    if (tag(o) === 'fmt ') {
      fmt = {
        channels: view.getUint16(o + 10, true),
        sampleRate: view.getUint32(o + 12, true),
        bitsPerSample: view.getUint16(o + 22, true),
      };
    } else if (tag(o) === 'data') {
      if (!fmt) throw new Error('data before fmt');
      const samples = new Int16Array(size / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(o + 8 + i * 2, true);
      return { ...fmt, samples };
    }
    o += 8 + size + (size & 1);
  }
  throw new Error('no data chunk');
}

/** The JSON error shape of the API, asserted in one place. */
export async function expectApiError(res: Response, status: number, code: string): Promise<void> {
  const text = await res.text();
  let body: { status?: string; code?: string; message?: string };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`expected JSON error ${status}/${code}, got ${res.status}: ${text.slice(0, 200)}`);
  }
  if (res.status !== status || body.status !== 'error' || body.code !== code || typeof body.message !== 'string') {
    throw new Error(`expected ${status}/${code}, got ${res.status} ${text.slice(0, 300)}`);
  }
}
