import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerConfig } from './context';

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));

/** Documented default token lifetime (vocalid-api.txt example `expires_in`). */
export const DEFAULT_TOKEN_TTL = 15_552_000;

export function defaultConfig(): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 8787,
    dataDir: DEFAULT_DATA_DIR,
    dev: true,
    tokenTtl: DEFAULT_TOKEN_TTL,
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
