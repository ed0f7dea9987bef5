// Client of the local server's test API (`/__test/`, on only with testFaults): its request log and fault rules.
// Contract: docs/architecture.md, "Test automation API".

export interface LoggedRequest {
  id: number | string;
  at: number | string;
  method: string;
  path: string;
  query: unknown;
  status: number;
  ms: number;
  /** A streamed body: until its last byte left (server/src/testing/request-log.ts). */
  bodyMs?: number;
  auth: 'hmac' | 'bearer' | null;
}

export async function serverRequests(server: { url: string }): Promise<LoggedRequest[]> {
  const res = await fetch(`${server.url}/__test/requests`);
  if (!res.ok) throw new Error(`GET /__test/requests → ${res.status}`);
  const body = (await res.json()) as { requests: LoggedRequest[] };
  return body.requests;
}

export async function clearServerRequests(server: { url: string }): Promise<void> {
  const res = await fetch(`${server.url}/__test/requests`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`DELETE /__test/requests → ${res.status}`);
}

export async function setServerFaults(server: { url: string }, rules: Record<string, unknown>[]): Promise<void> {
  const res = await fetch(`${server.url}/__test/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });
  if (!res.ok) throw new Error(`PUT /__test/faults → ${res.status}`);
}

/** The log's `query` is specified only by name: accept a raw query string or an already-parsed object. */
export function queryParams(query: unknown): Record<string, string> {
  if (typeof query === 'string') return Object.fromEntries(new URLSearchParams(query.replace(/^\?/, '')));
  if (query && typeof query === 'object') {
    return Object.fromEntries(Object.entries(query as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  }
  return {};
}

export const SYNTHESIS_PATH = /^\/api\/v1\/external\/synthesis\/?$/;

export interface SynthesisRequest {
  /** When the server finished answering (the request log is written then). */
  at: number;
  /** When the request reached the server. */
  arrivedAt: number;
  status: number;
  auth: LoggedRequest['auth'];
  script: string;
  pitch: number;
  rate: number;
  params: Record<string, string>;
}

export async function synthesisRequests(server: { url: string }): Promise<SynthesisRequest[]> {
  return (await serverRequests(server))
    .filter((r) => r.method === 'GET' && SYNTHESIS_PATH.test(r.path))
    .map((r) => {
      const params = queryParams(r.query);
      const at = typeof r.at === 'number' ? r.at : Date.parse(r.at);
      return {
        at,
        arrivedAt: at - r.ms,
        status: r.status,
        auth: r.auth,
        script: params.script ?? '',
        // Absent means the documented default of 1.
        pitch: params.pitch === undefined ? 1 : Number(params.pitch),
        rate: params.rate === undefined ? 1 : Number(params.rate),
        params,
      };
    });
}

export async function tokenRequests(server: { url: string }): Promise<LoggedRequest[]> {
  return (await serverRequests(server)).filter((r) => /^\/api\/v1\/oauth\/token\/?$/.test(r.path));
}

/**
 * The moment from which a request counts as asked for after what the test has just seen (a stop, an ended reading).
 * The server runs in the test's own process, and logs a request as arriving when this process's event loop gets to
 * it: a request already on the wire when the extension stopped can be taken up after the test's own code saw the
 * stop (failed once in CI, Firefox: "Seven blue cups." logged 16 ms before its answer, after the test's clock).
 * Two round trips of our own, after a short wait, let whatever was waiting be taken up first.
 */
export async function requestsSettledAt(server: { url: string }): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  await serverRequests(server);
  await serverRequests(server);
  return Date.now();
}
