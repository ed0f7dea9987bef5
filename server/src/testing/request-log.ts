import type { AuthScheme } from '../context';

export interface LoggedRequest {
  id: number;
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  /** Until the handler answered (the status line and headers). */
  ms: number;
  /** A streamed synthesis body (synthesis-pacing.ts): until its last byte was handed to the connection. */
  bodyMs?: number;
  auth: AuthScheme | null;
}

/** Query parameters that are credentials; the log keeps their names but never their values. */
const SECRET_PARAMS = new Set([
  'client_secret',
  'token',
  'access_token',
  'refresh_token',
  'code',
  'code_verifier',
  'password',
  'csrf',
]);
const MAX_ENTRIES = 5000;

/** In-memory log of API requests for end-to-end tests (test-faults mode only). */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private nextId = 1;

  /** Returns the entry as stored, so that what is learnt later (a streamed body's end) can be added to it. */
  add(entry: Omit<LoggedRequest, 'id' | 'query'> & { query: URLSearchParams }): LoggedRequest {
    const query: Record<string, string> = {};
    for (const [k, v] of entry.query) if (!(k in query)) query[k] = SECRET_PARAMS.has(k) ? '[redacted]' : v;
    const stored = { ...entry, id: this.nextId++, query };
    this.entries.push(stored);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return stored;
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
