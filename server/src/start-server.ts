import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from './app';
import { defaultConfig, loopbackOnlyProblem, resolveDataDir } from './config-defaults';
import type { ServerConfig, ServerContext } from './context';
import { openDatabase } from './db/database';
import { configurePublicClient, removeDevCredentials, seedDevCredentials } from './seed/dev-seed';
import { seedStockVoices } from './seed/stock-voices';
import { AudioWorker } from './audio/audio-worker';
import { SpeechPool } from './speech/speech-pool';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
  ctx: ServerContext;
  /** What this start changed that the operator should hear about (e.g. demo credentials removed). */
  notices: string[];
}

/** Opens the data dir, seeds, starts the speech workers and listens. Used by the CLI and by tests (port 0). */
export async function startServer(opts: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config: ServerConfig = { ...defaultConfig(), ...opts };
  config.dataDir = resolveDataDir(config.dataDir);
  const problem = loopbackOnlyProblem(config);
  if (problem) throw new Error(problem);
  const db = openDatabase(config.dataDir);
  seedStockVoices(db);
  const notices: string[] = [];
  if (config.dev) {
    seedDevCredentials(db);
  } else {
    const removed = removeDevCredentials(db);
    if (removed.length)
      notices.push(`Not in dev mode: removed the demo credentials this data dir had (${removed.join(', ')}).`);
  }
  configurePublicClient(db, config.dev, config.publicRedirectUris);
  if (!config.dev && config.publicRedirectUris.length === 0) {
    notices.push(
      'No --public-redirect configured: the extension cannot sign in with a user account (see server/README.md).',
    );
  }

  const speech = new SpeechPool(config.speechWorkers);
  const ctx: ServerContext = {
    db,
    dataDir: config.dataDir,
    config,
    speech,
    audio: new AudioWorker(),
    log: config.quiet ? () => undefined : (msg) => console.log(msg),
    now: () => Date.now(),
  };
  const app = createApp(ctx);
  await speech.ready();

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
    s.once('error', reject);
  });
  const http = server as Server;
  // Slow-loris protection; handler time is bounded separately (synthesis timeout, put_url timeout).
  http.headersTimeout = 15_000;
  http.requestTimeout = config.requestTimeoutMs;
  // Idle keep-alive connections stay open well past a client's own idle limit (undici: 4 s; Node's 5 s default left
  // a 1 s margin): otherwise a client paused for a moment sends its next request into a closing socket and gets
  // ECONNRESET instead of an answer (test/server/keep-alive.test.ts). server.close() still ends idle connections.
  http.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    ctx,
    notices,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          http.closeAllConnections();
        });
        await speech.close();
        await ctx.audio.close();
        db.close();
      })();
      return closing;
    },
  };
}
