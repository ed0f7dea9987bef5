import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { AppEnv, ServerContext } from './context';
import { isLoopbackHost } from './config-defaults';
import { ApiError, apiError } from './http/api-error';
import { rawBody } from './http/raw-body';
import { OAuthError } from './oauth/oauth-error';
import { registerAccountRoutes } from './routes/accounts';
import { registerBuildRoutes } from './routes/builds';
import { registerDownloadRoutes } from './routes/downloads';
import { registerOAuthAuthorizeRoutes } from './routes/oauth-authorize';
import { registerOAuthTokenRoutes } from './routes/oauth-token';
import { registerRecordingRoutes } from './routes/recordings';
import { registerSynthesisRoutes } from './routes/synthesis';
import { registerTestApiRoutes } from './routes/test-api';
import { registerUserInfoRoutes } from './routes/user-info';
import { registerVoiceListRoutes } from './routes/voices-list';
import { FaultInjector } from './testing/fault-rules';
import { RequestLog, type LoggedRequest } from './testing/request-log';

const PUBLIC_DIR = fileURLToPath(new URL('../public', import.meta.url));
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[A-Za-z0-9-]+$/;
const CHROMIUM_REDIRECT = /^https:\/\/([a-p]{32})\.chromiumapp\.org\//;

/**
 * Origins allowed to read answers cross-origin. Dev mode: any extension. Otherwise only the Chromium extensions
 * whose sign-in redirect is configured (the extension's own requests come from its service worker with host
 * permissions and need no CORS; this only keeps other extensions' pages from reading answers with a user's token).
 */
function corsOrigins(ctx: ServerContext): (origin: string) => boolean {
  if (ctx.config.dev) return (origin) => EXTENSION_ORIGIN.test(origin);
  const allowed = new Set(
    ctx.config.publicRedirectUris.flatMap((uri) => {
      const id = CHROMIUM_REDIRECT.exec(uri)?.[1];
      return id ? [`chrome-extension://${id}`] : [];
    }),
  );
  return (origin) => allowed.has(origin);
}

/** The host part of a Host header ("[::1]:8787" → "::1"). */
function hostName(header: string): string {
  const m = /^\[([^\]]*)\](?::\d+)?$/.exec(header) ?? /^([^:]*)(?::\d+)?$/.exec(header);
  return (m?.[1] ?? header).toLowerCase();
}

const incomingOf = (env: unknown) => (env as { incoming?: IncomingMessage } | undefined)?.incoming;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface AppExtras {
  requestLog: RequestLog;
  faults: FaultInjector;
}

