import type { Context, Hono } from 'hono';
import type { AppEnv, ServerContext } from '../context';
import { ApiError } from '../http/api-error';
import { getRawBody } from '../http/read-params';
import type { FaultInjector } from '../testing/fault-rules';
import { parseFaultRules } from '../testing/fault-rules';
import type { RequestLog } from '../testing/request-log';

async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  const text = new TextDecoder().decode(await getRawBody(c));
  try {
    return JSON.parse(text || '{}');
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

/** docs/architecture.md "Test-only fault injection"; registered only with --test-faults. */
export function registerTestApiRoutes(
  app: Hono<AppEnv>,
  ctx: ServerContext,
  log: RequestLog,
  faults: FaultInjector,
): void {
  app.get('/__test/requests', (c) => c.json({ requests: log.list() }));
  app.delete('/__test/requests', (c) => {
    log.clear();
    return c.json({ status: 'ok' });
  });
  app.put('/__test/faults', async (c) => {
    const rules = parseFaultRules(await jsonBody(c));
    faults.set(rules);
    return c.json({ status: 'ok', rules });
  });
  app.delete('/__test/faults', (c) => {
    faults.clear();
    return c.json({ status: 'ok' });
  });
  app.put('/__test/config', async (c) => {
    const body = (await jsonBody(c)) as { tokenTtl?: unknown } | null;
    if (body?.tokenTtl !== undefined) {
      const ttl = body.tokenTtl;
      if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1) {
        throw new ApiError(400, 'invalid_config', 'tokenTtl must be a whole number of seconds >= 1.');
      }
      ctx.config.tokenTtl = ttl;
    }
    return c.json({ status: 'ok', config: { tokenTtl: ctx.config.tokenTtl } });
  });
}
