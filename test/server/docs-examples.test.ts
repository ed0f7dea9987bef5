import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav, startCoreServer } from './core-helpers';

const run = promisify(execFile);

let server: Awaited<ReturnType<typeof startCoreServer>>;
beforeAll(async () => {
  server = await startCoreServer();
});
afterAll(() => server.cleanup());

/** Runs a shell command from vocalid-api.txt verbatim, with only the base URL and placeholders swapped. */
async function docCurl(command: string, values: Record<string, string> = {}): Promise<Buffer> {
  let cmd = command.replaceAll('https://vocalid.co', server.url).replace(/^\$ /, '').replace(/\\\n/g, ' ');
  for (const [k, v] of Object.entries(values)) cmd = cmd.replaceAll(`<${k}>`, v);
  const { stdout } = await run('bash', ['-c', `${cmd} --silent --show-error --fail-with-body`], { encoding: 'buffer' });
  return stdout;
}

describe('the documentation’s curl examples against this server', () => {
  let accessToken = '';
  let downloadToken = '';

  it('client credentials', async () => {
    const out = await docCurl(`$ curl -u client_id:client_secret \\
https://vocalid.co/api/v1/oauth/token \\
-d 'grant_type=client_credentials' \\
-d 'scope=voice:synthesis'`.replace('client_id:client_secret', 'demo-client:demo-secret'));
    const body = JSON.parse(out.toString()) as { access_token: string; token_type: string; scope: string };
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'voice:synthesis', expires_in: 15552000 });
    // the remaining examples need more scopes than the docs' first example asks for
    const all = await docCurl(`$ curl -u demo-client:demo-secret https://vocalid.co/api/v1/oauth/token -d 'grant_type=client_credentials'`);
    accessToken = (JSON.parse(all.toString()) as { access_token: string }).access_token;
  });

  it('user info', async () => {
    const out = await docCurl(`$ curl -H "Authorization: Bearer <access_token>" \\
https://vocalid.co/api/v1/external/user/info/ `, { access_token: accessToken });
    expect(JSON.parse(out.toString())).toEqual({ nickname: 'Demo Reader' });
  });

  it('voices list (the docs write <account_id> where the token goes)', async () => {
    const out = await docCurl(`$ curl -H "Authorization: Bearer <account_id>" \\
https://vocalid.co/api/v1/external/voices/list/ \\
-X "GET"`, { account_id: accessToken });
    const body = JSON.parse(out.toString()) as { voices: { download_token: string }[] };
    expect(body.voices.length).toBeGreaterThan(0);
    downloadToken = body.voices[0]!.download_token;
  });

  it('synthesis returns a WAV', async () => {
    const out = await docCurl(`$ curl -H "Authorization: Bearer <access_token>" \\
-G https://vocalid.co/api/v1/external/synthesis/ \\
-d 'download_token=<download_token>' --data-urlencode 'script=This is a sample' -d 'pitch=1' -d 'rate=1'`, {
      access_token: accessToken,
      download_token: downloadToken,
    });
    const wav = decodeWav(new Uint8Array(out));
    expect(wav.sampleRate).toBe(48000);
    expect(wav.samples.length / wav.sampleRate).toBeGreaterThan(0.5);
  });

  it('introspect and revoke', async () => {
    const intro = await docCurl(`$ curl -u client_id:client_secret \\
https://vocalid.co/api/v1/oauth/introspect \\
-d 'token=<access_token>'`.replace('client_id:client_secret', 'demo-client:demo-secret'), { access_token: accessToken });
    expect(JSON.parse(intro.toString())).toMatchObject({ active: true });
    await docCurl(`$ curl -u client_id:client_secret \\
https://vocalid.co/api/v1/oauth/revoke \\
-d 'token=<access_token>'`.replace('client_id:client_secret', 'demo-client:demo-secret'), { access_token: accessToken });
    const after = await docCurl(`curl -u demo-client:demo-secret https://vocalid.co/api/v1/oauth/introspect -d 'token=<access_token>'`, { access_token: accessToken });
    expect(JSON.parse(after.toString())).toEqual({ active: false });
  });
});