export function createApp(ctx: ServerContext): Hono<AppEnv> & { extras: AppExtras } {
  // strict: false — documented paths end with "/", and we accept them without it too.
  const app = new Hono<AppEnv>({ strict: false }) as Hono<AppEnv> & { extras: AppExtras };
  const requestLog = new RequestLog();
  const faults = new FaultInjector();
  app.extras = { requestLog, faults };

  app.use('*', async (c, next) => {
    c.set('ctx', ctx);
    await next();
    // JSON errors quote what the request asked for (e.g. an unknown path): never let a browser sniff them as HTML.
    c.header('X-Content-Type-Options', 'nosniff');
  });

  if (ctx.config.dev) {
    // DNS rebinding: a web page whose name now resolves to 127.0.0.1 reaches this loopback server with its own name
    // as Host, and could use the public demo credentials. A dev server answers only to loopback names.
    const listening = ctx.config.host.replace(/^\[|\]$/g, '').toLowerCase();
    app.use('*', async (c, next) => {
      const name = hostName(c.req.header('host') ?? '');
      if (name !== listening && !isLoopbackHost(name)) {
        return apiError(
          c,
          421,
          'misdirected_request',
          'A dev mode server answers only requests addressed to a loopback name.',
        );
      }
      return next();
    });
  }

  if (ctx.config.testFaults) {
    app.use('/api/*', async (c, next) => {
      const started = performance.now();
      const url = new URL(c.req.url);
      let entry: LoggedRequest | undefined;
      let bodyMs: number | undefined;
      try {
        await next();
        if (c.get('synthesisPacing')?.stream && c.res.body) {
          // The handler returns before a streamed body is sent: note when its last byte goes out as well.
          const timed = c.res.body.pipeThrough(
            new TransformStream<Uint8Array, Uint8Array>({
              flush() {
                bodyMs = Math.round(performance.now() - started);
                if (entry) entry.bodyMs = bodyMs;
              },
            }),
          );
          c.res = new Response(timed, c.res);
        }
      } finally {
        const dropped = incomingOf(c.env)?.socket.destroyed ?? false;
        entry = requestLog.add({
          at: Date.now(),
          method: c.req.method,
          path: url.pathname,
          query: url.searchParams,
          status: dropped ? 0 : c.res.status,
          ms: Math.round(performance.now() - started),
          auth: c.get('principal')?.scheme ?? null,
          ...(bodyMs !== undefined ? { bodyMs } : {}),
        });
      }
    });
  }

  app.use(
    '*',
    cors({
      origin: ((allowed) => (origin: string) => (allowed(origin) ? origin : null))(corsOrigins(ctx)),
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['Retry-After', 'Content-Length', 'X-Sample-Rate', 'X-Audio-Duration-Ms'],
      maxAge: 600,
    }),
  );

  if (ctx.config.testFaults) {
    app.use('/api/*', async (c, next) => {
      const rule = faults.pick(c.req.path);
      if (!rule) return next();
      if (rule.latencyMs) await sleep(rule.latencyMs);
      const socket = incomingOf(c.env)?.socket;
      if (rule.latencyPerAudioSecondMs || rule.stream) {
        c.set('synthesisPacing', {
          perAudioSecondMs: rule.latencyPerAudioSecondMs ?? 0,
          stream: rule.stream ?? false,
          ...(rule.cutAfterAudioMs !== undefined && socket
            ? { cutAfterAudioMs: rule.cutAfterAudioMs, cut: () => socket.end() }
            : {}),
        });
      }
      if (rule.drop && socket) {
        socket.destroy();
        return c.body(null, 500);
      }
      if (rule.hang && socket) {
        await new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));
        return c.body(null, 500);
      }
      if (rule.status) {
        const headers: Record<string, string> = {};
        if (rule.retryAfter !== undefined) headers['Retry-After'] = String(rule.retryAfter);
        return apiError(
          c,
          rule.status as ContentfulStatusCode,
          'injected_fault',
          `Injected fault: HTTP ${rule.status}.`,
          headers,
        );
      }
      return next();
    });
    registerTestApiRoutes(app, ctx, requestLog, faults);
  }

  app.use(
    '*',
    rawBody(() => ctx.config.maxBodyBytes),
  );

  registerOAuthTokenRoutes(app, ctx);
  registerOAuthAuthorizeRoutes(app, ctx);
  registerUserInfoRoutes(app, ctx);
  registerVoiceListRoutes(app, ctx);
  registerSynthesisRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerRecordingRoutes(app, ctx);
  registerBuildRoutes(app, ctx);
  registerDownloadRoutes(app, ctx);

  app.get('/', (c) =>
    c.json({
      name: 'VocaliD-compatible server',
      api: '/api/v1/',
      demo: '/demo/article.html',
      docs: 'server/README.md',
    }),
  );
  app.use('/demo/*', serveStatic({ root: PUBLIC_DIR, rewriteRequestPath: (path) => path.replace(/^\/demo/, '') }));

  app.notFound((c) => apiError(c, 404, 'not_found', `No endpoint ${c.req.method} ${c.req.path}.`));

  app.onError((err, c) => {
    if (err instanceof ApiError) return apiError(c, err.status, err.code, err.message, err.headers);
    if (err instanceof OAuthError)
      return c.json(err.toJSON(), err.status, { 'Cache-Control': 'no-store', ...err.headers });
    if (err instanceof HTTPException) {
      return apiError(c, err.status as ContentfulStatusCode, 'http_error', err.message || 'Request failed.');
    }
    // Only a bug gets here; the message may carry internals, so it goes to the log, not to the client.
    ctx.log(
      `internal error on ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return apiError(c, 500, 'internal_error', 'Internal server error.');
  });

  return app;
}
