import { i18n } from '../i18n/i18n';
import { formatNumber } from '../i18n/locale-format';
import { isolate } from '../text/bidi-isolate';
import { parseRetryAfter } from './retry-after';

export type ApiErrorAction = 'sign-in' | 'settings' | 'retry';

export interface VocalidApiErrorInit {
  /** HTTP status, or 0 when no response arrived (network error, timeout, local check). */
  status: number;
  code: string;
  /** Technical detail for logs and developers; never contains secrets. */
  message: string;
  /** One or two sentences a person understands, saying what happened and what to do next. */
  userMessage: string;
  retryable?: boolean;
  retryAfterMs?: number;
  action?: ApiErrorAction;
  cause?: unknown;
}

export class VocalidApiError extends Error {
  override name = 'VocalidApiError';
  readonly status: number;
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly userMessage: string;
  readonly action?: ApiErrorAction;

  constructor(init: VocalidApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable ?? false;
    this.userMessage = init.userMessage;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.action !== undefined) this.action = init.action;
  }
}

export function isVocalidApiError(value: unknown): value is VocalidApiError {
  return value instanceof VocalidApiError;
}

const MAX_DETAIL_CHARS = 300;

interface BodyDetail {
  code?: string;
  detail?: string;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL_CHARS ? `${oneLine.slice(0, MAX_DETAIL_CHARS - 1)}…` : oneLine;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  // FastAPI-style validation errors: detail: [{ msg: '...' }, ...]
  if (Array.isArray(value)) {
    const parts = value
      .map((v) => (typeof v === 'string' ? v : textOf((v as { msg?: unknown } | null)?.msg)))
      .filter(Boolean);
    return parts.length ? parts.join('; ') : undefined;
  }
  return undefined;
}

function detailFromJson(data: unknown): BodyDetail {
  if (typeof data !== 'object' || data === null) return {};
  const d = data as Record<string, unknown>;
  const out: BodyDetail = {};
  // { status: 'error', message, code } (the API's shape) and RFC 6749 { error, error_description }.
  if (typeof d.code === 'string') out.code = d.code;
  else if (typeof d.error === 'string') out.code = d.error;
  const detail = textOf(d.message) ?? textOf(d.error_description) ?? textOf(d.detail) ?? textOf(d.error);
  if (detail !== undefined) out.detail = clip(detail);
  return out;
}

function detailFromHtml(html: string): string | undefined {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const pick = title ?? h1 ?? html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ');
  const stripped = pick
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
  const clipped = clip(stripped);
  return clipped === '' ? undefined : clipped;
}

