import type { FastifyInstance, FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Store } from '../db/store.ts';
import type { ScenarioSource } from '../scenarios.ts';
import { traineeOf } from '../session.ts';
import type { XapiConfig } from './config.ts';
import { startForwarder } from './forwarder.ts';
import { createOutbox, lrsStatus } from './outbox.ts';
import { withXapiTables } from './tables.ts';

/** The routes whose success changes an attempt's statements, and where each finds the attempt's id. */
const ATTEMPT_ROUTES: Record<string, (request: { body: unknown; params: unknown }) => string> = {
  '/api/attempts': (request) => (request.body as { id: string }).id,
  '/api/attempts/:id/decisions': (request) => (request.params as { id: string }).id,
};

/**
 * xAPI on the team server: with an LRS configured, each started attempt and each recorded decision
 * queues its statements before the device hears "recorded", and a sender delivers them. A device
 * retries until it hears that, so a crash in between loses nothing: the retry queues them again,
 * and the statement ids make that a no-op. Without an LRS nothing is queued.
 */
export function setUpXapi(db: Kysely<Database>, config: XapiConfig | undefined, store: Store, scenarios: ScenarioSource, log: FastifyBaseLogger) {
  const xapiDb = withXapiTables(db);
  const forwarder = config && startForwarder(xapiDb, config, log);
  const outbox = config && createOutbox(xapiDb, store, scenarios, config);
  return {
    /** On the trainee routes: queue statements as attempts start and decisions are recorded. */
    watchAttempts(trainee: FastifyInstance): void {
      if (!outbox || !forwarder) return;
      trainee.addHook('onSend', async (request, reply, payload) => {
        const attemptOf = ATTEMPT_ROUTES[request.routeOptions.url ?? ''];
        if (request.method !== 'POST' || !attemptOf || reply.statusCode >= 300) return payload;
        await outbox.enqueueAttempt(attemptOf(request), traineeOf(request));
        forwarder.wake();
        return payload;
      });
    },
    /** For admins: how delivery stands (never the credentials). */
    statusRoutes(admin: FastifyInstance): void {
      admin.get('/staff/lrs-status', () => lrsStatus(xapiDb, config));
    },
    stop: async () => forwarder?.stop(),
  };
}
