import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { cleanTraineeName, SCORING_VERSION } from '../../src/index.ts';
import { formatCode, randomCode } from '../auth/codes.ts';
import { staffOf } from '../auth/staffSession.ts';
import type { RouteContext } from '../context.ts';
import { originOf } from '../origin.ts';
import { cohortBody, idParams } from './schemas.ts';

/** Managers (and admins): cohorts, their join codes, and their trainees with the server's scores. Another manager's are 404. */
export function cohortRoutes(app: FastifyInstance, context: RouteContext): void {
  const { cohorts } = context;
  const joinLink = (origin: string, code: string) => `${origin}/?join=${formatCode(code)}`;

  app.post<{ Body: { name: string } }>('/cohorts', { schema: { body: cohortBody } }, async (request, reply) => {
    const name = cleanTraineeName(request.body.name);
    if (name === '') return reply.code(400).send({ error: 'a cohort name needs at least one visible character' });
    const id = randomUUID();
    // A clash among ~10¹² codes is rare; drawing again is the simplest cure.
    for (let tries = 0; tries < 5; tries++) {
      const code = randomCode();
      if (await cohorts.createCohort({ id, name, joinCode: code, managerId: staffOf(request).id })) {
        return reply.code(201).send({ id, name, joinCode: formatCode(code), joinLink: joinLink(originOf(request, context.publicUrl), code) });
      }
    }
    throw new Error('could not draw an unused join code');
  });

  app.get('/cohorts', async (request) => {
    const origin = originOf(request, context.publicUrl);
    const rows = await cohorts.cohortsOf(staffOf(request));
    return {
      cohorts: rows.map((row) => ({ id: row.id, name: row.name, joinCode: formatCode(row.join_code), joinLink: joinLink(origin, row.join_code), traineeCount: Number(row.trainee_count ?? 0), createdAt: row.created_at.getTime() })),
    };
  });

  app.get<{ Params: { id: string } }>('/cohorts/:id/trainees', { schema: { params: idParams } }, async (request, reply) => {
    const trainees = await cohorts.traineesOf(staffOf(request), request.params.id, SCORING_VERSION);
    return trainees ? { trainees } : reply.code(404).send({ error: 'no such cohort' });
  });

  app.delete<{ Params: { id: string } }>('/trainees/:id', { schema: { params: idParams } }, async (request, reply) => {
    if (!(await cohorts.deleteTrainee(staffOf(request), request.params.id))) return reply.code(404).send({ error: 'no such trainee' });
    return reply.code(204).send();
  });
}
