import { loopbackOnlyProblem } from '../config-defaults';
import type { ServerConfig } from '../context';

export class UsageError extends Error {}

export const SERVER_USAGE = `Usage: npm run server -- [options]
       npm run server -- admin <create-user|create-client|create-hmac-key> [options]

Options:
  --host HOST          listen address (default 127.0.0.1)
  --port N             port (default 8787; 0 picks a free port)
  --data-dir DIR       SQLite database and files (default server/data)
  --token-ttl SECONDS  access token lifetime (default 15552000)
  --user-token-ttl SECONDS
                       cap on a signed-in user's access tokens (PKCE grant; default 3600)
  --public-redirect URI
                       exact redirect URI of the extension's sign-in, e.g. https://<extension-id>.chromiumapp.org/
                       (repeatable; also allows chrome-extension://<extension-id> for CORS)
  --dev                dev mode: demo credentials, any extension id may sign in; loopback --host only.
                       Without it (the default, also --no-dev) the demo credentials are removed at start
  --test-faults        enable /__test/* (request log, fault injection); loopback --host only, never in production
  --allow-private-put-url
                       put_url may target loopback/private addresses (tests); loopback --host only
  --trust-proxy        trust X-Forwarded-Proto from the TLS proxy in front (Secure, __Host- cookies behind https)
  --max-recording-seconds N
                       longest accepted recording (default 30)
  --max-recordings N   recordings one account may hold (default 200)
  --rate-limit N       requests per minute per client (default 600; 0 = off)
  --max-body BYTES     request body limit (default 10485760)
  --workers N          speech worker threads (default: number of cores)`;

function intArg(name: string, value: string | undefined, min: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(`${name} needs a whole number >= ${min}`);
  }
  return Number(value);
}

/** Server flags → partial config; unknown flags are an error so a typo never silently changes behaviour. */
export function parseServerArgs(argv: string[]): Partial<ServerConfig> {
  const out: Partial<ServerConfig> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--host': {
        const v = value();
        if (!v) throw new UsageError('--host needs a value');
        out.host = v;
        break;
      }
      case '--port':
        out.port = intArg('--port', value(), 0);
        if (out.port > 65535) throw new UsageError('--port must be <= 65535');
        break;
      case '--data-dir': {
        const v = value();
        if (!v) throw new UsageError('--data-dir needs a value');
        out.dataDir = v;
        break;
      }
      case '--token-ttl':
        out.tokenTtl = intArg('--token-ttl', value(), 1);
        break;
      case '--dev':
        out.dev = true;
        break;
      case '--user-token-ttl':
        out.userTokenTtl = intArg('--user-token-ttl', value(), 1);
        break;
      case '--public-redirect': {
        const v = value();
        if (!v || !/^https:\/\/[^/*]+\/\S*$/.test(v))
          throw new UsageError('--public-redirect needs an https URL without wildcards');
        out.publicRedirectUris = [...(out.publicRedirectUris ?? []), v];
        break;
      }
      case '--allow-private-put-url':
        out.allowPrivatePutUrl = true;
        break;
      case '--trust-proxy':
        out.trustProxy = true;
        break;
      case '--max-recording-seconds':
        out.maxRecordingSeconds = intArg('--max-recording-seconds', value(), 1);
        break;
      case '--max-recordings':
        out.maxRecordingsPerAccount = intArg('--max-recordings', value(), 1);
        break;
      case '--no-dev':
        out.dev = false;
        break;
      case '--test-faults':
        out.testFaults = true;
        break;
      case '--rate-limit':
        out.rateLimitPerMinute = intArg('--rate-limit', value(), 0);
        break;
      case '--max-body':
        out.maxBodyBytes = intArg('--max-body', value(), 1);
        break;
      case '--workers':
        out.speechWorkers = intArg('--workers', value(), 1);
        break;
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  const problem = loopbackOnlyProblem({
    host: out.host ?? '127.0.0.1',
    dev: out.dev ?? false,
    testFaults: out.testFaults ?? false,
    allowPrivatePutUrl: out.allowPrivatePutUrl ?? false,
  });
  if (problem) throw new UsageError(problem);
  return out;
}
