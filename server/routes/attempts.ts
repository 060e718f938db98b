import type { FastifyInstance, FastifyReply } from 'fastify';
import { SCORING_VERSION, type Language } from '../../src/index.ts';
import { decisionOf, type Store, type StoredAttempt, type StoredDecision } from '../db/store.ts';
import { createDecisionRecorder, type DecisionRequest } from '../recordDecision.ts';
import type { ScenarioSource } from '../scenarios.ts';
import { traineeOf } from '../session.ts';
import { attemptBody, attemptParams, decisionBody } from './schemas.ts';

interface AttemptRequest {
  id: string;
  scenario: string;
  scenarioHash: string;
  seed: number;
  language: Language;
  startedAt: number;
}

type WithId = { Params: { id: string } };

/**
 * A trainee's attempts: start one, append decisions one at a time, read it back with the server's
 * scores. Someone else's attempt is answered exactly like one that does not exist (404).
 */
export function attemptRoutes(app: FastifyInstance, store: Store, scenarios: ScenarioSource): void {
  const decisions = createDecisionRecorder(store, scenarios);
  app.post<{ Body: AttemptRequest }>('/attempts', { schema: { body: attemptBody } }, async (request, reply) => {
    const traineeId = traineeOf(request);
    const { body } = request;
    const scenario = await scenarios.byHash(body.scenarioHash);
    if (scenario?.id !== body.scenario) return reply.code(422).send({ error: `the server has no version ${body.scenarioHash} of scenario "${body.scenario}"` });
    const wanted = { id: body.id, trainee_id: traineeId, scenario_hash: body.scenarioHash, seed: body.seed, language: body.language, started_at: new Date(body.startedAt) };
    const { created, stored } = await store.createAttempt(wanted);
    // A retried upload of the same attempt is fine; the same id for anything else is not.
    if (!created && !sameAttempt(stored, wanted)) return reply.code(409).send({ error: `attempt id ${body.id} is already taken` });
    return reply.code(created ? 201 : 200).send({ id: stored.id });
  });

  app.post<WithId & { Body: DecisionRequest }>('/attempts/:id/decisions', { schema: { params: attemptParams, body: decisionBody } }, async (request, reply) => {
    const result = await decisions.record(request.params.id, traineeOf(request), request.body);
    switch (result.kind) {
      case 'recorded':
      case 'repeated':
        return reply.code(result.kind === 'recorded' ? 201 : 200).send(decisionView(result.decision));
      case 'conflict':
        return reply.code(409).send({ error: result.reason, nextIndex: result.nextIndex });
      case 'refused':
        return reply.code(422).send({ error: result.reason });
      case 'notFound':
        return notFound(reply);
    }
  });

  app.get<WithId>('/attempts/:id', { schema: { params: attemptParams } }, async (request, reply) => {
    const found = await store.attemptOf(request.params.id, traineeOf(request), SCORING_VERSION);
    if (!found) return notFound(reply);
    const { attempt, scenarioId, decisions, score } = found;
    return {
      id: attempt.id,
      scenario: scenarioId,
      scenarioHash: attempt.scenario_hash,
      seed: attempt.seed,
      language: attempt.language,
      startedAt: attempt.started_at.getTime(),
      outcome: attempt.outcome,
      decisions: decisions.map(decisionView),
      score: score ?? null,
    };
  });
}

const notFound = (reply: FastifyReply) => reply.code(404).send({ error: 'no such attempt' });

const sameAttempt = (stored: StoredAttempt, wanted: Omit<StoredAttempt, 'outcome' | 'created_at'>) =>
  stored.trainee_id === wanted.trainee_id &&
  stored.scenario_hash === wanted.scenario_hash &&
  stored.seed === wanted.seed &&
  stored.language === wanted.language &&
  stored.started_at.getTime() === wanted.started_at.getTime();

const decisionView = (decision: StoredDecision) => ({ index: decision.index, id: decision.client_id, ...decisionOf(decision) });
