import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { hashToken, randomToken } from './auth/codes.ts';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './auth/signInLimit.ts';
import { requireStaff } from './auth/staffSession.ts';
import { createStores, type RouteContext } from './context.ts';
import { openDatabase, type DatabaseTarget } from './db/connect.ts';
import { backfillReviews } from './db/reviewBackfill.ts';
import type { StaffRole } from './db/schema.ts';
import type { ScenarioVersion } from './library.ts';
import { refuseCrossOrigin } from './origin.ts';
import { liveRoutes } from './live/routes.ts';
import { pageRoutes } from './pages.ts';
import { scheduleRetention } from './retention.ts';
import { adminRoutes } from './routes/accounts.ts';
import { attemptRoutes } from './routes/attempts.ts';
import { cohortRoutes } from './routes/cohorts.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { staffAuthRoutes, staffMeRoutes } from './routes/staff.ts';
import { meRoutes, publicTraineeRoutes } from './routes/trainees.ts';
import { createScenarioSource } from './scenarios.ts';
import { registerSecurityHeaders } from './securityHeaders.ts';
import { requireTrainee, type SessionOptions } from './session.ts';
import type { XapiConfig } from './xapi/config.ts';
import { setUpXapi } from './xapi/plugin.ts';

export interface ServerConfig extends SessionOptions {
  database: DatabaseTarget;
  /** The checked scenario library (loadLibrary); every version is stored before the first request. */
  library: readonly ScenarioVersion[];
  /** The built game (dist/), served at /; without it the server is the API alone. */
  staticDir?: string;
  logger?: boolean;
  /** Called at start with a new one-time first-admin token while no admin exists (it voids the previous one). */
  onFirstAdminToken?: (token: string) => void;
  /** The origin browsers use, behind a proxy (HTL_PUBLIC_URL); links and the Origin check use it. */
  publicUrl?: string;
  /** The time; tests pass their own to age tokens and records. */
  clock?: () => Date;
  signInLimits?: Partial<SignInLimits>;
  publicRequestsPerMinute?: number;
  /** A live room with no event for this many hours is ended, and its code stops working. */
  liveIdleHours?: number;
  /** Behind a reverse proxy (HTL_TRUST_PROXY=1): the client's address and scheme come from X-Forwarded-For and -Proto. */
  trustProxy?: boolean;
  /** How often the retention purge runs after the one at start. */
  purgeEveryMs?: number;
  /** The LRS statements are forwarded to (docs/xapi.md); none without it. */
  xapi?: XapiConfig;
}

/** A request body over this is refused (413) before it is parsed; the largest real one is well under 1 KB. */
export const BODY_LIMIT_BYTES = 16 * 1024;

/** The team server: the game's files and its API on one port. Closing the app closes the database. */
export async function createServer(config: ServerConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy ?? false,
    // Fastify's defaults would silently drop unknown fields and turn "5" into 5; refuse both instead.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } },
  });
  const db = await openDatabase(config.database, (error) => app.log.warn({ err: error }, 'a database connection was lost'));
  app.addHook('onClose', () => db.destroy());
  try {
    const stores = createStores(db);
    await stores.store.saveScenarioVersions(config.library);
    await backfillReviews(db, (attemptId, error) => app.log.error({ attemptId }, `a stored attempt does not replay, so its decisions have no review: ${error}`));
    const context: RouteContext = {
      ...stores,
      scenarios: createScenarioSource(config.library, stores.store),
      sessions: { secureCookies: config.secureCookies },
      clock: config.clock ?? (() => new Date()),
      publicUrl: config.publicUrl,
      signInLimits: { ...DEFAULT_SIGN_IN_LIMITS, ...config.signInLimits },
      publicRequestsPerMinute: config.publicRequestsPerMinute ?? 100,
      liveIdleMs: (config.liveIdleHours ?? 12) * 60 * 60 * 1000,
      lrs: config.xapi ? { names: config.xapi.sendNames } : null,
    };
    await offerFirstAdminLink(context, config.onFirstAdminToken);
    const xapi = setUpXapi(db, config.xapi, stores.store, context.scenarios, app.log);
    app.addHook('onClose', () => xapi.stop());
    const retention = scheduleRetention(stores.privacy, context.clock, context.signInLimits.windowSeconds, config.purgeEveryMs ?? 60 * 60 * 1000, app.log);
    // onClose hooks run last-added first: the purge under way finishes before the database closes.
    app.addHook('onClose', () => retention.stop());
    await registerSecurityHeaders(app, config.staticDir, config.secureCookies);
    await app.register(fastifyCookie);
    // Per address, in this process's memory: each instance counts its own (docs/security.md).
    await app.register(fastifyRateLimit, { global: false, errorResponseBuilder: (_request, limit) => Object.assign(new Error(`too many requests: try again in ${limit.after}`), { statusCode: 429 }) });
    await app.register((api) => apiRoutes(api, context, xapi), { prefix: '/api' });
    if (config.staticDir) {
      // The pages first: each carries who is signed in (server/pages.ts); every other file is served as it is.
      await pageRoutes(app, config.staticDir, context);
      await app.register(fastifyStatic, { root: config.staticDir });
    }
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}

async function offerFirstAdminLink({ staff }: RouteContext, onToken: ServerConfig['onFirstAdminToken']): Promise<void> {
  if (!onToken) return;
  const token = randomToken();
  if (await staff.replaceFirstAdminToken(hashToken(token))) onToken(token);
}

async function apiRoutes(api: FastifyInstance, context: RouteContext, xapi: ReturnType<typeof setUpXapi>): Promise<void> {
  // JSON only: a cross-site HTML form can send text/plain or form data, never application/json.
  api.removeAllContentTypeParsers();
  api.addContentTypeParser('application/json', { parseAs: 'string' }, api.getDefaultJsonParser('error', 'error'));
  refuseCrossOrigin(api, context.publicUrl);
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
  api.get('/scenarios', async () => ({ scenarios: context.scenarios.served }));
  // For a load balancer: 200 only while this instance can reach its database, so it is taken out of rotation when it cannot.
  api.get('/health', async (request, reply) => {
    try {
      await context.store.ping();
      return { ok: true };
    } catch (error) {
      request.log.warn({ err: error }, 'health check: the database does not answer');
      return reply.code(503).send({ error: 'the database does not answer' });
    }
  });
  privacyRoutes(api, context);
  publicTraineeRoutes(api, context);
  staffAuthRoutes(api, context);
  await api.register(async (trainee) => {
    requireTrainee(trainee, context.store, context.clock);
    meRoutes(trainee, context);
    attemptRoutes(trainee, context.store, context.scenarios);
    xapi.watchAttempts(trainee);
  });
  const staffOnly = (roles: readonly StaffRole[], routes: (scope: FastifyInstance) => void) =>
    api.register(async (scope) => {
      requireStaff(scope, context.staff, roles, context.clock);
      routes(scope);
    });
  await staffOnly(['admin', 'manager', 'trainer'], staffMeRoutes);
  await staffOnly(['admin', 'manager'], (scope) => {
    cohortRoutes(scope, context);
    dashboardRoutes(scope, context);
  });
  await staffOnly(['admin'], (scope) => adminRoutes(scope, context));
  await staffOnly(['admin'], xapi.statusRoutes);
  await liveRoutes(api, context);
}
