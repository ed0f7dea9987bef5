import { describe, expect, it } from 'vitest';
import { networkError, parseErrorResponse, timeoutError } from '../../utils/vocalid/api-error';
import { parseRetryAfter } from '../../utils/vocalid/retry-after';

const origin = 'https://vocalid.co';

function response(body: string, status: number, type?: string, headers: Record<string, string> = {}) {
  return new Response(body, { status, headers: { ...(type ? { 'content-type': type } : {}), ...headers } });
}

describe('parseErrorResponse body shapes', () => {
  it('reads the API shape {status, message, code}', async () => {
    const err = await parseErrorResponse(
      response(
        '{"status":"error","message":"account already has a voice build pending.","code":"build_pending"}',
        409,
        'application/json',
      ),
      { origin },
    );
    expect(err.code).toBe('build_pending');
    expect(err.message).toContain('account already has a voice build pending.');
    expect(err.userMessage).toContain('account already has a voice build pending');
    expect(err.retryable).toBe(false);
  });

  it('reads RFC 6749 {error, error_description}', async () => {
    const err = await parseErrorResponse(
      response('{"error":"invalid_scope","error_description":"voice:admin is unknown"}', 400, 'application/json'),
      { origin },
    );
    expect(err.code).toBe('invalid_scope');
    expect(err.action).toBe('settings');
    expect(err.userMessage).toContain('voice:admin is unknown');
  });

  it('reads {detail} as a string or a validation list', async () => {
    const a = await parseErrorResponse(
      response('{"detail":"Authentication credentials were not provided."}', 401, 'application/json'),
      { origin },
    );
    expect(a.action).toBe('sign-in');
    expect(a.message).toContain('Authentication credentials were not provided.');
    const b = await parseErrorResponse(
      response('{"detail":[{"msg":"field required"},{"msg":"bad rate"}]}', 422, 'application/json'),
      { origin },
    );
    expect(b.message).toContain('field required; bad rate');
  });

  it('reads plain text and HTML pages', async () => {
    const text = await parseErrorResponse(response('upstream connect error', 503, 'text/plain'), { origin });
    expect(text.message).toContain('upstream connect error');
    const html = await parseErrorResponse(
      response(
        '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Oops</h1></body></html>',
        404,
        'text/html',
      ),
      { origin },
    );
    expect(html.message).toContain('404 Not Found');
    expect(html.message).not.toContain('<');
    expect(html.userMessage).toBe(
      'The server at https://vocalid.co does not offer this VocaliD feature (404). Check the server address in Options.',
    );
  });

  it('survives an empty body and JSON-looking garbage', async () => {
    expect((await parseErrorResponse(response('', 500), { origin })).code).toBe('server_error');
    expect((await parseErrorResponse(response('{not json', 400, 'application/json'), { origin })).message).toContain(
      '{not json',
    );
  });

  it('clips very long bodies', async () => {
    const err = await parseErrorResponse(response('x'.repeat(10_000), 500, 'text/plain'), { origin });
    expect(err.message.length).toBeLessThan(400);
  });
});

describe('parseErrorResponse status mapping', () => {
  it.each([
    [401, 'sign-in', false],
    [403, 'settings', false],
    [404, 'settings', false],
    [413, undefined, false],
    [429, 'retry', true],
    [500, 'retry', true],
    [502, 'retry', true],
    [503, 'retry', true],
    [504, 'retry', true],
    [501, 'settings', false],
  ])('%i → action %s, retryable %s', async (status, action, retryable) => {
    const err = await parseErrorResponse(response('', status), { origin });
    expect(err.status).toBe(status);
    expect(err.action).toBe(action);
    expect(err.retryable).toBe(retryable);
    expect(err.userMessage.length).toBeGreaterThan(20);
  });

  it('explains a missing scope', async () => {
    const err = await parseErrorResponse(
      response('{"status":"error","message":"needs voice:list","code":"insufficient_scope"}', 403, 'application/json'),
      { origin },
    );
    expect(err.userMessage).toMatch(/permission/);
  });

  it('carries Retry-After and says when reading continues', async () => {
    const err = await parseErrorResponse(response('', 429, undefined, { 'retry-after': '5' }), { origin });
    expect(err.retryAfterMs).toBe(5000);
    expect(err.userMessage).toContain('about 5 s');
  });

  it('takes the origin from the response URL when not given', async () => {
    const res = response('', 503);
    Object.defineProperty(res, 'url', { value: 'https://example.org/api/v1/x/?a=1' });
    expect((await parseErrorResponse(res)).userMessage).toContain('https://example.org');
  });
});

describe('errors without a response', () => {
  it('network and timeout are retryable and name the server', () => {
    const n = networkError(origin, new TypeError('Failed to fetch'));
    expect(n).toMatchObject({ status: 0, code: 'network', retryable: true });
    expect(n.userMessage).toBe(
      "Can't reach the VocaliD server at https://vocalid.co. Check your connection or the server address in Options.",
    );
    expect(timeoutError(origin, 20_000)).toMatchObject({ code: 'timeout', retryable: true });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2030, 0, 1, 12, 0, 0);
  it('reads seconds and HTTP dates, never negative', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 01 Jan 2030 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 01 Jan 2030 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
