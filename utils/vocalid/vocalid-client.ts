import { secretFor, secretsForServer, type Secrets } from '../settings/secrets-store';
import { isolate } from '../text/bidi-isolate';
import { i18n } from '../i18n/i18n';
import type { SampleRate, Settings } from '../settings/settings-schema';
import { getSettings } from '../settings/settings-store';
import { codePointLength, normalizeText } from '../text/normalize-text';
import { configError, parseErrorResponse, VocalidApiError } from './api-error';
import { requireServerUrl, type ServerUrl } from './base-url';
import { boundedRequest, DEFAULT_TIMEOUT_MS } from './bounded-request';
import { signRequest } from './hmac-signer';
import { createOAuthClient, type IntrospectionResult, type OAuthClient } from './oauth-client';
import { createPkceTokenSource, type PkceTokenSourceOptions } from './pkce-token-source';
import { withRetry, type RetryOptions } from './retry-policy';
import { MAX_SCRIPT_CODE_POINTS } from './script-limit';
import { WavStreamReader, type PcmFormat } from '../playback/wav-stream-reader';

export const SYNTHESIS_PATH = '/api/v1/external/synthesis/';
export const VOICES_PATH = '/api/v1/external/voices/list/';
export const USER_INFO_PATH = '/api/v1/external/user/info/';
export { MAX_SCRIPT_CODE_POINTS } from './script-limit';

/** One entry of `voices/list`, as documented. */
export interface VoiceInfo {
  account_id: string | null;
  can_download: boolean;
  can_stream: boolean;
  download_token: string;
  expiration: string | null;
  synthesis_count: number;
  voice_id: string;
  filename?: string;
  model_name?: string;
  name?: string;
}

export interface UserInfo {
  nickname: string | null;
}

export interface SynthesizeParams {
  script: string;
  downloadToken: string;
  pitch: number;
  rate: number;
  sampleRate: SampleRate;
  /** 'wav' (default) or '' for raw 16-bit little-endian mono PCM. */
  container?: 'wav' | '';
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Told before each retry, with the error that caused it (a reading shows "still trying"). */
  onRetry?: (error: unknown) => void;
  /**
   * Told once, when the first attempt's request has been handed to fetch: from then on the caller only waits for the
   * server, and work started now (a reading creates its player) no longer competes with preparing the request.
   */
  onSent?: () => void;
}

export interface StreamOptions extends CallOptions {
  /** Sample bytes already delivered (by a worker that died mid-stream): the request starts after them. */
  skipPcmBytes?: number;
  /** The samples' format, told once, before the first `onPcm`. */
  onFormat(format: PcmFormat): void | Promise<void>;
  /** The next whole frames of samples, in order, each sample exactly once across retries. */
  onPcm(pcm: Uint8Array): void | Promise<void>;
}

export interface VocalidClient {
  /** Audio bytes: a RIFF/WAVE file (or raw PCM for container ''). Throws VocalidApiError on any failure. */
  synthesize(params: SynthesizeParams, options?: CallOptions): Promise<ArrayBuffer>;
  /**
   * The WAV's samples as they arrive (utils/playback/wav-stream-reader.ts). An answer cut midway is asked for again
   * and the samples already delivered are skipped, so none is delivered twice or lost; resolves with the number of
   * sample bytes delivered in all (`skipPcmBytes` included) once the answer is complete.
   */
  synthesizeStream(params: Omit<SynthesizeParams, 'container'>, options: StreamOptions): Promise<number>;
  listVoices(options?: CallOptions): Promise<VoiceInfo[]>;
  userInfo(options?: CallOptions): Promise<UserInfo>;
  /** OAuth only: RFC 7662 data about the current access token. */
  introspect(options?: CallOptions): Promise<IntrospectionResult>;
  /** OAuth only: revokes and forgets the current access token (sign out). No-op in HMAC mode. */
  revoke(options?: CallOptions): Promise<void>;
  /**
   * Any other documented endpoint, answered with JSON (account, recording and build calls: account-api.ts,
   * recording-api.ts, voice-build-api.ts). POSTs are sent once, never retried: recording/save and build/new are
   * not idempotent, so their callers decide what a failure means.
   */
  requestJson(request: ApiRequest, options?: CallOptions): Promise<unknown>;
}

