import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, preValidationHookHandler } from 'fastify';
import {
  SCORING_VERSION,
  TREND_STEP,
  TREND_WINDOW,
  WEAK_BELOW,
  type CohortResponse,
  type ExportResponse,
  type ScenarioResponse,
  type TraineeResponse,
} from '../../src/index.ts';
import { staffOf } from '../auth/staffSession.ts';
import type { RouteContext } from '../context.ts';
import type { DashboardFilter } from '../db/dashboardSql.ts';
import { cohortQuery, idParams, LIST_QUERY_KEYS, noteBody, scenarioParams, scenarioQuery, traineeReportQuery } from './schemas.ts';

/** The query as validated: text, times as digit strings, the repeatable keys as lists. */
interface DashboardQuery {
  cohort?: string;
  from?: string;
  to?: string;
  scenario?: string[];
  language?: string[];
}

const filterOf = (query: DashboardQuery): DashboardFilter => ({
  cohort: query.cohort,
  from: query.from === undefined ? undefined : Number(query.from),
  to: query.to === undefined ? undefined : Number(query.to),
  scenarios: query.scenario,
  languages: query.language,
});

/** A key given once arrives as text, given twice as a list: always a list, so the schema checks one shape and names the bad item. */
const listQueryKeys: preValidationHookHandler = async (request) => {
  const query = request.query as Record<string, unknown>;
  for (const key of LIST_QUERY_KEYS) if (typeof query[key] === 'string') query[key] = [query[key]];
};

const notFound = (reply: FastifyReply, what: string) => reply.code(404).send({ error: `no such ${what}` });

/**
 * The manager's dashboard (admins and managers; registered behind requireStaff). A manager reaches
 * only the cohorts they manage: any other cohort, trainee, note or scenario number is a 404, the
 * same answer as for an id that does not exist.
 */
export function dashboardRoutes(app: FastifyInstance, context: RouteContext): void {
  const { dashboard, reports, notes, liveResults } = context;
  const trend = { step: TREND_STEP, window: TREND_WINDOW };

  app.get<{ Querystring: DashboardQuery }>('/dashboard/cohort', { schema: { querystring: cohortQuery }, preValidation: listQueryKeys }, async (request, reply) => {
    const trainees = await dashboard.cohort(staffOf(request), filterOf(request.query), SCORING_VERSION, trend);
    return trainees ? ({ trainees } satisfies CohortResponse) : notFound(reply, 'cohort');
  });

  app.get<{ Params: { id: string }; Querystring: DashboardQuery }>('/dashboard/trainees/:id', { schema: { params: idParams, querystring: traineeReportQuery } }, async (request, reply) => {
    const found = await reports.trainee(staffOf(request), request.params.id, filterOf(request.query), SCORING_VERSION, WEAK_BELOW);
    if (!found) return notFound(reply, 'trainee');
    // Live sessions are not filtered by the attempt filters: a room is not an attempt of one scenario in one language.
    return { ...found, notes: await notes.notesOf(request.params.id), live: await liveResults.sessionsOf(request.params.id) } satisfies TraineeResponse;
  });

  app.get<{ Params: { scenarioId: string }; Querystring: DashboardQuery }>(
    '/dashboard/scenarios/:scenarioId',
    { schema: { params: scenarioParams, querystring: scenarioQuery }, preValidation: listQueryKeys },
    async (request, reply) => {
      const { scenarioId } = request.params;
      const report = await dashboard.scenario(staffOf(request), scenarioId, filterOf(request.query), SCORING_VERSION, WEAK_BELOW);
      return report ? ({ ...report, scenario: scenarioId } satisfies ScenarioResponse) : notFound(reply, 'scenario or cohort');
    },
  );

  app.get<{ Querystring: DashboardQuery }>('/dashboard/export', { schema: { querystring: cohortQuery }, preValidation: listQueryKeys }, async (request, reply) => {
    const viewer = staffOf(request);
    const filter = filterOf(request.query);
    if (!(await dashboard.cohortVisible(viewer, filter.cohort))) return notFound(reply, 'cohort');
    return (await reports.export(viewer, filter, SCORING_VERSION, WEAK_BELOW)) satisfies ExportResponse;
  });

  app.post<{ Params: { id: string }; Body: { text: string } }>('/dashboard/trainees/:id/notes', { schema: { params: idParams, body: noteBody } }, async (request, reply) => {
    const note = await notes.create(staffOf(request), { id: randomUUID(), traineeId: request.params.id, text: request.body.text });
    return note ? reply.code(201).send(note) : notFound(reply, 'trainee');
  });

  app.delete<{ Params: { id: string } }>('/dashboard/notes/:id', { schema: { params: idParams } }, async (request, reply) => {
    const result = await notes.delete(staffOf(request), request.params.id);
    if (result === 'notFound') return notFound(reply, 'note');
    if (result === 'forbidden') return reply.code(403).send({ error: 'only its author or an admin deletes a note' });
    return reply.code(204).send();
  });
}
