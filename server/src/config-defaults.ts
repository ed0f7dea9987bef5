import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerConfig } from './context';

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));

/** Documented default token lifetime (vocalid-api.txt example `expires_in`). */
export const DEFAULT_TOKEN_TTL = 15_552_000;

/**
 * A signed-in user's access tokens (PKCE grant) live an hour: the extension refreshes them silently, and a leaked
 * one is useful for at most that long (RFC 9700 §2.2.2 asks for short-lived access tokens).
 */
export const DEFAULT_USER_TOKEN_TTL = 3600;

export function defaultConfig(): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 8787,
    dataDir: DEFAULT_DATA_DIR,
    dev: false,
    tokenTtl: DEFAULT_TOKEN_TTL,
    userTokenTtl: DEFAULT_USER_TOKEN_TTL,
    publicRedirectUris: [],
    allowPrivatePutUrl: false,
    trustProxy: false,
    maxRecordingSeconds: 30,
    maxRecordingsPerAccount: 200,
    testFaults: false,
    // The extension prefetches a few units per second at most; 600/min leaves room for several tabs and retries.
    rateLimitPerMinute: 600,
    maxBodyBytes: 10 * 1024 * 1024,
    requestTimeoutMs: 30_000,
    speechWorkers: availableParallelism(),
    quiet: false,
  };
}

export const resolveDataDir = (dir: string) => path.resolve(dir);

/** Loopback names and addresses: the only hosts dev mode, test faults and private put_urls may listen on. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Settings that must never meet a network-facing address; thrown by the CLI and by startServer alike. */
export function loopbackOnlyProblem(
  config: Pick<ServerConfig, 'host' | 'dev' | 'testFaults' | 'allowPrivatePutUrl'>,
): string | undefined {
  if (isLoopbackHost(config.host)) return undefined;
  const flags = [
    config.dev && '--dev',
    config.testFaults && '--test-faults',
    config.allowPrivatePutUrl && '--allow-private-put-url',
  ].filter(Boolean);
  if (flags.length === 0) return undefined;
  return `${flags.join(', ')} may only be used with a loopback --host (127.0.0.1, ::1, localhost), not ${config.host}`;
}
