import type { Hono } from 'hono';
import { requireAuth } from '../auth/require-auth';
import type { AppEnv, ServerContext } from '../context';
import { listVoicesFor, voiceToApi } from '../voices/voice-store';

export function registerVoiceListRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/external/voices/list', requireAuth('voice:list'), (c) => {
    const voices = listVoicesFor(ctx.db, c.get('principal').userId).map(voiceToApi);
    return c.json({ voices });
  });
}