/** A request body as the docs describe it ("Requests"): JSON, or multipart with a `data` JSON field and a file. */
export type ApiBody =
  | { kind: 'json'; fields: Record<string, unknown> }
  | {
      kind: 'multipart';
      data: Record<string, unknown>;
      file: { field: string; filename: string; contentType: string; bytes: Uint8Array };
    };

export interface ApiRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: ApiBody;
}

/**
 * Settings and secrets are read from the stores on every call by default, so a change in Options applies
 * to the next request without rebuilding the client. Tests (and callers with their own source) inject them.
 */
export interface VocalidClientOptions {
  fetch?: typeof fetch;
  getSettings?: () => Promise<Settings>;
  getSecrets?: () => Promise<Secrets>;
  /** Per attempt, covering the response body too. */
  timeoutMs?: number;
  retry?: RetryOptions;
  now?: () => number;
  /** For tests: fixed nonces/timestamps in HMAC mode. */
  hmac?: { nonce?: () => string; timestamp?: () => string };
  /** For tests: where PKCE refresh tokens are read and written (default the secrets store). */
  pkceSecrets?: PkceTokenSourceOptions['secrets'];
}

type Query = Record<string, string>;

function badResponse(server: ServerUrl, status: number, code: string, detail: string): VocalidApiError {
  return new VocalidApiError({
    status,
    code,
    action: 'settings',
    message: `Unexpected response from ${server.origin}: ${detail}`,
    userMessage:
      code === 'bad_audio'
        ? i18n.t('reading.api.notAudio', { origin: isolate(server.origin) })
        : i18n.t('reading.api.notUnderstood', { origin: isolate(server.origin) }),
  });
}

function isWave(bytes: ArrayBuffer): boolean {
  if (bytes.byteLength < 12) return false;
  const view = new Uint8Array(bytes, 0, 12);
  const ascii = (from: number) => String.fromCharCode(...view.subarray(from, from + 4));
  return ascii(0) === 'RIFF' && ascii(8) === 'WAVE';
}

function toVoiceInfo(value: unknown): VoiceInfo | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.download_token !== 'string' || v.download_token === '') return undefined;
  const str = (x: unknown) => (typeof x === 'string' ? x : x == null ? null : String(x));
  const voice: VoiceInfo = {
    account_id: str(v.account_id),
    can_download: v.can_download === true,
    can_stream: v.can_stream === true,
    download_token: v.download_token,
    expiration: str(v.expiration),
    synthesis_count: typeof v.synthesis_count === 'number' ? v.synthesis_count : 0,
    voice_id: str(v.voice_id) ?? '',
  };
  if (typeof v.filename === 'string') voice.filename = v.filename;
  if (typeof v.model_name === 'string') voice.model_name = v.model_name;
  if (typeof v.name === 'string') voice.name = v.name;
  return voice;
}

