import { describe, expect, it } from 'vitest';
import { ApiClient, createOtherUser, registerAccount, SCHEMES, useTestServer } from './accounts-helpers';

const server = useTestServer();

const REGISTER = '/api/v1/external/account/register/';
const INFO = '/api/v1/external/account/info/';

describe.each(SCHEMES)('accounts with %s auth', (scheme) => {
  const client = () => new ApiClient(server.url, scheme);

  it('registers an account and reports no sentences yet', async () => {
    const c = client();
    const registered = await c.request('POST', REGISTER, { json: { gender: 'female', age: '25' } });
    expect(registered.status).toBe(200);
    const accountId = (registered.body as { account_id: unknown }).account_id;
    expect(typeof accountId).toBe('string');
    const info = await c.request('GET', INFO, { query: { account_id: accountId as string } });
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ sentences_recorded: 0 });
  });

  it('accepts age as a JSON number, and the bounds 1 and 130, and the path without trailing slash', async () => {
    const c = client();
    for (const age of [42, '1', '130']) {
      const response = await c.request('POST', REGISTER.slice(0, -1), { json: { gender: 'other', age } });
      expect(response.status, `age ${age}`).toBe(200);
    }
  });

  it.each([
    [{ gender: 'robot', age: '30' }, 'invalid_gender'],
    [{ age: '30' }, 'invalid_gender'],
    [{ gender: 'male', age: '-3' }, 'invalid_age'],
    [{ gender: 'male', age: '2.5' }, 'invalid_age'],
    [{ gender: 'male', age: 2.5 }, 'invalid_age'],
    [{ gender: 'male', age: '0' }, 'invalid_age'],
    [{ gender: 'male', age: '131' }, 'invalid_age'],
    [{ gender: 'male', age: 'thirty' }, 'invalid_age'],
    [{ gender: 'male' }, 'invalid_age'],
  ])('rejects %j with 400 %s', async (body, code) => {
    const response = await client().request('POST', REGISTER, { json: body });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ status: 'error', code, message: expect.any(String) });
  });

  it('answers 400 without account_id and 404 for an unknown one', async () => {
    const missing = await client().request('GET', INFO);
    expect(missing.status).toBe(400);
    expect((missing.body as { code: string }).code).toBe('missing_account_id');
    const unknown = await client().request('GET', INFO, { query: { account_id: 'ffffffffffffffff' } });
    expect(unknown.status).toBe(404);
    expect((unknown.body as { code: string }).code).toBe('account_not_found');
  });
});

describe('account ownership and access', () => {
  it("hides one user's account from another user", async () => {
    const accountId = await registerAccount(new ApiClient(server.url, 'bearer'));
    const other = createOtherUser(server);
    const response = await other.request('GET', INFO, { query: { account_id: accountId } });
    expect(response.status).toBe(404);
  });

  it('needs credentials and the external_account scope', async () => {
    const anonymous = await fetch(`${server.url}${REGISTER}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ gender: 'male', age: 30 }),
    });
    expect(anonymous.status).toBe(401);
    const listOnly = new ApiClient(server.url, 'bearer', undefined, 'voice:list');
    const response = await listOnly.request('POST', REGISTER, { json: { gender: 'male', age: 30 } });
    expect(response.status).toBe(403);
  });
});
