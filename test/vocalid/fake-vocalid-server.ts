// A small in-memory stand-in for the VocaliD HTTP API, for client unit tests: records every request and
// answers from per-path handlers that tests replace to inject failures.
import { DEFAULT_SETTINGS, type Settings } from '../../utils/settings/settings-schema';
import { silentWav } from '../playback/wav-fixture';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export type Handler = (req: RecordedRequest, signal?: AbortSignal | null) => Response | Promise<Response>;

export function wav(bytes = 64): ArrayBuffer {
  return silentWav({ dataBytes: bytes });
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** Settings for this server with client credentials (the release default is PKCE; most client tests are not). */
export function clientCredentialsSettings(): Settings {
  return {
    ...DEFAULT_SETTINGS,
    baseUrl: 'http://127.0.0.1:8787',
    authMethod: 'client_credentials',
    clientId: 'demo-client',
    scopes: ['voice:synthesis'],
  };
}

export function createFakeServer() {
  const requests: RecordedRequest[] = [];
  let tokenSeq = 0;
  const handlers = new Map<string, Handler>();

  handlers.set('/api/v1/oauth/token', () =>
    json({ access_token: `tok-${++tokenSeq}`, token_type: 'Bearer', expires_in: 3600, scope: 'voice:synthesis' }),
  );
  handlers.set('/api/v1/oauth/revoke', () => new Response('', { status: 200 }));
  handlers.set('/api/v1/oauth/introspect', (req) =>
    json({
      active: new URLSearchParams(req.body).get('token')?.startsWith('tok-') ?? false,
      scope: 'voice:synthesis',
      client_id: 'demo-client',
    }),
  );
  handlers.set('/api/v1/external/synthesis/', () => new Response(wav(), { headers: { 'content-type': 'audio/wav' } }));
  handlers.set('/api/v1/external/voices/list/', () =>
    json({
      voices: [
        {
          account_id: null,
          can_download: true,
          can_stream: true,
          download_token: '123456',
          expiration: null,
          synthesis_count: 8,
          voice_id: '7890123',
          name: 'Ada',
        },
        {
          account_id: '5',
          can_download: false,
          can_stream: false,
          download_token: 'x',
          expiration: '2030-01-01T00:00:00Z',
          synthesis_count: 0,
          voice_id: '1',
        },
        { voice_id: 'broken' },
      ],
    }),
  );
  handlers.set('/api/v1/external/user/info/', () => json({ nickname: 'Nick' }));

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const body = init?.body == null ? '' : typeof init.body === 'string' ? init.body : String(init.body);
    const req: RecordedRequest = { method: init?.method ?? 'GET', url, headers: new Headers(init?.headers), body };
    requests.push(req);
    if (init?.signal?.aborted) throw init.signal.reason;
    const handler = handlers.get(url.pathname);
    if (!handler) return json({ status: 'error', message: 'Not found.', code: 'not_found' }, 404);
    return handler(req, init?.signal);
  };

  return {
    fetch,
    requests,
    handlers,
    tokenRequests: () => requests.filter((r) => r.url.pathname === '/api/v1/oauth/token'),
    apiRequests: () => requests.filter((r) => r.url.pathname.startsWith('/api/v1/external/')),
  };
}
