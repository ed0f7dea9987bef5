import type Database from 'better-sqlite3';
import type { SpeechPool } from './speech/speech-pool';

/** Everything a route or middleware needs; built once per server in start-server.ts. */
export interface ServerConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /** Dev mode seeds the demo user and demo credentials; production (`--no-dev`) never has them. */
  dev: boolean;
  /** Lifetime in seconds of newly issued access tokens; changeable at runtime via /__test/config. */
  tokenTtl: number;
  /** Enables /__test/* (request log, fault injection). Never on by default. */
  testFaults: boolean;
  /** Authenticated requests per minute per client (OAuth client id, HMAC api_key). */
  rateLimitPerMinute: number;
  maxBodyBytes: number;
  /** Upper bound for handling one request; also bounds outgoing put_url uploads. */
  requestTimeoutMs: number;
  /** Size of the eSpeak worker pool; defaults to the number of cores. */
  speechWorkers: number;
  /** Silence the console (tests). */
  quiet: boolean;
}

export interface ServerContext {
  db: Database.Database;
  dataDir: string;
  config: ServerConfig;
  speech: SpeechPool;
  /** Never pass secrets, tokens or Authorization headers to it. */
  log: (msg: string) => void;
  /** Milliseconds since the epoch; injectable so expiry can be tested without sleeping. */
  now: () => number;
}

export type AuthScheme = 'hmac' | 'bearer';

export interface Principal {
  userId: string;
  clientId: string | null;
  apiKey: string | null;
  scheme: AuthScheme;
  scopes: string[];
}

export interface AppEnv {
  Variables: {
    principal: Principal;
    /** Raw request bytes, read once before auth so HMAC can hash them and handlers can still parse them. */
    rawBody: Uint8Array;
    /** Set by createApp for every request so shared middleware (requireAuth) can reach the database. */
    ctx: ServerContext;
  };
}

export const ALL_SCOPES = [
  'user:info',
  'external_account',
  'voice:list',
  'voice:synthesis',
  'voice:download',
  'voice_build',
] as const;
export type Scope = (typeof ALL_SCOPES)[number];
