import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error shape of the API (api-decisions.md "Errors"). */
export interface ApiErrorBody {
  status: 'error';
  message: string;
  code: string;
}

/** Throw from anywhere inside a request; app.onError turns it into the JSON error response. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Response {
  const body: ApiErrorBody = { status: 'error', message, code };
  return c.json(body, status, headers);
}
