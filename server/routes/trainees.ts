import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { cleanTraineeName } from '../../src/index.ts';
import type { Store } from '../db/store.ts';
import { newSession, setSessionCookie, type SessionOptions } from '../session.ts';
import { traineeBody } from './schemas.ts';

/** A trainee starts with a name and no password; the session cookie is who they are from then on. */
export function traineeRoutes(app: FastifyInstance, store: Store, sessions: SessionOptions): void {
  app.post<{ Body: { name: string } }>('/trainees', { schema: { body: traineeBody } }, async (request, reply) => {
    // Stored as the trainee typed it (tidied), as text: whatever markup or formula it holds is never run.
    const name = cleanTraineeName(request.body.name);
    if (name === '') return reply.code(400).send({ error: 'a name needs at least one visible character' });
    const id = randomUUID();
    const session = newSession();
    await store.createTrainee(id, name, session);
    setSessionCookie(reply, session, sessions);
    return reply.code(201).send({ id, name });
  });
}
