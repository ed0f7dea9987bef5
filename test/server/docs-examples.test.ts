import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, decodeWav, startCoreServer } from './core-helpers';
import {
  API_DOC_PATH,
  apiDocSkipReason,
  loadApiDocExamples,
  type ApiDocExamples,
  type CurlExample,
  type PythonSnippet,
} from './docs-examples-source';

/**
 * Runs the code examples of the VocaliD API documentation (read at test time from API_DOC_PATH, never copied here)
 * against this server. The only changes made to the doc's text are the substitutions below, each with its reason;
 * `substitute` fails the test when the text it should replace is not there, so a changed doc cannot pass silently.
 */

const run = promisify(execFile);

/** The number of `$ curl` commands in vocalid-api.txt (counted by hand), so an extraction that finds none fails. */
const DOC_CURL_COUNT = 13;
const DOC_CURL_PATHS = [
  '/api/v1/oauth/token',
  '/api/v1/oauth/revoke',
  '/api/v1/oauth/introspect',
  '/api/v1/external/user/info/',
  '/api/v1/external/account/register/',
  '/api/v1/external/recording/save/',
  '/api/v1/external/account/info/',
  '/api/v1/external/voices/list/',
  '/api/v1/external/synthesis/',
  '/api/v1/external/voices/download/<download_token>',
  '/api/v1/external/licenses/<download_token>',
  '/api/v1/external/build/new/',
  '/api/v1/external/build/status/',
];
const DOC_PYTHON_GET_ENDPOINTS = [
  '/api/v1/external/user/info/',
  '/api/v1/external/account/info/',
  '/api/v1/external/voices/list/',
  '/api/v1/external/synthesis/',
  '/api/v1/external/voices/download/<download_token>',
  '/api/v1/external/licenses/<download_token>',
  '/api/v1/external/build/status/',
];

const skipReason = apiDocSkipReason();
// Printed so a green run without the documentation says what it did not run.
if (skipReason) console.warn(`docs-examples: ${skipReason}`);

let doc: ApiDocExamples;
let server: Awaited<ReturnType<typeof startCoreServer>>;
beforeAll(async () => {
  if (skipReason) return;
  // Throws with the path and how to fix it when the doc is missing: every test in this file then fails.
  doc = loadApiDocExamples();
  server = await startCoreServer();
});
afterAll(() => server?.cleanup());

function substitute(text: string, search: string | RegExp, replacement: string): string {
  const found =
    typeof search === 'string'
      ? text.includes(search)
      : new RegExp(search.source, search.flags.replace('g', '')).test(text);
  if (!found) throw new Error(`expected ${String(search)} in this example from ${API_DOC_PATH}:\n${text}`);
  return typeof search === 'string' ? text.replaceAll(search, replacement) : text.replace(search, replacement);
}

function curlExample(urlPath: string): string {
  const found = doc.curl.filter((c: CurlExample) => c.path === urlPath);
  expect(found, `curl examples for ${urlPath} in ${API_DOC_PATH}`).toHaveLength(1);
  return found[0]!.text;
}

function pythonSnippet(endpoint: string): PythonSnippet {
  const found = doc.python.filter((s) => s.endpoint === endpoint && s.method === 'GET');
  expect(found, `Python GET snippets for ${endpoint} in ${API_DOC_PATH}`).toHaveLength(1);
  return found[0]!;
}

/** Placeholder values go into a shell command, so they must be plain tokens. */
function placeholder(value: string): string {
  expect(value).toMatch(/^[\w.~-]+$/);
  return value;
}

/**
 * Runs one of the doc's curl commands with bash as written (its `\` continuations included). The substitutions:
 * - the prompt `$ ` is not part of the command;
 * - the base URL `https://vocalid.co` → this test server (also `https:/vocalid.co`, a typo in the register example);
 * - `client_id:client_secret` → the dev demo OAuth client, which the docs leave to the reader;
 * - `<name>` placeholders → the values given (tokens obtained earlier in this file);
 * - curl flags appended so an HTTP error fails the command with its body shown.
 */
