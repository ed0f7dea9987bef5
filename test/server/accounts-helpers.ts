import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createHmacKey } from '../../server/src/auth/hmac-key-store';
import { createUser } from '../../server/src/auth/user-store';
import { startServer } from '../../server/src/start-server';
import { encodeWav, voicedSpeech } from './audio/synthetic-signals';

export type Scheme = 'bearer' | 'hmac';
export const SCHEMES: Scheme[] = ['bearer', 'hmac'];
export const ALL_SCOPES = 'user:info external_account voice:list voice:synthesis voice:download voice_build';

export interface TestServer {
  url: string;
  dataDir: string;
  server: Awaited<ReturnType<typeof startServer>>;
  close(): Promise<void>;
}

/** A real server on a free port over a fresh temp data dir, in dev mode (demo credentials seeded). */
export async function startTestServer(
  dataDir = mkdtempSync(path.join(tmpdir(), 'vocalid-accounts-')),
): Promise<TestServer> {
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, dev: true, quiet: true, speechWorkers: 1 });
  return {
    url: server.url,
    dataDir,
    server,
    async close() {
      await server.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The server of a whole test file: reads like a TestServer, and follows restarts. */
export interface FileServer extends TestServer {
  /** Stops the server and starts a new one over the same data dir, as a restarted process would. */
  restart(): Promise<void>;
}

/**
 * Registers beforeAll (start a server over a fresh data dir) and afterAll (stop it, remove the data dir) for the
 * calling test file, and returns the server. Call at the top level of the file.
 */
export function useTestServer(): FileServer {
  let current: TestServer | undefined;
  const running = (): TestServer => {
    if (!current) throw new Error('useTestServer: the server is not started yet (its beforeAll has not run)');
    return current;
  };
  beforeAll(async () => {
    current = await startTestServer();
  });
  afterAll(async () => {
    if (!current) return;
    await current.close();
    removeDir(current.dataDir);
  });
  return {
    get url() {
      return running().url;
    },
    get dataDir() {
      return running().dataDir;
    },
    get server() {
      return running().server;
    },
    close: () => running().close(),
    async restart() {
      const { dataDir } = running();
      await running().close();
      current = await startTestServer(dataDir);
    },
  };
}

export interface RequestOptions {
  query?: Record<string, string>;
  json?: Record<string, unknown>;
  /** Sent as multipart: `data` JSON field plus a `file` part. */
  multipart?: { data: Record<string, unknown>; file?: Uint8Array; filename?: string };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** Talks to the server with one auth scheme, as a real client would (HMAC signed per api-decisions.md). */
export class ApiClient {
  private token: string | null = null;

  constructor(
    readonly baseUrl: string,
    readonly scheme: Scheme,
    private readonly credentials = {
      clientId: 'demo-client',
      clientSecret: 'demo-secret',
      apiKey: 'demo-key',
      apiSecret: 'demo-secret',
    },
    private readonly scope = ALL_SCOPES,
  ) {}

  async bearerToken(): Promise<string> {
    if (this.token) return this.token;
    const basic = Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`).toString('base64');
    const response = await fetch(`${this.baseUrl}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: this.scope }).toString(),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!response.ok || !body.access_token)
      throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
    this.token = body.access_token;
    return this.token;
  }

  async request(method: 'GET' | 'POST', pathname: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const hmac = this.scheme === 'hmac';
    const query = new URLSearchParams(options.query ?? {});
    if (hmac && method === 'GET') query.set('api_key', this.credentials.apiKey);
    const headers: Record<string, string> = {};
    let body: Uint8Array = new Uint8Array();
    if (options.json) {
      const json = hmac ? { ...options.json, api_key: this.credentials.apiKey } : options.json;
      body = new TextEncoder().encode(JSON.stringify(json));
      headers['content-type'] = 'application/json';
    } else if (options.multipart) {
      const form = new FormData();
      const data = hmac ? { ...options.multipart.data, api_key: this.credentials.apiKey } : options.multipart.data;
      form.set('data', JSON.stringify(data));
      if (options.multipart.file) {
        form.set(
          'file',
          new Blob([Buffer.from(options.multipart.file)], { type: 'audio/wav' }),
          options.multipart.filename ?? 'take.wav',
        );
      }
      // Serialise once so the signed bytes are exactly the sent bytes.
      const encoded = new Request('http://encode.invalid/', { method: 'POST', body: form });
      body = new Uint8Array(await encoded.arrayBuffer());
      headers['content-type'] = encoded.headers.get('content-type') ?? '';
    }
    const queryString = query.toString();
    if (hmac) {
      headers.authorization = hmacHeader(this.credentials.apiSecret, method, pathname, queryString, body);
    } else {
      headers.authorization = `Bearer ${await this.bearerToken()}`;
    }
    const response = await fetch(`${this.baseUrl}${pathname}${queryString ? `?${queryString}` : ''}`, {
      method,
      headers,
      body: method === 'GET' ? undefined : Buffer.from(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Non-JSON bodies stay text; tests assert on them where that matters.
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }
}

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Written from api-decisions.md "HMAC", independently of the server's implementation. */
export function hmacHeader(secret: string, method: string, pathname: string, query: string, body: Uint8Array): string {
  const nonce = `${Date.now()}${randomBytes(8).toString('hex')}`;
  const timestamp = new Date().toISOString().replace('Z', '');
  const toSign = `${method}\n${pathname}\n${query}\n${nonce}\n${sha256Hex(body)}\n${timestamp}`;
  const signature = createHmac('sha256', Buffer.from(secret, 'latin1')).update(sha256Hex(toSign)).digest('hex');
  return `signature=${signature}, nonce=${nonce}, timestamp=${timestamp}`;
}

/** A well-levelled recording of a synthetic speaker: `words` syllables at `f0Hz`, 16-bit mono 16 kHz. */
export function speakerWav(f0Hz: number, words = 6, sampleRate = 16_000): Uint8Array {
  return encodeWav([voicedSpeech({ f0Hz, words, sampleRate, peakDbfs: -6 })], sampleRate, '16');
}

export async function registerAccount(client: ApiClient): Promise<string> {
  const response = await client.request('POST', '/api/v1/external/account/register/', {
    json: { gender: 'other', age: '30' },
  });
  if (response.status !== 200) throw new Error(`register failed: ${response.text}`);
  return (response.body as { account_id: string }).account_id;
}

export async function saveRecording(
  client: ApiClient,
  accountId: string,
  file: Uint8Array,
  sentence: string,
): Promise<ApiResponse> {
  return client.request('POST', '/api/v1/external/recording/save/', {
    multipart: { data: { account_id: accountId, sentence }, file },
  });
}

export async function waitForBuild(
  client: ApiClient,
  buildId: string,
  timeoutMs = 20_000,
): Promise<{ status: string; voice_id?: string; account_id: string; build_id: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await client.request('GET', '/api/v1/external/build/status/', { query: { build_id: buildId } });
    const [build] = response.body as { status: string; voice_id?: string; account_id: string; build_id: string }[];
    if (build && build.status !== 'PENDING') return build;
    if (Date.now() > deadline) throw new Error(`build ${buildId} still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A second user with its own HMAC key, to show that one user cannot reach another's data. */
export function createOtherUser(server: TestServer, baseUrl = server.url): ApiClient {
  const db = server.server.ctx.db;
  const user = createUser(db, { nickname: 'Other' });
  const apiKey = `other-${randomBytes(4).toString('hex')}`;
  createHmacKey(db, { apiKey, secret: 'other-secret', userId: user.id, scopes: ALL_SCOPES.split(' ') });
  return new ApiClient(baseUrl, 'hmac', { clientId: '', clientSecret: '', apiKey, apiSecret: 'other-secret' });
}

/** The user behind the demo credentials (the same for demo-client and demo-key). */
export function demoUserId(server: TestServer): string {
  return server.server.ctx.db
    .prepare("SELECT user_id FROM hmac_keys WHERE api_key = 'demo-key'")
    .pluck()
    .get() as string;
}
