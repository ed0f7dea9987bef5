import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createUser } from '../../server/src/auth/user-store';
import { startServer } from '../../server/src/start-server';
import { bearerGet, clientCredentialsToken } from './core-helpers';

const dataDir = mkdtempSync(path.join(tmpdir(), 'vocalid-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('keeps users, tokens, voices and counters across a restart', async () => {
  const first = await startServer({ port: 0, dataDir, dev: true, quiet: true, speechWorkers: 1 });
  createUser(first.ctx.db, { id: 'kept-user', nickname: 'Kept' });
  const token = await clientCredentialsToken(first.url);
  const voices1 = (
    (await (await bearerGet(first.url, '/api/v1/external/voices/list', token)).json()) as {
      voices: { download_token: string; synthesis_count: number }[];
    }
  ).voices;
  const synth = await bearerGet(first.url, '/api/v1/external/synthesis', token, {
    download_token: voices1[0]!.download_token,
    script: 'Persist me.',
    sample_rate: '8000',
  });
  expect(synth.status).toBe(200);
  await first.close();

  const second = await startServer({ port: 0, dataDir, dev: true, quiet: true, speechWorkers: 1 });
  try {
    const res = await bearerGet(second.url, '/api/v1/external/voices/list', token);
    expect(res.status).toBe(200);
    const voices2 = ((await res.json()) as { voices: { download_token: string; synthesis_count: number }[] }).voices;
    expect(voices2.map((v) => v.download_token)).toEqual(voices1.map((v) => v.download_token));
    expect(voices2[0]!.synthesis_count).toBe(voices1[0]!.synthesis_count + 1);
    expect(second.ctx.db.prepare('SELECT nickname FROM users WHERE id = ?').pluck().get('kept-user')).toBe('Kept');
    // only hashes are stored: the clear token appears nowhere in the database
    expect(second.ctx.db.prepare('SELECT COUNT(*) FROM oauth_tokens WHERE token_hash = ?').pluck().get(token)).toBe(0);
  } finally {
    await second.close();
  }
});

it('outside dev mode no demo credentials exist', async () => {
  const prodDir = mkdtempSync(path.join(tmpdir(), 'vocalid-prod-'));
  const prod = await startServer({ port: 0, dataDir: prodDir, dev: false, quiet: true, speechWorkers: 1 });
  try {
    const res = await fetch(`${prod.url}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(res.status).toBe(401);
    expect(prod.ctx.db.prepare('SELECT COUNT(*) FROM hmac_keys').pluck().get()).toBe(0);
  } finally {
    await prod.close();
    rmSync(prodDir, { recursive: true, force: true });
  }
});
