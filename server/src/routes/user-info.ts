import type { Hono } from 'hono';
import { requireAuth } from '../auth/require-auth';
import { getUser } from '../auth/user-store';
import type { AppEnv, ServerContext } from '../context';
import { ApiError } from '../http/api-error';

export function registerUserInfoRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/external/user/info', requireAuth('user:info'), (c) => {
    const user = getUser(ctx.db, c.get('principal').userId);
    if (!user) throw new ApiError(404, 'user_not_found', 'The user behind these credentials no longer exists.');
    return c.json({ nickname: user.nickname });
  });
}
