// The real VocaliD-compatible server (server/) on loopback, as the e2e tests, the benchmark and `npm start` run it.
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServerConfig } from '../../server/src/context';
import { startServer } from '../../server/src/start-server';

export interface LocalServer {
  url: string;
  port: number;
  dataDir: string;
  /** The configuration it runs with (defaults filled in). */
  config: ServerConfig;
  close(): Promise<void>;
}

export interface LocalServerOptions {
  /** 0 (the default) picks a free port, so parallel runs on one machine cannot collide. */
  port?: number;
  /** Kept after close; without it a throwaway directory is made and removed on close. */
  dataDir?: string;
  /** The `/__test/` API: request log and fault injection (default false). */
  testFaults?: boolean;
  /** Request-level logging off (default true). */
  quiet?: boolean;
  /** Access-token lifetime, in seconds. */
  tokenTtl?: number;
  /** Per-client synthesis limit; 0 turns it off (the benchmark's load is its own). */
  rateLimitPerMinute?: number;
}

/** The server in dev mode, which seeds the demo client the dev and test builds carry (demo-client/demo-secret). */
export async function startLocalServer(opts: LocalServerOptions = {}): Promise<LocalServer> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'vocalid-data-')));
  if (!ownDir) mkdirSync(dataDir, { recursive: true });
  try {
    const server = await startServer({
      host: '127.0.0.1',
      port: opts.port ?? 0,
      dataDir,
      dev: true,
      testFaults: opts.testFaults ?? false,
      quiet: opts.quiet ?? true,
      ...(opts.tokenTtl !== undefined ? { tokenTtl: opts.tokenTtl } : {}),
      ...(opts.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: opts.rateLimitPerMinute } : {}),
    });
    let closed = false;
    return {
      url: server.url.replace(/\/+$/, ''),
      port: server.port,
      dataDir,
      config: server.ctx.config,
      async close() {
        if (closed) return;
        closed = true;
        await server.close();
        if (ownDir) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    if (ownDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** The server the e2e tests drive: fault injection and the request log on, a throwaway data dir, a free port. */
export function startTestServer(opts: { tokenTtl?: number; port?: number } = {}): Promise<LocalServer> {
  return startLocalServer({ ...opts, testFaults: true });
}

/** What the e2e files call it. */
export type TestServer = LocalServer;
