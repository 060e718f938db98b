import type { Kysely } from 'kysely';
import { choiceKey, scoreChoices, type AttemptFacts, type Choice, type DecisionFacts, type DecisionReview, type Scenario } from '../../src/index.ts';
import type { Database } from '../../server/db/schema.ts';

/**
 * The core's own answer for the dashboard: every stored attempt replayed from its raw choices with
 * scoreChoices, never reading a stored score or review, so the server's SQL is held to the core.
 */
export interface Reference {
  trainees: { id: string; name: string; cohortId: string; cohortName: string; managerId: string | null }[];
  attempts: (AttemptFacts & { scenarioVersion: number; decisionCount: number })[];
  reviews: Map<string, DecisionReview[]>;
  /** `at` of each decision as the device sent it, by attempt. */
  times: Map<string, number[]>;
  decisions: DecisionFacts[];
}

export async function referenceOf(db: Kysely<Database>): Promise<Reference> {
  const trainees = await db
    .selectFrom('trainees')
    .innerJoin('cohorts', 'cohorts.id', 'trainees.cohort_id')
    .select(['trainees.id', 'trainees.name', 'cohorts.id as cohortId', 'cohorts.name as cohortName', 'cohorts.manager_id as managerId'])
    .execute();
  const rows = await db
    .selectFrom('attempts')
    .innerJoin('scenario_versions', 'scenario_versions.hash', 'attempts.scenario_hash')
    .select(['attempts.id', 'attempts.trainee_id', 'attempts.language', 'attempts.started_at', 'scenario_versions.content', 'scenario_versions.version'])
    .execute();
  const stored = await db.selectFrom('decisions').select(['attempt_id', 'choice', 'at']).orderBy('attempt_id').orderBy('index').execute();
  const choices = new Map<string, { choice: Choice; at: number }[]>();
  for (const decision of stored) choices.set(decision.attempt_id, [...(choices.get(decision.attempt_id) ?? []), decision]);
  const reference: Reference = { trainees, attempts: [], reviews: new Map(), times: new Map(), decisions: [] };
  for (const row of rows) {
    const scenario = row.content as Scenario;
    const made = choices.get(row.id) ?? [];
    const scored = scoreChoices(scenario, made.map((decision) => decision.choice));
    if (!scored.ok) throw new Error(scored.error);
    const { report } = scored;
    const none = made.length === 0;
    reference.attempts.push({
      attemptId: row.id,
      traineeId: row.trainee_id,
      scenario: scenario.id,
      language: row.language,
      startedAt: row.started_at.getTime(),
      outcome: report.outcome,
      // An attempt without a decision has no score yet: zero, as the server reports it.
      overall: none ? 0 : report.overall,
      skills: none ? { calm: 0, notPersonal: 0, empathy: 0, concreteFix: 0 } : report.skills,
      scenarioVersion: row.version,
      decisionCount: made.length,
    });
    reference.reviews.set(row.id, report.decisions);
    reference.times.set(row.id, made.map((decision) => decision.at));
    for (const review of report.decisions) reference.decisions.push({ attemptId: row.id, traineeId: row.trainee_id, node: review.node, choice: choiceKey(review.choice), quality: review.quality });
  }
  return reference;
}

/** JavaScript's own string order (UTF-16 code units), the order the core sorts by. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