async function docCurl(text: string, values: Record<string, string> = {}): Promise<Buffer> {
  let cmd = substitute(text, /^\$ /, '');
  cmd = substitute(cmd, /https:\/\/?vocalid\.co/g, server.url);
  if (cmd.includes('client_id:client_secret'))
    cmd = cmd.replaceAll('client_id:client_secret', `${DEMO.clientId}:${DEMO.clientSecret}`);
  for (const [name, value] of Object.entries(values)) cmd = substitute(cmd, `<${name}>`, placeholder(value));
  expect(cmd, 'every placeholder of the example was given a value').not.toMatch(/<[a-z_]+>/);
  const { stdout } = await run('bash', ['-c', `${cmd} --silent --show-error --fail-with-body`], { encoding: 'buffer' });
  return stdout;
}

describe.skipIf(skipReason !== null)('the API documentation’s examples are all found', () => {
  it('extracts every curl command', () => {
    expect(doc.curl).toHaveLength(DOC_CURL_COUNT);
    expect(doc.curl.map((c) => c.path).sort()).toEqual([...DOC_CURL_PATHS].sort());
    for (const c of doc.curl) expect(c.text).toMatch(/^\$ curl /);
  });

  it('extracts the Python HMAC example and the per-endpoint GET snippets', () => {
    expect(doc.hmacBlock).toMatch(/^import hashlib\n/);
    for (const name of [
      'get_test_nonce',
      'get_timestamp',
      'to_hexdigest',
      'generate_authorization_header',
      'generate_signature',
      'sign_and_send',
    ]) {
      expect(doc.hmacBlock).toContain(`\ndef ${name}(`);
    }
    expect(doc.hmacBlock.trimEnd()).toMatch(/\n {8}return response\.json\(\)$/);
    expect(
      doc.python
        .filter((s) => s.method === 'GET')
        .map((s) => s.endpoint)
        .sort(),
    ).toEqual([...DOC_PYTHON_GET_ENDPOINTS].sort());
  });
});

describe.skipIf(skipReason !== null)('the documentation’s curl examples against this server', () => {
  let accessToken = '';
  let downloadToken = '';

  it('client credentials', async () => {
    const tokenExample = curlExample('/api/v1/oauth/token');
    const out = await docCurl(tokenExample);
    const body = JSON.parse(out.toString()) as { access_token: string; token_type: string; scope: string };
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'voice:synthesis', expires_in: 15552000 });
    // The remaining examples need more scopes than the docs' example asks for: the same command without its
    // `scope` parameter is granted all of the client's scopes.
    const all = await docCurl(substitute(tokenExample, "-d 'scope=voice:synthesis'", ''));
    accessToken = (JSON.parse(all.toString()) as { access_token: string }).access_token;
  });

  it('user info', async () => {
    const out = await docCurl(curlExample('/api/v1/external/user/info/'), { access_token: accessToken });
    expect(JSON.parse(out.toString())).toEqual({ nickname: 'Demo Reader' });
  });

  it('voices list (the docs write <account_id> where the token goes)', async () => {
    // The doc's voices example sends `Bearer <account_id>`; a bearer token is what belongs there.
    const out = await docCurl(curlExample('/api/v1/external/voices/list/'), { account_id: accessToken });
    const body = JSON.parse(out.toString()) as { voices: { download_token: string }[] };
    expect(body.voices.length).toBeGreaterThan(0);
    downloadToken = body.voices[0]!.download_token;
  });

  it('synthesis returns a WAV', async () => {
    const out = await docCurl(curlExample('/api/v1/external/synthesis/'), {
      access_token: accessToken,
      download_token: downloadToken,
    });
    const wav = decodeWav(new Uint8Array(out));
    expect(wav.sampleRate).toBe(48000);
    expect(wav.samples.length / wav.sampleRate).toBeGreaterThan(0.5);
  });

  it('introspect and revoke', async () => {
    const introspect = curlExample('/api/v1/oauth/introspect');
    const intro = await docCurl(introspect, { access_token: accessToken });
    expect(JSON.parse(intro.toString())).toMatchObject({ active: true });
    await docCurl(curlExample('/api/v1/oauth/revoke'), { access_token: accessToken });
    const after = await docCurl(introspect, { access_token: accessToken });
    expect(JSON.parse(after.toString())).toEqual({ active: false });
  });
});

