import type { ServerConfig } from '../context';

export class UsageError extends Error {}

export const SERVER_USAGE = `Usage: npm run server -- [options]
       npm run server -- admin <create-user|create-client|create-hmac-key> [options]

Options:
  --host HOST          listen address (default 127.0.0.1)
  --port N             port (default 8787; 0 picks a free port)
  --data-dir DIR       SQLite database and files (default server/data)
  --token-ttl SECONDS  access token lifetime (default 15552000)
  --dev / --no-dev     dev mode seeds demo credentials (default --dev)
  --test-faults        enable /__test/* (request log, fault injection); never in production
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
  return out;
}
