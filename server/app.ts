import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { openDatabase, type DatabaseTarget } from './db/connect.ts';
import { createStore, type Store } from './db/store.ts';
import type { ScenarioVersion } from './library.ts';
import { attemptRoutes } from './routes/attempts.ts';
import { traineeRoutes } from './routes/trainees.ts';
import { createScenarioSource, type ScenarioSource } from './scenarios.ts';
import { requireTrainee, type SessionOptions } from './session.ts';

export interface ServerConfig extends SessionOptions {
  database: DatabaseTarget;
  /** The checked scenario library (loadLibrary); every version is stored before the first request. */
  library: readonly ScenarioVersion[];
  /** The built game (dist/), served at /; without it the server is the API alone. */
  staticDir?: string;
  logger?: boolean;
}

/** A request body over this is refused (413) before it is parsed; the largest real one is well under 1 KB. */
export const BODY_LIMIT_BYTES = 16 * 1024;

/** The team server: the game's files and its API on one port. Closing the app closes the database. */
export async function createServer(config: ServerConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Fastify's defaults would silently drop unknown fields and turn "5" into 5; refuse both instead.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } },
  });
  const db = await openDatabase(config.database, (error) => app.log.warn({ err: error }, 'a database connection was lost'));
  app.addHook('onClose', () => db.destroy());
  try {
    const store = createStore(db);
    await store.saveScenarioVersions(config.library);
    await app.register(fastifyCookie);
    await app.register((api) => apiRoutes(api, store, createScenarioSource(config.library, store), config), { prefix: '/api' });
    if (config.staticDir) await app.register(fastifyStatic, { root: config.staticDir });
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}

async function apiRoutes(api: FastifyInstance, store: Store, scenarios: ScenarioSource, sessions: SessionOptions): Promise<void> {
  // JSON only: a cross-site HTML form can send text/plain or form data, never application/json.
  api.removeAllContentTypeParsers();
  api.addContentTypeParser('application/json', { parseAs: 'string' }, api.getDefaultJsonParser('error', 'error'));
  api.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  });
  api.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status < 500) return reply.code(status).send({ error: error.message });
    // Details of a server fault go to the log, never to the client.
    request.log.error(error);
    return reply.code(500).send({ error: 'internal error' });
  });
  api.get('/scenarios', async () => ({ scenarios: scenarios.served }));
  traineeRoutes(api, store, sessions);
  await api.register(async (signedIn) => {
    requireTrainee(signedIn, store);
    attemptRoutes(signedIn, store, scenarios);
  });
}
