import { sql, type Kysely } from 'kysely';
import { scoreChoices, type Choice, type Scenario } from '../../src/index.ts';
import { reviewColumns, reviewFactsOf } from '../reviewFacts.ts';
import type { Database } from './schema.ts';

/** Attempts reviewed per round: their decisions are read and written in one statement each. */
const ATTEMPTS_PER_ROUND = 500;

/**
 * Gives every decision recorded before the dashboard migration (quality still null) the review the
 * recorder now stores with each new one, by replaying its attempt with the core once. Run at every
 * start, so a decision an older instance wrote during a rolling upgrade is reviewed at the next;
 * only rows still unreviewed are written, so two instances doing it at once write the same values.
 * Returns how many decisions it reviewed.
 */
export async function backfillReviews(db: Kysely<Database>, onProblem: (attemptId: string, error: string) => void = () => {}): Promise<number> {
  const scenarios = new Map<string, Scenario>();
  let reviewed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const attempts = await db
      .selectFrom('decisions')
      .innerJoin('attempts', 'attempts.id', 'decisions.attempt_id')
      .select(['attempts.id', 'attempts.scenario_hash'])
      .distinct()
      .where('decisions.quality', 'is', null)
      .where('decisions.attempt_id', '>', after)
      .orderBy('attempts.id')
      .limit(ATTEMPTS_PER_ROUND)
      .execute();
    if (attempts.length === 0) return reviewed;
    after = (attempts.at(-1) as (typeof attempts)[number]).id;
    const decisions = await db
      .selectFrom('decisions')
      .select(['attempt_id', 'choice'])
      .where('attempt_id', 'in', attempts.map((attempt) => attempt.id))
      .orderBy('attempt_id')
      .orderBy('index')
      .execute();
    const choices = new Map<string, Choice[]>();
    for (const decision of decisions) choices.set(decision.attempt_id, [...(choices.get(decision.attempt_id) ?? []), decision.choice]);
    const rows: object[] = [];
    for (const attempt of attempts) {
      const scenario = scenarios.get(attempt.scenario_hash) ?? (await scenarioOf(db, attempt.scenario_hash));
      scenarios.set(attempt.scenario_hash, scenario);
      const scored = scoreChoices(scenario, choices.get(attempt.id) ?? []);
      if (!scored.ok) {
        onProblem(attempt.id, scored.error);
        continue;
      }
      for (const review of scored.report.decisions) rows.push({ attempt_id: attempt.id, index: review.index, ...reviewColumns(reviewFactsOf(review)) });
    }
    if (rows.length === 0) continue;
    const updated = await sql`
      update decisions d set quality = x.quality, teaches = x.teaches::jsonb, better = x.better::jsonb, skills = x.skills::jsonb
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(attempt_id uuid, index integer, quality float8, teaches text, better text, skills text)
      where d.attempt_id = x.attempt_id and d.index = x.index and d.quality is null`.execute(db);
    reviewed += Number(updated.numAffectedRows ?? 0);
  }
}

async function scenarioOf(db: Kysely<Database>, hash: string): Promise<Scenario> {
  const row = await db.selectFrom('scenario_versions').select('content').where('hash', '=', hash).executeTakeFirstOrThrow();
  return row.content as Scenario;
}
