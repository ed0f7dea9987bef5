// The server rows of the security review (issue 12, docs/security.md): every test here was written against the
// unfixed server and failed there. Real server, real loopback listeners, requests as an attacker would send them.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerArgs } from '../../server/src/cli/parse-server-args';
import { DATABASE_FILE } from '../../server/src/db/database';
import { uploadToPutUrl } from '../../server/src/speech/put-url-upload';
import { startServer } from '../../server/src/start-server';
import { ApiClient, registerAccount, saveRecording, speakerWav } from './accounts-helpers';
import { encodeWav, sine } from './audio/synthetic-signals';
import { bearerGet, clientCredentialsToken, DEMO, expectApiError, hmacGet, startCoreServer } from './core-helpers';

type CoreServer = Awaited<ReturnType<typeof startCoreServer>>;

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'vocalid-security-'));
const EXTENSION_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const VERIFIER = randomBytes(32).toString('base64url');
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

/** A request with headers fetch() would not let us set (Host), over node:http. */
function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function tokenRequest(base: string, body: Record<string, string>, headers: Record<string, string> = {}, query = '') {
  return fetch(`${base}/api/v1/oauth/token${query}`, { method: 'POST', headers, body: new URLSearchParams(body) });
}

function authorizeUrl(base: string, over: Record<string, string> = {}): string {
  return `${base}/api/v1/oauth/authorize/?${new URLSearchParams({
    response_type: 'code',
    client_id: 'read-aloud-extension',
    redirect_uri: EXTENSION_REDIRECT,
    scope: 'user:info voice:list voice:synthesis',
    state: 'state-1',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...over,
  })}`;
}

/** Opens the consent page (a fresh browser: no cookies) and returns what its form needs. */
async function consentForm(base: string, over: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const page = await fetch(authorizeUrl(base, over), { headers });
  const html = await page.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  return {
    status: page.status,
    html,
    csrf,
    setCookies: page.headers.getSetCookie(),
    cookie: page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}

function postConsent(
  base: string,
  cookie: string,
  fields: Record<string, string>,
  over: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  return fetch(authorizeUrl(base, over), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ decision: 'allow', ...fields }),
  });
}

/** Signs in as demo/demo-password and returns the authorization code. */
async function authorizationCode(
  base: string,
  user = { username: 'demo', password: 'demo-password' },
): Promise<string> {
  const form = await consentForm(base);
  const res = await postConsent(base, form.cookie, { csrf: form.csrf!, ...user });
  expect(res.status).toBe(303);
  return new URL(res.headers.get('location')!).searchParams.get('code')!;
}

async function exchangeCode(base: string, code: string) {
  return tokenRequest(base, {
    grant_type: 'authorization_code',
    client_id: 'read-aloud-extension',
    code,
    redirect_uri: EXTENSION_REDIRECT,
    code_verifier: VERIFIER,
  });
}

async function pkceTokens(base: string): Promise<{ access_token: string; refresh_token: string; expires_in: number }> {
  const res = await exchangeCode(base, await authorizationCode(base));
  expect(res.status).toBe(200);
  return (await res.json()) as { access_token: string; refresh_token: string; expires_in: number };
}

const refresh = (base: string, token: string) =>
  tokenRequest(base, { grant_type: 'refresh_token', client_id: 'read-aloud-extension', refresh_token: token });

const userInfoStatus = async (base: string, token: string) =>
  (await bearerGet(base, '/api/v1/external/user/info', token)).status;

