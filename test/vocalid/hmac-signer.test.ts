import { describe, expect, it } from 'vitest';
import { buildStringToSign, createNonce, signRequest } from '../../utils/vocalid/hmac-signer';

// Expected signatures were computed by running the API documentation's own Python functions
// (to_hexdigest, generate_signature) on the same inputs.
describe('signRequest golden vectors', () => {
  it('GET with a query string', async () => {
    const signed = await signRequest({
      method: 'GET',
      path: '/api/v1/external/synthesis/',
      query: 'api_key=1234567890&download_token=123456&script=this+is+my+vocal+identity&pitch=1&rate=1',
      body: '',
      secret: '1234567890',
      nonce: '170000000000001234567890123456789',
      timestamp: '2024-05-01T12:34:56.789012',
    });
    expect(signed.signature).toBe('e7729d632aac0493866d55c99b582c3e18182103dffd36ee695e87a375fa5737');
    expect(signed.authorization).toBe(
      'signature=e7729d632aac0493866d55c99b582c3e18182103dffd36ee695e87a375fa5737, nonce=170000000000001234567890123456789, timestamp=2024-05-01T12:34:56.789012',
    );
  });

  it('POST with a JSON body given as text', async () => {
    const signed = await signRequest({
      method: 'POST',
      path: '/api/v1/external/account/register/',
      query: '',
      body: '{"api_key": "1234567890", "gender": "male", "age": "1"}',
      secret: '1234567890',
      nonce: 'nonce-abc-42',
      timestamp: '2024-05-01T12:34:56Z',
    });
    expect(signed.signature).toBe('dac48a588aa962d189ac97be7c08527a3e6360a523c8e46e69cd79fa614eb5ba');
  });

  it('hashes raw body bytes, so a UTF-8 body matches the docs fed the same bytes', async () => {
    const body = new TextEncoder().encode('{"account_id": "café"}');
    const signed = await signRequest({
      method: 'post',
      path: '/api/v1/external/build/new/',
      query: '',
      body,
      secret: 'demo-secret',
      nonce: 'n1',
      timestamp: '2024-05-01T12:34:56Z',
    });
    expect(signed.signature).toBe('7bb8868115c1b7a1ad438adf63f278a322dcba8b81c49f3c4bf987d882e64914');
    // The same body passed as a string gives the same signature.
    const asText = await signRequest({
      method: 'POST',
      path: '/api/v1/external/build/new/',
      query: '',
      body: '{"account_id": "café"}',
      secret: 'demo-secret',
      nonce: 'n1',
      timestamp: '2024-05-01T12:34:56Z',
    });
    expect(asText.signature).toBe(signed.signature);
  });

  it('GET without query', async () => {
    const signed = await signRequest({
      method: 'GET',
      path: '/api/v1/external/voices/list/',
      query: '',
      body: new Uint8Array(),
      secret: 'demo-secret',
      nonce: 'n2',
      timestamp: '2024-05-01T00:00:00',
    });
    expect(signed.signature).toBe('bb287b2808f62d88c5f2a1102c236aae3ed2de87b37dd20c4185a3487de083a6');
  });
});

describe('signRequest inputs', () => {
  const base = { method: 'GET', path: '/x/', query: '', body: '', secret: 's' };

  it('changes the signature when any signed part changes', async () => {
    const fixed = { nonce: 'n', timestamp: '2024-01-01T00:00:00Z' };
    const a = await signRequest({ ...base, ...fixed });
    const b = await signRequest({ ...base, ...fixed, query: 'a=1' });
    const c = await signRequest({ ...base, ...fixed, secret: 't' });
    expect(new Set([a.signature, b.signature, c.signature]).size).toBe(3);
  });

  it('fills in a fresh nonce and an ISO 8601 UTC timestamp', async () => {
    const a = await signRequest(base);
    const b = await signRequest(base);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(a.timestamp) - Date.now())).toBeLessThan(5000);
  });

  it('rejects a missing secret, a query with "?", and a relative path', async () => {
    await expect(signRequest({ ...base, secret: '' })).rejects.toThrow(/secret/);
    await expect(signRequest({ ...base, query: '?a=1' })).rejects.toThrow(/without the leading/);
    await expect(signRequest({ ...base, path: 'x/' })).rejects.toThrow(/must start with/);
  });

  it('builds the string to sign in the documented order', () => {
    expect(
      buildStringToSign({ method: 'GET', path: '/p/', query: 'q=1', nonce: 'n', bodyHash: 'h', timestamp: 't' }),
    ).toBe('GET\n/p/\nq=1\nn\nh\nt');
  });

  it('nonces are header-safe and unique', () => {
    const nonces = new Set(Array.from({ length: 200 }, createNonce));
    expect(nonces.size).toBe(200);
    for (const n of nonces) expect(n).toMatch(/^[0-9a-f]+$/);
  });
});
