import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { ApiError } from './api-error';

export interface RequestParams {
  params: Record<string, unknown>;
  files: Record<string, File>;
}

/** The raw request bytes, read once (the raw-body middleware normally has done it already). */
export async function getRawBody(c: Context<AppEnv>): Promise<Uint8Array> {
  const cached = c.get('rawBody');
  if (cached) return cached;
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  c.set('rawBody', bytes);
  return bytes;
}

export function queryParams(c: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(c.req.url).searchParams) {
    // The first occurrence wins so a value appended later cannot override a signed one.
    if (!(key in out)) out[key] = value;
  }
  return out;
}

function parseJsonObject(text: string, where: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', `${where} is not valid JSON.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ApiError(400, 'invalid_json', `${where} must be a JSON object.`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Parameters as the API documents them: the query for GET, the JSON object for `application/json`, and the JSON
 * under the `data` field plus the file parts for `multipart/form-data`. Query parameters are the base for POSTs too;
 * body values win.
 */
export async function readParams(c: Context<AppEnv>): Promise<RequestParams> {
  const params: Record<string, unknown> = { ...queryParams(c) };
  const files: Record<string, File> = {};
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return { params, files };

  const body = await getRawBody(c);
  const contentType = (c.req.header('content-type') ?? '').toLowerCase();
  const text = () => new TextDecoder().decode(body);

  if (contentType.startsWith('application/json')) {
    if (body.length > 0) Object.assign(params, parseJsonObject(text(), 'The request body'));
  } else if (contentType.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Request('http://body.invalid/', {
        method: 'POST',
        headers: { 'content-type': c.req.header('content-type') ?? '' },
        body: body as Uint8Array<ArrayBuffer>,
      }).formData();
    } catch {
      throw new ApiError(400, 'invalid_multipart', 'The multipart/form-data body could not be parsed.');
    }
    for (const [key, value] of form) {
      if (typeof value === 'string') {
        if (key !== 'data') params[key] = value;
      } else if (!(key in files)) {
        files[key] = value;
      }
    }
    const data = form.get('data');
    if (typeof data === 'string') Object.assign(params, parseJsonObject(data, 'The `data` field'));
    else if (data !== null) throw new ApiError(400, 'invalid_multipart', 'The `data` field must be text (JSON).');
  } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const seen = new Set<string>();
    for (const [key, value] of new URLSearchParams(text())) {
      if (seen.has(key)) continue;
      seen.add(key);
      params[key] = value;
    }
  } else if (body.length > 0) {
    throw new ApiError(415, 'unsupported_media_type', 'Send application/json or multipart/form-data.');
  }
  return { params, files };
}
