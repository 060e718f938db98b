import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../context.ts';

/** Public: how long records are kept and whether results go on to an LRS, for the privacy notices on the join screen and the staff page. */
export function privacyRoutes(app: FastifyInstance, context: RouteContext): void {
  app.get('/privacy', async () => ({ retentionDays: await context.privacy.retentionDays(), lrs: context.lrs }));
}