/**
 * Builds a Python program from the doc's HMAC example and its GET snippets for user info, voices list and synthesis.
 * Substitutions in the doc's code:
 * - `URL_BASE` → this server (passed as argv[1]);
 * - `API_SECRET` / `API_KEY` (the doc's placeholder "1234567890") → the dev demo HMAC key `demo-key` / `demo-secret`;
 * - the snippets' `sign_and_send(...)` lines get their result assigned (and lose a `return`, which is only valid
 *   inside a function); nothing else in a snippet changes.
 * Additions around the doc's code: `SECRET = API_SECRET` (sign_and_send reads an undefined `SECRET`, a bug in the docs),
 * `DOWNLOAD_TOKEN` from the voices list, and the synthesis request signed with the doc's generate_authorization_header
 * directly, because sign_and_send calls `response.json()` and synthesis answers a WAV. stdout is pointed at stderr
 * while the doc's code runs (its sign_and_send pprints every response) so that stdout carries only the result JSON.
 */
function pythonProgram(): string {
  let hmac = doc.hmacBlock;
  hmac = substitute(hmac, /^URL_BASE = .*$/m, 'URL_BASE = sys.argv[1]');
  hmac = substitute(hmac, /^API_SECRET = .*$/m, `API_SECRET = "${DEMO.apiSecret}"`);
  hmac = substitute(hmac, /^API_KEY = .*$/m, `API_KEY = "${DEMO.apiKey}"`);

  const assignResult = (snippet: PythonSnippet, variable: string): string => {
    const call = snippet.lines.at(-1)!;
    return [...snippet.lines.slice(0, -1), substitute(call, /^(return )?(?=sign_and_send\()/, `${variable} = `)].join(
      '\n',
    );
  };
  const synthesis = pythonSnippet('/api/v1/external/synthesis/');

  return [
    'import sys, json',
    '_result_out, sys.stdout = sys.stdout, sys.stderr',
    "# ---- the doc's HMAC example ----",
    hmac,
    "# ---- end of the doc's HMAC example ----",
    'SECRET = API_SECRET',
    assignResult(pythonSnippet('/api/v1/external/user/info/'), 'user'),
    assignResult(pythonSnippet('/api/v1/external/voices/list/'), 'voices'),
    'DOWNLOAD_TOKEN = voices["voices"][0]["download_token"]',
    "# the doc's synthesis snippet up to (not including) its sign_and_send call, which defines endpoint and payload",
    synthesis.lines.slice(0, -1).join('\n'),
    'prepped = http_requests.Request("GET", URL_BASE + endpoint, params=payload).prepare()',
    'prepped.headers["Authorization"] = generate_authorization_header(SECRET, "GET", endpoint, prepped.path_url.split("?")[1],',
    '    get_test_nonce(), "", get_timestamp())',
    'with http_requests.Session() as session:',
    '    audio = session.send(prepped)',
    '_result_out.write(json.dumps({"user": user, "voices": len(voices["voices"]),',
    '    "synthesis": [audio.status_code, audio.headers.get("content-type"), len(audio.content)]}))',
    '',
  ].join('\n');
}

describe.skipIf(skipReason !== null)('the documentation’s Python HMAC example', () => {
  it('signs GET requests this server accepts', async () => {
    const program = pythonProgram();
    const { stdout } = await run('python3', ['-c', program, server.url]).catch((err: Error & { stderr?: string }) => {
      throw new Error(`${err.message}\n--- program ---\n${program}`);
    });
    const result = JSON.parse(stdout) as { user: unknown; voices: number; synthesis: [number, string, number] };
    expect(result.user).toEqual({ nickname: 'Demo Reader' });
    expect(result.voices).toBeGreaterThan(0);
    expect(result.synthesis[0]).toBe(200);
    expect(result.synthesis[1]).toBe('audio/wav');
    expect(result.synthesis[2]).toBeGreaterThan(48000);
  });
});

describe('without the API documentation', () => {
  it('a clone without ../shared/ skips with the reason; a named path never skips', () => {
    const absent = '/nonexistent/vocalid-api.txt';
    expect(apiDocSkipReason(absent, {})).toContain(absent);
    expect(apiDocSkipReason(absent, { VOCALID_API_DOC: absent })).toBeNull();
    expect(() => loadApiDocExamples(absent)).toThrow(/VocaliD API documentation not found/);
  });
});