export function createVocalidClient(options: VocalidClientOptions = {}): VocalidClient {
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const readSettings = options.getSettings ?? getSettings;
  // Secrets of another server are dropped here, and secretFor below sends a secret only to the server it belongs to.
  const readSecrets = (baseUrl: string): Promise<Secrets> =>
    options.getSecrets ? options.getSecrets() : secretsForServer(baseUrl);
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const oauthClient: OAuthClient = createOAuthClient({
    fetch: fetchImpl,
    now,
    timeoutMs,
    loadConfig: async () => {
      const settings = await readSettings();
      const secrets = await readSecrets(settings.baseUrl);
      return {
        baseUrl: settings.baseUrl,
        clientId: settings.clientId,
        clientSecret: secretFor(secrets, 'clientSecret', settings.baseUrl) ?? '',
        scopes: settings.scopes,
      };
    },
  });

  // "Sign in with VocaliD" (PKCE) tokens: renewed with the stored refresh token, never with a client secret.
  const pkceSource: OAuthClient = createPkceTokenSource({
    fetch: fetchImpl,
    now,
    timeoutMs,
    loadBaseUrl: async () => (await readSettings()).baseUrl,
    ...(options.pkceSecrets ? { secrets: options.pkceSecrets } : {}),
  });
  const tokenSourceFor = (settings: Settings): OAuthClient =>
    settings.authMethod === 'pkce' ? pkceSource : oauthClient;

  /** One attempt: authenticate, send, and on success hand the response to `read` (still under the deadline). */
  async function attempt<T>(
    settings: Settings,
    server: ServerUrl,
    request: ApiRequest,
    signal: AbortSignal | undefined,
    read: (res: Response, progressed: () => void) => Promise<T>,
    onSent?: () => void,
  ): Promise<T> {
    const { method, path } = request;
    const query = request.query ?? {};
    const hmacKey = settings.authMethod === 'hmac' ? settings.apiKey : undefined;
    // The api_key travels in the body of POSTs (api-decisions.md, HMAC); the body is encoded once per attempt so
    // the signature covers exactly the bytes sent.
    const body = request.body ? encodeBody(request.body, hmacKey) : undefined;
    const send = (headers: Record<string, string>, qs: string) =>
      boundedRequest(
        async (inner, progressed) => {
          const url = `${server.base}${path}${qs ? `?${qs}` : ''}`;
          const sent = fetchImpl(url, {
            method,
            headers: body ? { ...headers, 'Content-Type': body.contentType } : headers,
            ...(body ? { body: body.bytes as BodyInit } : {}),
            signal: inner,
            credentials: 'omit',
            cache: 'no-store',
          });
          onSent?.();
          const res = await sent;
          if (!res.ok) return { ok: false as const, res };
          return { ok: true as const, value: await read(res, progressed) };
        },
        { signal, timeoutMs, origin: server.origin },
      );

    const fail = async (res: Response) => parseErrorResponse(res, { origin: server.origin, now: now() });

    if (settings.authMethod === 'hmac') {
      const apiSecret = secretFor(await readSecrets(settings.baseUrl), 'apiSecret', settings.baseUrl);
      if (!settings.apiKey) throw configError('missing_api_key', i18n.t('reading.api.missingApiKey'));
      if (!apiSecret) throw configError('missing_api_secret', i18n.t('reading.api.missingApiSecret'));
      const qs = new URLSearchParams(method === 'GET' ? { ...query, api_key: settings.apiKey } : query).toString();
      // Sign exactly what goes on the wire: the path and query as the URL parser will serialise them.
      const wire = new URL(`${server.base}${path}${qs ? `?${qs}` : ''}`);
      const signed = await signRequest({
        method,
        path: wire.pathname,
        query: wire.search.slice(1),
        body: body?.bytes ?? '',
        secret: apiSecret,
        ...(options.hmac?.nonce ? { nonce: options.hmac.nonce() } : {}),
        ...(options.hmac?.timestamp ? { timestamp: options.hmac.timestamp() } : {}),
      });
      const result = await send({ Authorization: signed.authorization }, wire.search.slice(1));
      if (result.ok) return result.value;
      throw await fail(result.res);
    }

    const tokens = tokenSourceFor(settings);
    const qs = new URLSearchParams(query).toString();
    let token = await tokens.getAccessToken({ signal });
    let result = await send({ Authorization: `Bearer ${token}` }, qs);
    if (!result.ok && result.res.status === 401) {
      // The token may have been revoked or expired early: get a new one once, then give up.
      await result.res.body?.cancel().catch(() => undefined);
      await tokens.invalidate(token);
      token = await tokens.getAccessToken({ signal, forceRefresh: true });
      result = await send({ Authorization: `Bearer ${token}` }, qs);
    }
    if (result.ok) return result.value;
    throw await fail(result.res);
  }

  async function call<T>(
    path: string,
    query: Query,
    callOptions: CallOptions,
    read: (res: Response, server: ServerUrl, progressed: () => void) => Promise<T>,
  ) {
    return callRequest({ method: 'GET', path, query }, callOptions, read);
  }

  async function callRequest<T>(
    request: ApiRequest,
    callOptions: CallOptions,
    read: (res: Response, server: ServerUrl, progressed: () => void) => Promise<T>,
  ) {
    const settings = await readSettings();
    const server = requireServerUrl(settings.baseUrl);
    let told = false;
    const onSent = () => {
      if (told) return;
      told = true;
      callOptions.onSent?.();
    };
    return withRetry(
      () =>
        attempt(
          settings,
          server,
          request,
          callOptions.signal,
          (res, progressed) => read(res, server, progressed),
          onSent,
        ),
      {
        ...options.retry,
        ...(request.method === 'POST' ? { maxAttempts: 1 } : {}),
        ...(callOptions.onRetry ? { onRetry: (info: { error: unknown }) => callOptions.onRetry!(info.error) } : {}),
        signal: callOptions.signal,
      },
    );
  }

  /** The synthesis query, after the checks a request must pass before it is sent. */
  function synthesisQuery(params: SynthesizeParams): Query {
    const script = normalizeText(typeof params.script === 'string' ? params.script : '');
    if (script === '') throw configError('empty_script', i18n.t('reading.api.emptyScript'));
    const length = codePointLength(script);
    if (length > MAX_SCRIPT_CODE_POINTS) {
      throw new VocalidApiError({
        status: 0,
        code: 'script_too_long',
        message: `script has ${length} code points; the limit is ${MAX_SCRIPT_CODE_POINTS}`,
        userMessage: i18n.t('reading.api.scriptTooLong'),
      });
    }
    if (!params.downloadToken) throw configError('no_voice', i18n.t('reading.api.chooseVoice'));
    const container = params.container ?? 'wav';
    const query: Query = {
      download_token: params.downloadToken,
      script,
      pitch: String(params.pitch),
      rate: String(params.rate),
      sample_rate: String(params.sampleRate),
      container,
    };
    return query;
  }

  async function readJson(res: Response, server: ServerUrl): Promise<unknown> {
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      // i18n-ignore: the technical detail for logs and developers (badResponse gives the user its own sentence).
      throw badResponse(server, res.status, 'bad_response', `not JSON (${text.slice(0, 80)})`);
    }
  }

  return {
    async synthesize(params, callOptions = {}) {
      const container = params.container ?? 'wav';
      const query = synthesisQuery(params);
      return call(SYNTHESIS_PATH, query, callOptions, async (res, server) => {
        const bytes = await res.arrayBuffer();
        if (container === 'wav' ? !isWave(bytes) : bytes.byteLength % 2 !== 0) {
          // i18n-ignore: part of the technical detail below, for logs and developers.
          const type = res.headers.get('content-type') ?? 'no content type';
          throw badResponse(
            server,
            res.status,
            'bad_audio',
            // i18n-ignore: the technical detail for logs and developers.
            `${bytes.byteLength} bytes of ${type}, expected ${container || 'pcm'} audio`,
          );
        }
        return bytes;
      });
    },

    async synthesizeStream(params, streamOptions) {
      const query = synthesisQuery({ ...params, container: 'wav' });
      // Across attempts: what was delivered is never delivered again (a retry skips it).
      let delivered = Math.max(0, streamOptions.skipPcmBytes ?? 0);
      let formatTold = false;
      return call(SYNTHESIS_PATH, query, streamOptions, async (res, server, progressed) => {
        const reader = new WavStreamReader({ skipPcmBytes: delivered });
        const body = res.body?.getReader();
        const notAudio = () =>
          badResponse(
            server,
            res.status,
            'bad_audio',
            // i18n-ignore: the technical detail for logs and developers.
            `${res.headers.get('content-type') ?? 'no content type'}, expected wav audio`,
          );
        if (!body) throw notAudio();
        for (;;) {
          const { done, value } = await body.read();
          if (done) break;
          // The deadline is for the wait between pieces from here (bounded-request.ts).
          progressed();
          let pcm: Uint8Array;
          try {
            pcm = reader.push(value);
          } catch {
            await body.cancel().catch(() => undefined);
            throw notAudio();
          }
          if (!formatTold && reader.format) {
            formatTold = true;
            await streamOptions.onFormat(reader.format);
          }
          if (pcm.byteLength > 0) {
            delivered += pcm.byteLength;
            await streamOptions.onPcm(pcm);
          }
          if (reader.complete) {
            await body.cancel().catch(() => undefined);
            break;
          }
        }
        if (!reader.format) throw notAudio();
        // A body that ends short of the size its WAV header declared is still the whole answer: with Content-Length
        // or chunked framing (RFC 9112 §6.3) a cut connection fails the read instead, which bounded-request.ts turns
        // into a retryable network error. The header lied, as the whole-WAV path meets it too (wav-repair.ts); a
        // close-delimited body cut short cannot be told from its end on either path.
        return delivered;
      });
    },

    async listVoices(callOptions = {}) {
      return call(VOICES_PATH, {}, callOptions, async (res, server) => {
        const data = (await readJson(res, server)) as { voices?: unknown } | null;
        const list = Array.isArray(data) ? data : data?.voices;
        if (!Array.isArray(list))
          // i18n-ignore: the technical detail for logs and developers.
          throw badResponse(server, res.status, 'bad_response', 'voices/list without a "voices" list');
        return list.map(toVoiceInfo).filter((v): v is VoiceInfo => v !== undefined);
      });
    },

    async userInfo(callOptions = {}) {
      return call(USER_INFO_PATH, {}, callOptions, async (res, server) => {
        const data = (await readJson(res, server)) as { nickname?: unknown } | null;
        if (typeof data !== 'object' || data === null)
          // i18n-ignore: the technical detail for logs and developers.
          throw badResponse(server, res.status, 'bad_response', 'user/info is not an object');
        return { nickname: typeof data.nickname === 'string' ? data.nickname : null };
      });
    },

    async introspect(callOptions = {}) {
      const settings = await readSettings();
      if (settings.authMethod === 'hmac') {
        throw configError('unsupported_auth', i18n.t('reading.api.tokenDetailsOAuthOnly'));
      }
      return tokenSourceFor(settings).introspect(undefined, callOptions);
    },

    async revoke(callOptions = {}) {
      const settings = await readSettings();
      if (settings.authMethod === 'hmac') return;
      await tokenSourceFor(settings).revoke(undefined, callOptions);
    },

    requestJson(request, callOptions = {}) {
      return callRequest(request, callOptions, readJson);
    },
  };
}

const encoder = new TextEncoder();

/** The body's bytes and content type; `apiKey` (HMAC only) goes into the JSON fields or the multipart `data`. */
export function encodeBody(body: ApiBody, apiKey?: string): { bytes: Uint8Array; contentType: string } {
  const withKey = (fields: Record<string, unknown>) => (apiKey ? { ...fields, api_key: apiKey } : fields);
  if (body.kind === 'json') {
    return { bytes: encoder.encode(JSON.stringify(withKey(body.fields))), contentType: 'application/json' };
  }
  // Built by hand (RFC 7578) rather than with FormData: an HMAC signature needs the exact bytes before sending.
  const boundary = `----vocalid${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  const quoted = (text: string) => text.replace(/["\r\n\\]/g, '_');
  const head = encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(withKey(body.data))}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(body.file.field)}"; filename="${quoted(body.file.filename)}"\r\n` +
      `Content-Type: ${body.file.contentType}\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const bytes = new Uint8Array(head.length + body.file.bytes.length + tail.length);
  bytes.set(head, 0);
  bytes.set(body.file.bytes, head.length);
  bytes.set(tail, head.length + body.file.bytes.length);
  return { bytes, contentType: `multipart/form-data; boundary=${boundary}` };
}