describe('row 1: demo credentials do not survive a start without --dev', () => {
  it('a data dir started in dev mode loses demo-client, demo-key and the demo user when started without it', async () => {
    const dataDir = tempDir();
    const dev = await startServer({ port: 0, dataDir, dev: true, quiet: true, speechWorkers: 1 });
    expect((await hmacGet(dev.url, '/api/v1/external/user/info')).status).toBe(200);
    await dev.close();

    const prod = await startServer({
      port: 0,
      dataDir,
      dev: false,
      quiet: true,
      speechWorkers: 1,
      publicRedirectUris: [EXTENSION_REDIRECT],
    });
    try {
      const token = await tokenRequest(
        prod.url,
        { grant_type: 'client_credentials' },
        { Authorization: basic(DEMO.clientId, DEMO.clientSecret) },
      );
      expect(token.status).toBe(401);
      await expectApiError(await hmacGet(prod.url, '/api/v1/external/user/info'), 401, 'invalid_api_key');
      const form = await consentForm(prod.url);
      expect(form.status).toBe(200);
      const signIn = await postConsent(prod.url, form.cookie, {
        csrf: form.csrf!,
        username: 'demo',
        password: 'demo-password',
      });
      expect(signIn.headers.get('location')).toBeNull(); // no code issued
      expect(await signIn.text()).toMatch(/Wrong username or password/);
      expect(prod.ctx.db.prepare("SELECT COUNT(*) FROM users WHERE id = 'demo-user'").pluck().get()).toBe(0);
    } finally {
      await prod.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('row 2: dev mode is opt-in, loopback-only, and checks the Host header', () => {
  it('a server started without options has no demo credentials', async () => {
    const dataDir = tempDir();
    const server = await startServer({ port: 0, dataDir, quiet: true, speechWorkers: 1 });
    try {
      expect(server.ctx.config.dev).toBe(false);
      const token = await tokenRequest(
        server.url,
        { grant_type: 'client_credentials' },
        { Authorization: basic(DEMO.clientId, DEMO.clientSecret) },
      );
      expect(token.status).toBe(401);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('--dev refuses a non-loopback --host, on the command line and when started from code', async () => {
    expect(() => parseServerArgs(['--dev', '--host', '0.0.0.0'])).toThrow(/loopback/);
    expect(() => parseServerArgs(['--host=192.168.1.5', '--dev'])).toThrow(/loopback/);
    expect(parseServerArgs(['--dev', '--host', '::1'])).toMatchObject({ dev: true, host: '::1' });
    await expect(startServer({ port: 0, host: '0.0.0.0', dev: true, dataDir: tempDir(), quiet: true })).rejects.toThrow(
      /loopback/,
    );
  });

  describe('with a dev server', () => {
    let server: CoreServer;
    beforeAll(async () => {
      server = await startCoreServer();
    });
    afterAll(() => server.cleanup());

    it('answers 421 with a JSON error to a request whose Host is a foreign name (DNS rebinding)', async () => {
      const res = await rawRequest(`${server.url}/api/v1/oauth/token`, {
        method: 'POST',
        headers: {
          host: 'rebind.attacker.example',
          authorization: basic(DEMO.clientId, DEMO.clientSecret),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      expect(res.status).toBe(421);
      expect(JSON.parse(res.body)).toMatchObject({ status: 'error', code: 'misdirected_request' });
      expect(res.body).not.toContain('access_token');
    });

    it('accepts loopback names and the listening address as Host', async () => {
      for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`]) {
        const res = await rawRequest(`${server.url}/`, { headers: { host } });
        expect(res.status, host).toBe(200);
      }
    });
  });
});

describe('row 3: put_url cannot reach private addresses', () => {
  let server: CoreServer;
  let target: Server;
  let targetPort: number;
  let hits: { url?: string; body: number }[] = [];
  let token: string;
  let voiceToken: string;
  beforeAll(async () => {
    server = await startCoreServer();
    target = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        hits.push({ url: req.url, body: Buffer.concat(chunks).length });
        if (req.url === '/redirect') res.writeHead(302, { location: `http://127.0.0.1:${targetPort}/second` }).end();
        else res.writeHead(201, { 'content-type': 'text/plain' }).end('INTERNAL-SECRET admin page');
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetPort = (target.address() as AddressInfo).port;
    token = await clientCredentialsToken(server.url, 'voice:list voice:synthesis');
    const voices = (await (await bearerGet(server.url, '/api/v1/external/voices/list', token)).json()) as {
      voices: { download_token: string }[];
    };
    voiceToken = voices.voices[0]!.download_token;
  });
  afterAll(async () => {
    await server.cleanup();
    await new Promise((resolve) => target.close(resolve));
  });
  const synth = (base: string, putUrl: string) =>
    bearerGet(base, '/api/v1/external/synthesis', token, {
      download_token: voiceToken,
      script: 'Hi.',
      sample_rate: '8000',
      put_url: putUrl,
    });

  it.each([
    ['loopback', (p: number) => `http://127.0.0.1:${p}/admin`],
    ['localhost', (p: number) => `http://localhost:${p}/admin`],
    ['IPv6 loopback', (p: number) => `http://[::1]:${p}/admin`],
    ['IPv4-mapped IPv6', (p: number) => `http://[::ffff:127.0.0.1]:${p}/admin`],
    ['decimal integer host', (p: number) => `http://2130706433:${p}/admin`],
    ['hex integer host', (p: number) => `http://0x7f000001:${p}/admin`],
    ['octal host', (p: number) => `http://0177.0.0.1:${p}/admin`],
    ['unspecified', (p: number) => `http://0.0.0.0:${p}/admin`],
    ['private 10/8', () => 'http://10.1.2.3/admin'],
    ['private 192.168/16', () => 'http://192.168.0.1/admin'],
    ['link-local metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['CGNAT', () => 'http://100.64.0.1/'],
    ['IPv6 ULA', () => 'http://[fd00::1]/'],
    ['IPv6 link-local', () => 'http://[fe80::1]/'],
  ])('refuses %s with 400 and sends nothing', async (_name, url) => {
    hits = [];
    await expectApiError(await synth(server.url, url(targetPort)), 400, 'put_url_forbidden');
    expect(hits).toEqual([]);
  });

  it('with --allow-private-put-url uploads, follows no redirect and returns only the status', async () => {
    const allowing = await startCoreServer({ allowPrivatePutUrl: true });
    try {
      const t = await clientCredentialsToken(allowing.url, 'voice:list voice:synthesis');
      const list = (await (await bearerGet(allowing.url, '/api/v1/external/voices/list', t)).json()) as {
        voices: { download_token: string }[];
      };
      const go = (putUrl: string) =>
        bearerGet(allowing.url, '/api/v1/external/synthesis', t, {
          download_token: list.voices[0]!.download_token,
          script: 'Hi.',
          sample_rate: '8000',
          put_url: putUrl,
        });
      hits = [];
      const res = await go(`http://127.0.0.1:${targetPort}/upload`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { status: number; response?: string };
      expect(body.status).toBe(201);
      expect(JSON.stringify(body)).not.toContain('INTERNAL-SECRET');
      expect(hits).toHaveLength(1);
      expect(hits[0]!.body).toBeGreaterThan(1000);

      hits = [];
      const redirected = await go(`http://127.0.0.1:${targetPort}/redirect`);
      expect(((await redirected.json()) as { status: number }).status).toBe(302);
      expect(hits.map((h) => h.url)).toEqual(['/redirect']);
    } finally {
      await allowing.cleanup();
    }
  });

  it('connects to the address it checked: one lookup, no second resolution', async () => {
    hits = [];
    let lookups = 0;
    const result = await uploadToPutUrl(`http://rebinding.invalid:${targetPort}/checked`, new Uint8Array([1, 2, 3]), {
      allowPrivate: true,
      timeoutMs: 5000,
      resolve: async () => {
        lookups++;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    expect(result.status).toBe(201);
    expect(lookups).toBe(1);
    expect(hits.map((h) => h.url)).toEqual(['/checked']);
    await expect(
      uploadToPutUrl('http://public-then-private.invalid/', new Uint8Array([1]), {
        allowPrivate: false,
        timeoutMs: 5000,
        resolve: async () => [
          { address: '93.184.216.34', family: 4 },
          { address: '10.0.0.1', family: 4 },
        ],
      }),
    ).rejects.toThrow(/private|not allowed/i);
  });

  it('--allow-private-put-url is refused with a public --host', () => {
    expect(() => parseServerArgs(['--allow-private-put-url', '--host', '0.0.0.0'])).toThrow(/loopback/);
    expect(parseServerArgs(['--allow-private-put-url'])).toMatchObject({ allowPrivatePutUrl: true });
  });
});

describe('rows 4 and 17: recordings are bounded and malformed ones refused', () => {
  let server: CoreServer;
  let client: ApiClient;
  let accountId: string;
  beforeAll(async () => {
    server = await startCoreServer({ maxRecordingsPerAccount: 2 });
    client = new ApiClient(server.url, 'bearer');
    accountId = await registerAccount(client);
  });
  afterAll(() => server.cleanup());

  const riff = (fmt: Buffer, data: Buffer, riffSize?: number, dataSize?: number) => {
    const header = Buffer.alloc(12);
    header.write('RIFF', 0, 'latin1');
    header.writeUInt32LE(riffSize ?? 4 + 8 + fmt.length + 8 + data.length, 4);
    header.write('WAVE', 8, 'latin1');
    const fmtHead = Buffer.alloc(8);
    fmtHead.write('fmt ', 0, 'latin1');
    fmtHead.writeUInt32LE(fmt.length, 4);
    const dataHead = Buffer.alloc(8);
    dataHead.write('data', 0, 'latin1');
    dataHead.writeUInt32LE(dataSize ?? data.length, 4);
    return new Uint8Array(Buffer.concat([header, fmtHead, fmt, dataHead, data]));
  };
  const pcmFmt = (format = 1, bits = 16, channels = 1, rate = 16000) => {
    const fmt = Buffer.alloc(16);
    fmt.writeUInt16LE(format, 0);
    fmt.writeUInt16LE(channels, 2);
    fmt.writeUInt32LE(rate, 4);
    fmt.writeUInt32LE((rate * channels * bits) / 8, 8);
    fmt.writeUInt16LE((channels * bits) / 8, 12);
    fmt.writeUInt16LE(bits, 14);
    return fmt;
  };
  const imaFmt = () => {
    const fmt = Buffer.alloc(20);
    fmt.writeUInt16LE(0x11, 0);
    fmt.writeUInt16LE(1, 2);
    fmt.writeUInt32LE(16000, 4);
    fmt.writeUInt32LE(8110, 8);
    fmt.writeUInt16LE(256, 12);
    fmt.writeUInt16LE(4, 14);
    fmt.writeUInt16LE(2, 16);
    fmt.writeUInt16LE(505, 18);
    return fmt;
  };

  it.each([
    [
      'a data size of 0xFFFFFFFF with 10 bytes of data',
      () => riff(pcmFmt(), Buffer.alloc(10, 1), undefined, 0xffffffff),
    ],
    ['a RIFF size of 0xFFFFFFFF', () => riff(pcmFmt(), Buffer.alloc(3200, 1), 0xffffffff)],
    ['format 0xFFFE without its extension', () => riff(pcmFmt(0xfffe), Buffer.alloc(3200, 1))],
    ['garbage IMA ADPCM', () => riff(imaFmt(), Buffer.alloc(256 * 8, 0xff))],
  ])('refuses %s with 400 and the reason', async (_name, wav) => {
    const res = await saveRecording(client, accountId, wav(), 'A malformed take.');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', code: 'invalid_wav' });
    expect((res.body as { message: string }).message.length).toBeGreaterThan(10);
  });

  it('refuses a recording longer than 30 s from its header', async () => {
    const long = encodeWav([sine({ hz: 200, peakDbfs: -12, seconds: 31, sampleRate: 8000 })], 8000, '16');
    const res = await saveRecording(client, accountId, long, 'A very long sentence.');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'recording_too_long' });
  });

  it('caps the recordings of one account, so a build has a bounded amount of audio to analyse', async () => {
    for (let i = 0; i < 2; i++)
      expect((await saveRecording(client, accountId, speakerWav(120), `Take ${i}.`)).status).toBe(200);
    const third = await saveRecording(client, accountId, speakerWav(120), 'One take too many.');
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ code: 'too_many_recordings' });
  });
});

describe('row 5: the public client redirect is exact outside dev mode', () => {
  let prod: Awaited<ReturnType<typeof startServer>>;
  const dataDir = tempDir();
  beforeAll(async () => {
    prod = await startServer({
      port: 0,
      dataDir,
      quiet: true,
      speechWorkers: 1,
      publicRedirectUris: [EXTENSION_REDIRECT],
    });
  });
  afterAll(async () => {
    await prod.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a made-up extension id and another path, accepts the configured redirect', async () => {
    const madeUp = await consentForm(prod.url, {
      redirect_uri: 'https://madeupextensionidmadeupextensi.chromiumapp.org/',
    });
    expect(madeUp.status).toBe(400);
    const otherPath = await consentForm(prod.url, { redirect_uri: `${EXTENSION_REDIRECT}other` });
    expect(otherPath.status).toBe(400);
    const firefox = await consentForm(prod.url, { redirect_uri: 'https://0123456789abcdef.extensions.allizom.org/' });
    expect(firefox.status).toBe(400);
    const good = await consentForm(prod.url);
    expect(good.status).toBe(200);
  });

  it('the consent page names the host that receives the code', async () => {
    const good = await consentForm(prod.url);
    // visible text, not the hidden redirect_uri field the form echoes anyway
    const visible = good.html.replace(/<input[^>]*>/g, '');
    expect(visible).toContain('abcdefghijklmnopabcdefghijklmnop.chromiumapp.org');
  });
});

describe('rows 6 and 7: token families and PKCE token lifetime', () => {
  let server: CoreServer;
  beforeAll(async () => {
    server = await startCoreServer();
  });
  afterAll(() => server.cleanup());

  it('PKCE access tokens live 1 h by default', async () => {
    const tokens = await pkceTokens(server.url);
    expect(tokens.expires_in).toBe(3600);
    const row = server.ctx.db
      .prepare(
        "SELECT expires_at - created_at FROM oauth_tokens WHERE kind = 'access' ORDER BY created_at DESC LIMIT 1",
      )
      .pluck()
      .get() as number;
    expect(row).toBe(3600 * 1000);
  });

  it('a reused refresh token revokes its whole family', async () => {
    const first = await pkceTokens(server.url);
    const rotated = await refresh(server.url, first.refresh_token);
    expect(rotated.status).toBe(200);
    const second = (await rotated.json()) as { access_token: string; refresh_token: string };
    expect(await userInfoStatus(server.url, second.access_token)).toBe(200);

    // Reuse right after rotation is refused but forgiven (two contexts of one extension refreshing at once) ...
    expect((await refresh(server.url, first.refresh_token)).status).toBe(400);
    expect(await userInfoStatus(server.url, second.access_token)).toBe(200);
    // ... later reuse means a copy is in other hands: the whole family goes.
    const realNow = server.ctx.now;
    server.ctx.now = () => realNow() + 11_000;
    const replay = await refresh(server.url, first.refresh_token);
    server.ctx.now = realNow;
    expect(replay.status).toBe(400);
    expect(await userInfoStatus(server.url, second.access_token)).toBe(401);
    expect(await userInfoStatus(server.url, first.access_token)).toBe(401);
    expect((await refresh(server.url, second.refresh_token)).status).toBe(400);
  });

  it('a replayed authorization code revokes the tokens it issued', async () => {
    const code = await authorizationCode(server.url);
    const issued = (await (await exchangeCode(server.url, code)).json()) as {
      access_token: string;
      refresh_token: string;
    };
    expect(await userInfoStatus(server.url, issued.access_token)).toBe(200);
    expect((await exchangeCode(server.url, code)).status).toBe(400);
    expect(await userInfoStatus(server.url, issued.access_token)).toBe(401);
    expect((await refresh(server.url, issued.refresh_token)).status).toBe(400);
  });

  it('revoking a refresh token revokes the access tokens of its grant', async () => {
    const tokens = await pkceTokens(server.url);
    const res = await fetch(`${server.url}/api/v1/oauth/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'read-aloud-extension', token: tokens.refresh_token }),
    });
    expect(res.status).toBe(200);
    expect(await userInfoStatus(server.url, tokens.access_token)).toBe(401);
  });
});

describe('row 8: credential checks are throttled', () => {
  let server: CoreServer;
  beforeAll(async () => {
    server = await startCoreServer();
  });
  afterAll(() => server.cleanup());

  it('wrong client secrets end in 429 with Retry-After, on token, revoke and introspect', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 30; i++) {
      const endpoint = ['token', 'revoke', 'introspect'][i % 3]!;
      const res = await fetch(`${server.url}/api/v1/oauth/${endpoint}`, {
        method: 'POST',
        headers: { Authorization: basic(DEMO.clientId, `wrong-${i}`) },
        body: new URLSearchParams({ grant_type: 'client_credentials', token: 'x' }),
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // the right secret is refused too while the client is throttled: guessing cannot go on in parallel
    const right = await tokenRequest(
      server.url,
      { grant_type: 'client_credentials' },
      { Authorization: basic(DEMO.clientId, DEMO.clientSecret) },
    );
    expect(right.status).toBe(429);
  });

  it('wrong passwords on the sign-in form end in a refusal with Retry-After, even for the right password', async () => {
    // The form answers 200 either way (a browser auth window closes on an error status); the throttle shows in
    // the message, the Retry-After header and in refusing even the right password.
    const tooMany = /Too many failed sign-ins/;
    const bodies: string[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 20; i++) {
      const form = await consentForm(server.url);
      const res = await postConsent(server.url, form.cookie, {
        csrf: form.csrf!,
        username: 'demo',
        password: `guess-${i}`,
      });
      expect(res.headers.get('location')).toBeNull();
      const body = await res.text();
      bodies.push(body);
      if (tooMany.test(body)) retryAfter = res.headers.get('retry-after');
    }
    expect(bodies.slice(0, 5).every((b) => /Wrong username or password/.test(b))).toBe(true);
    expect(bodies.at(-1)).toMatch(tooMany);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const form = await consentForm(server.url);
    const right = await postConsent(server.url, form.cookie, {
      csrf: form.csrf!,
      username: 'demo',
      password: 'demo-password',
    });
    expect(right.headers.get('location')).toBeNull();
    expect(await right.text()).toMatch(tooMany);
  });
});

describe('rows 9 and 10: secrets only in the body; cookies and CSRF', () => {
  let server: CoreServer;
  beforeAll(async () => {
    server = await startCoreServer({ trustProxy: true });
  });
  afterAll(() => server.cleanup());

  it('refuses a client secret in the query string with 400', async () => {
    const res = await tokenRequest(
      server.url,
      { grant_type: 'client_credentials' },
      {},
      `?client_id=${DEMO.clientId}&client_secret=${DEMO.clientSecret}`,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses sign-in fields in the query string with 400', async () => {
    const form = await consentForm(server.url);
    const res = await postConsent(
      server.url,
      form.cookie,
      { csrf: form.csrf! },
      { username: 'demo', password: 'demo-password' },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it('refuses a CSRF cookie and field an attacker chose themselves', async () => {
    const planted = randomBytes(32).toString('base64url');
    const res = await postConsent(server.url, `vocalid_csrf=${planted}`, {
      csrf: planted,
      username: 'demo',
      password: 'demo-password',
    });
    expect(res.status).toBe(403);
  });

  it('behind https the cookies are Secure and __Host- prefixed; over plain http they work without', async () => {
    const https = await consentForm(server.url, {}, { 'X-Forwarded-Proto': 'https' });
    expect(https.setCookies.length).toBeGreaterThan(0);
    for (const cookie of https.setCookies) {
      expect(cookie).toMatch(/^__Host-/);
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*Path=\/(;|$)/);
    }
    const signIn = await postConsent(
      server.url,
      https.cookie,
      { csrf: https.csrf!, username: 'demo', password: 'demo-password' },
      {},
      { 'X-Forwarded-Proto': 'https' },
    );
    expect(signIn.status).toBe(303);
    for (const cookie of signIn.headers.getSetCookie()) expect(cookie).toMatch(/^__Host-.*;\s*Secure/i);
  });
});

describe('row 11: the data dir is private', () => {
  it('creates the dir 0700 and its files 0600, and tightens an existing dir', async () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o755);
    const server = await startServer({ port: 0, dataDir, dev: true, quiet: true, speechWorkers: 1 });
    try {
      const client = new ApiClient(server.url, 'bearer');
      const account = await registerAccount(client);
      expect((await saveRecording(client, account, speakerWav(120), 'A private take.')).status).toBe(200);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dataDir, DATABASE_FILE)).mode & 0o777).toBe(0o600);
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
        );
      const files = walk(dataDir);
      expect(files.some((f) => f.endsWith('.wav'))).toBe(true);
      for (const file of files) expect(statSync(file).mode & 0o077, file).toBe(0);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('row 12: rate-limited requests do not store nonces', () => {
  it('stores a nonce only for requests that passed the rate limit', async () => {
    const server = await startCoreServer({ rateLimitPerMinute: 5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await hmacGet(server.url, '/api/v1/external/user/info')).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(15);
      expect(server.ctx.db.prepare('SELECT COUNT(*) FROM hmac_nonces').pluck().get()).toBe(5);
    } finally {
      await server.cleanup();
    }
  });
});

describe('row 15: --test-faults is loopback-only', () => {
  it('refuses a non-loopback --host', async () => {
    expect(() => parseServerArgs(['--test-faults', '--host', '0.0.0.0'])).toThrow(/loopback/);
    expect(parseServerArgs(['--test-faults', '--host', '127.0.0.1'])).toMatchObject({ testFaults: true });
    await expect(
      startServer({ port: 0, host: '0.0.0.0', testFaults: true, dataDir: tempDir(), quiet: true }),
    ).rejects.toThrow(/loopback/);
  });
});

describe('row 16: CORS outside dev mode allows only the configured extension', () => {
  it('answers a made-up extension origin without Access-Control-Allow-Origin', async () => {
    const dataDir = tempDir();
    const prod = await startServer({
      port: 0,
      dataDir,
      quiet: true,
      speechWorkers: 1,
      publicRedirectUris: [EXTENSION_REDIRECT],
    });
    try {
      const preflight = (origin: string) =>
        fetch(`${prod.url}/api/v1/external/voices/list`, {
          method: 'OPTIONS',
          headers: {
            Origin: origin,
            'Access-Control-Request-Method': 'GET',
            'Access-Control-Request-Headers': 'authorization',
          },
        });
      expect(
        (await preflight('chrome-extension://madeupextensionidmadeupextensi')).headers.get(
          'access-control-allow-origin',
        ),
      ).toBeNull();
      expect(
        (await preflight('moz-extension://0b1c2d3e-0000-4000-8000-000000000000')).headers.get(
          'access-control-allow-origin',
        ),
      ).toBeNull();
      const own = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
      expect((await preflight(own)).headers.get('access-control-allow-origin')).toBe(own);
    } finally {
      await prod.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