/**
 * The documentation's Python HMAC example, function for function (requests library). Two changes only: URL_BASE and
 * the demo credentials, and `SECRET = API_SECRET` because the example reads an undefined `SECRET` (a bug in the docs).
 */
const PYTHON_EXAMPLE = String.raw`
import hashlib, hmac, random, pprint, time, datetime, json, sys
import requests as http_requests

URL_BASE = sys.argv[1]
API_SECRET = "demo-secret"
API_KEY = "demo-key"
SECRET = API_SECRET

def get_test_nonce():
    return str(int(time.time() * 10000)) + str(random.getrandbits(64))

def get_timestamp():
    t = datetime.datetime.utcnow()
    return t.isoformat()

def to_hexdigest(data):
    h = hashlib.sha256()
    h.update(data.encode('latin-1'))
    return h.hexdigest()

def generate_authorization_header(secret, method, endpoint, params, nonce, body, timestamp, **kwargs):
    signature = generate_signature(secret, method, endpoint, params, nonce, body, timestamp, **kwargs)
    return "signature={}, nonce={}, timestamp={}".format(signature, nonce, timestamp)

def generate_signature(secret, method, endpoint, params, nonce, body, timestamp, **kwargs):
    body = to_hexdigest(body)
    data = "{}\n{}\n{}\n{}\n{}\n{}".format(method, endpoint, params, nonce, body, timestamp)
    data = to_hexdigest(data)
    h = hmac.new(bytes(secret, 'latin-1'), bytes(data, 'latin-1'), hashlib.sha256)
    return h.hexdigest()

def sign_and_send(endpoint, method, body=None, params=None, files=None, json=None):
    url = URL_BASE + endpoint
    r = http_requests.Request(method, url, data=body, params=params, files=files, json=json)
    prepped = r.prepare()
    params_split = prepped.path_url.split("?")
    params = params_split[1] if len(params_split) == 2 else ""
    data_to_sign = {
        "nonce": get_test_nonce(),
        "secret": SECRET,
        "method": method,
        "endpoint": endpoint,
        "params": params,
        "body": prepped.body if prepped.body else "",
        "timestamp": get_timestamp()
    }
    prepped.headers["Authorization"] = generate_authorization_header(**data_to_sign)
    with http_requests.Session() as session:
        response = session.send(prepped)
        pprint.pprint({"status": response, "elapsed": response.elapsed, "json":response.json()}, stream=sys.stderr)
        return response.json()

user = sign_and_send("/api/v1/external/user/info/", method="GET", params={"api_key": API_KEY})
voices = sign_and_send("/api/v1/external/voices/list/", method="GET", params={"api_key": API_KEY})
token = voices["voices"][0]["download_token"]
# The synthesis example answers audio, not JSON, so sign_and_send's response.json() cannot be used; the same
# signing functions are called the same way and the bytes are checked instead.
endpoint = "/api/v1/external/synthesis/"
prepped = http_requests.Request("GET", URL_BASE + endpoint, params={"api_key": API_KEY, "script": "this is my vocal identity",
    "download_token": token, "pitch": 1, "rate": 1}).prepare()
prepped.headers["Authorization"] = generate_authorization_header(SECRET, "GET", endpoint, prepped.path_url.split("?")[1],
    get_test_nonce(), "", get_timestamp())
with http_requests.Session() as session:
    audio = session.send(prepped)
print(json.dumps({"user": user, "voices": len(voices["voices"]), "synthesis": [audio.status_code, audio.headers.get("content-type"), len(audio.content)]}))
`;

describe('the documentation’s Python HMAC example', () => {
  it('signs GET requests this server accepts', async () => {
    const { stdout } = await run('python3', ['-c', PYTHON_EXAMPLE, server.url]);
    const result = JSON.parse(stdout) as { user: unknown; voices: number; synthesis: [number, string, number] };
    expect(result.user).toEqual({ nickname: 'Demo Reader' });
    expect(result.voices).toBeGreaterThan(0);
    expect(result.synthesis[0]).toBe(200);
    expect(result.synthesis[1]).toBe('audio/wav');
    expect(result.synthesis[2]).toBeGreaterThan(48000);
  });
});
