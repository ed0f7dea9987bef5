import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from './app';
import { defaultConfig, resolveDataDir } from './config-defaults';
import type { ServerConfig, ServerContext } from './context';
import { openDatabase } from './db/database';
import { seedDevCredentials } from './seed/dev-seed';
import { seedStockVoices } from './seed/stock-voices';
import { SpeechPool } from './speech/speech-pool';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
  ctx: ServerContext;
}

/** Opens the data dir, seeds, starts the speech workers and listens. Used by the CLI and by tests (port 0). */
export async function startServer(opts: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config: ServerConfig = { ...defaultConfig(), ...opts };
  config.dataDir = resolveDataDir(config.dataDir);
  const db = openDatabase(config.dataDir);
  seedStockVoices(db);
  if (config.dev) seedDevCredentials(db);

  const speech = new SpeechPool(config.speechWorkers);
  const ctx: ServerContext = {
    db,
    dataDir: config.dataDir,
    config,
    speech,
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
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    ctx,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          http.closeAllConnections();
        });
        await speech.close();
        db.close();
      })();
      return closing;
    },
  };
}