async function readDetail(res: Response): Promise<BodyDetail> {
  let text: string;
  try {
    text = await res.text();
  } catch {
    return {};
  }
  const trimmed = text.trim();
  if (trimmed === '') return {};
  const type = res.headers.get('content-type') ?? '';
  if (/json/i.test(type) || /^[[{]/.test(trimmed)) {
    try {
      return detailFromJson(JSON.parse(trimmed));
    } catch {
      // Not JSON after all: fall through to text/HTML handling.
    }
  }
  if (/html/i.test(type) || /^<(!doctype|html|head|body)/i.test(trimmed)) return { detail: detailFromHtml(trimmed) };
  return { detail: clip(trimmed) };
}

function originOf(res: Response, fallback?: string): string {
  if (fallback) return fallback;
  try {
    return res.url ? new URL(res.url).origin : i18n.t('reading.api.configuredAddress');
  } catch {
    return i18n.t('reading.api.configuredAddress');
  }
}

const SIGN_IN_CODES = new Set(['invalid_client', 'invalid_grant', 'unauthorized_client', 'invalid_token']);

/**
 * Builds a VocalidApiError from a non-2xx response, whatever the body looks like (the API's JSON, RFC 6749
 * JSON, `{detail}`, plain text, an HTML error page from a proxy). Consumes the body.
 */
export async function parseErrorResponse(
  res: Response,
  context: { origin?: string; now?: number } = {},
): Promise<VocalidApiError> {
  const { code: bodyCode, detail } = await readDetail(res);
  const status = res.status;
  // Isolated: an address or a server's English words inside a right-to-left sentence keep their own order.
  const origin = isolate(originOf(res, context.origin));
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), context.now ?? Date.now());
  const message = `VocaliD ${status}${bodyCode ? ` ${bodyCode}` : ''}${detail ? `: ${detail}` : ''}`;
  const base = { status, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  // The server's own words, put in the sentence by the message (a sentence with and one without them).
  const stripped = detail?.replace(/[.\s]+$/, '');
  const shown = stripped ? isolate(stripped) : undefined;

  if (status === 401 || (bodyCode !== undefined && SIGN_IN_CODES.has(bodyCode))) {
    return new VocalidApiError({
      ...base,
      code: bodyCode ?? 'unauthorized',
      action: 'sign-in',
      userMessage: shown
        ? i18n.t('reading.api.signInRejectedDetail', { detail: shown })
        : i18n.t('reading.api.signInRejected'),
    });
  }
  if (status === 403) {
    const scope = bodyCode === 'insufficient_scope';
    return new VocalidApiError({
      ...base,
      code: bodyCode ?? 'forbidden',
      action: 'settings',
      userMessage: scope
        ? shown
          ? i18n.t('reading.api.scopeMissingDetail', { detail: shown })
          : i18n.t('reading.api.scopeMissing')
        : shown
          ? i18n.t('reading.api.refusedDetail', { detail: shown })
          : i18n.t('reading.api.refused'),
    });
  }
  if (status === 404) {
    return new VocalidApiError({
      ...base,
      code: bodyCode ?? 'not_found',
      action: 'settings',
      userMessage: i18n.t('reading.api.notFound', { origin }),
    });
  }
  if (status === 413) {
    return new VocalidApiError({
      ...base,
      code: bodyCode ?? 'payload_too_large',
      userMessage: i18n.t('reading.api.tooLarge'),
    });
  }
  if (status === 429) {
    return new VocalidApiError({
      ...base,
      code: bodyCode ?? 'rate_limited',
      retryable: true,
      action: 'retry',
      userMessage:
        retryAfterMs !== undefined
          ? i18n.t('reading.api.rateLimitedWait', {
              seconds: formatNumber(Math.max(1, Math.ceil(retryAfterMs / 1000))),
            })
          : i18n.t('reading.api.rateLimited'),
    });
  }
  if (status === 408 || (status >= 500 && status !== 501 && status !== 505)) {
    return new VocalidApiError({
      ...base,
      code: bodyCode ?? (status === 503 ? 'unavailable' : status === 408 ? 'timeout' : 'server_error'),
      retryable: true,
      action: 'retry',
      userMessage: i18n.t('reading.api.serverTrouble', { origin, status: String(status) }),
    });
  }
  if (status >= 500) {
    return new VocalidApiError({
      ...base,
      code: bodyCode ?? 'server_error',
      action: 'settings',
      userMessage: i18n.t('reading.api.serverCannot', { origin, status: String(status) }),
    });
  }
  if (bodyCode === 'invalid_scope') {
    return new VocalidApiError({
      ...base,
      code: bodyCode,
      action: 'settings',
      userMessage: shown
        ? i18n.t('reading.api.invalidScopeDetail', { detail: shown })
        : i18n.t('reading.api.invalidScope'),
    });
  }
  return new VocalidApiError({
    ...base,
    code: bodyCode ?? (status >= 400 ? 'bad_request' : 'unexpected_status'),
    userMessage: shown
      ? i18n.t('reading.api.notAcceptedDetail', { detail: shown })
      : i18n.t('reading.api.notAccepted', { status: String(status) }),
  });
}

/** The request never got an answer: DNS, refused connection, TLS, CORS or host permission. */
export function networkError(origin: string, cause?: unknown): VocalidApiError {
  return new VocalidApiError({
    status: 0,
    code: 'network',
    retryable: true,
    action: 'retry',
    message: `Network error reaching ${origin}${cause instanceof Error ? `: ${cause.message}` : ''}`,
    userMessage: i18n.t('reading.api.unreachable', { origin: isolate(origin) }),
    cause,
  });
}

export function timeoutError(origin: string, timeoutMs: number): VocalidApiError {
  return new VocalidApiError({
    status: 0,
    code: 'timeout',
    retryable: true,
    action: 'retry',
    message: `No complete answer from ${origin} within ${timeoutMs} ms`,
    userMessage: i18n.t('reading.api.notAnswering', { origin: isolate(origin) }),
  });
}

/** A problem found before sending anything: the settings or credentials are incomplete or wrong. */
export function configError(code: string, userMessage: string): VocalidApiError {
  return new VocalidApiError({ status: 0, code, action: 'settings', message: userMessage, userMessage });
}
