import type { SynthesisPacing } from './testing/synthesis-pacing';
import type Database from 'better-sqlite3';
import type { AudioWorker } from './audio/audio-worker';
import type { SpeechPool } from './speech/speech-pool';

/** Everything a route or middleware needs; built once per server in start-server.ts. */
export interface ServerConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /**
   * Dev mode (`--dev`, opt-in) seeds the demo user and demo credentials and accepts any extension id as the public
   * client's redirect; loopback only. Without it the demo rows are removed at start.
   */
  dev: boolean;
  /** Lifetime in seconds of newly issued access tokens; changeable at runtime via /__test/config. */
  tokenTtl: number;
  /** Cap in seconds on access tokens a signed-in user's grant gets (authorization_code, refresh_token). */
  userTokenTtl: number;
  /** Exact redirect URIs of the public client (the extension) outside dev mode; also its CORS origins. */
  publicRedirectUris: string[];
  /** put_url may point at loopback and private addresses (tests only; loopback --host only). */
  allowPrivatePutUrl: boolean;
  /** Trust X-Forwarded-Proto from a TLS-terminating proxy in front (cookies then get Secure and __Host-). */
  trustProxy: boolean;
  /** Longest accepted recording, in seconds, read from the WAV header before decoding. */
  maxRecordingSeconds: number;
  /** Recordings one account may hold; bounds the audio a build analyses. */
  maxRecordingsPerAccount: number;
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
  /** Decoding, level checks and build analysis, off the event loop. */
  audio: AudioWorker;
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
    /** Test faults only: how a synthesis answer imitates a remote service's timing (testing/synthesis-pacing.ts). */
    synthesisPacing?: SynthesisPacing;
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
