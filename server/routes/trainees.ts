import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { cleanTraineeName, SCORING_VERSION } from '../../src/index.ts';
import { formatCode, hashToken, normalizeCode, randomCode } from '../auth/codes.ts';
import type { RouteContext } from '../context.ts';
import type { TraineeProfile } from '../db/traineeStore.ts';
import { clearSessionCookie, newSession, SESSION_COOKIE, setSessionCookie, traineeOf } from '../session.ts';
import { continueBody, joinParams, traineeBody } from './schemas.ts';

const CONTINUE_CODE_MINUTES = 15;

/**
 * A trainee joins a cohort with its code and a name, no password; the session cookie is who they
 * are from then on. These routes are public, so each is rate-limited per address.
 */
export function publicTraineeRoutes(app: FastifyInstance, context: RouteContext): void {
  const { trainees, store, sessions, clock } = context;
  const config = { rateLimit: { max: context.publicRequestsPerMinute, timeWindow: 60_000 } };
  const cohortOf = async (typed: string) => {
    const code = normalizeCode(typed);
    return code === undefined ? undefined : trainees.cohortByJoinCode(code);
  };

  app.get<{ Params: { code: string } }>('/join/:code', { schema: { params: joinParams }, config }, async (request, reply) => {
    const cohort = await cohortOf(request.params.code);
    return cohort ? { cohort: { name: cohort.name } } : noSuchCohort(reply);
  });

  app.post<{ Body: { name: string; joinCode: string } }>('/trainees', { schema: { body: traineeBody }, config }, async (request, reply) => {
    // Stored as the trainee typed it (tidied), as text: whatever markup or formula it holds is never run.
    const name = cleanTraineeName(request.body.name);
    if (name === '') return reply.code(400).send({ error: 'a name needs at least one visible character' });
    const cohort = await cohortOf(request.body.joinCode);
    if (!cohort) return noSuchCohort(reply);
    const id = randomUUID();
    const session = newSession(SESSION_COOKIE, clock());
    await store.createTrainee(id, name, session, cohort.id);
    setSessionCookie(reply, session, sessions);
    return reply.code(201).send({ id, name, cohort } satisfies TraineeProfile);
  });

  app.post<{ Body: { code: string } }>('/continue', { schema: { body: continueBody }, config }, async (request, reply) => {
    const code = normalizeCode(request.body.code);
    const session = newSession(SESSION_COOKIE, clock());
    const profile = code === undefined ? undefined : await trainees.continueWith(hashToken(code), session, clock());
    // One answer for unknown, used and expired codes: a guess learns nothing.
    if (!profile) return reply.code(422).send({ error: 'this code does not work: it may be mistyped, used or expired; ask for a new one on the other device' });
    setSessionCookie(reply, session, sessions);
    return profile;
  });
}

/** What a signed-in trainee can do with their own data; registered behind requireTrainee. */
export function meRoutes(app: FastifyInstance, context: RouteContext): void {
  const { trainees, sessions, clock } = context;

  app.get('/me', async (request, reply) => (await trainees.profile(traineeOf(request))) ?? reply.code(401).send({ error: 'start a session first (POST /api/trainees)' }));

  app.get('/me/attempts', async (request) => ({ attempts: await trainees.myAttempts(traineeOf(request), SCORING_VERSION) }));

  // The coaching notes managers wrote to this trainee (their own only: the id is the session's), newest first.
  app.get('/me/notes', async (request) => ({ notes: await context.notes.notesOf(traineeOf(request)) }));

  app.post('/me/continue-code', async (request, reply) => {
    const code = randomCode();
    const expiresAt = new Date(clock().getTime() + CONTINUE_CODE_MINUTES * 60_000);
    await trainees.replaceContinueCode(traineeOf(request), hashToken(code), expiresAt);
    return reply.code(201).send({ code: formatCode(code), expiresAt: expiresAt.getTime() });
  });

  app.delete('/me', async (request, reply) => {
    await trainees.deleteTrainee(traineeOf(request));
    clearSessionCookie(reply, sessions, SESSION_COOKIE);
    return reply.code(204).send();
  });
}

const noSuchCohort = (reply: FastifyReply) => reply.code(404).send({ error: 'no cohort has this join code: check it with your manager' });
