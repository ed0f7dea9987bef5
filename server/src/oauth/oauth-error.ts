import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** RFC 6749 §5.2 error for the token, revoke and introspect endpoints; app.onError renders it. */
export class OAuthError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly error: string,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  toJSON() {
    return { error: this.error, error_description: this.description };
  }
}
