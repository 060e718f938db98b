import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { ServerScore } from './store.ts';
import { useToken } from './staffStore.ts';

/** What trainees see of themselves: their profile, their attempts, continue codes, and deleting it all. */

export interface TraineeProfile {
  id: string;
  name: string;
  cohort: { id: string; name: string };
}

export interface AttemptSummary {
  id: string;
  scenario: string;
  scenarioHash: string;
  language: string;
  startedAt: number;
  outcome: string | null;
  decisionCount: number;
  /** As `GET /api/attempts/:id` gives it; null before the first decision. */
  score: ServerScore | null;
}

export function createTraineeStore(db: Kysely<Database>) {
  return {
    async cohortByJoinCode(code: string) {
      return db.selectFrom('cohorts').select(['id', 'name']).where('join_code', '=', code).executeTakeFirst();
    },

    profile: (traineeId: string) => profileOf(db, traineeId),

    /** A new continue code for the trainee; any unused earlier one stops working. */
    async replaceContinueCode(traineeId: string, codeHash: string, expiresAt: Date): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('one_time_tokens').where('purpose', '=', 'continue-code').where('trainee_id', '=', traineeId).where('used_at', 'is', null).execute();
        await tx.insertInto('one_time_tokens').values({ token_hash: codeHash, purpose: 'continue-code', trainee_id: traineeId, expires_at: expiresAt }).execute();
      });
    },

    /** Uses a continue code: a new session for its trainee, or undefined if the code is unknown, used or expired. */
    async continueWith(codeHash: string, session: { tokenHash: string; expiresAt: Date }, now: Date): Promise<TraineeProfile | undefined> {
      const traineeId = await db.transaction().execute(async (tx) => {
        const owner = (await useToken(tx, codeHash, 'continue-code', now))?.traineeId;
        if (owner) await tx.insertInto('sessions').values({ token_hash: session.tokenHash, trainee_id: owner, expires_at: session.expiresAt }).execute();
        return owner;
      });
      return traineeId ? profileOf(db, traineeId) : undefined;
    },

    /** Deletes the trainee; the schema cascades to their sessions, attempts, decisions, scores, votes, codes and outbox rows. */
    async deleteTrainee(traineeId: string): Promise<void> {
      await db.deleteFrom('trainees').where('id', '=', traineeId).execute();
    },

    myAttempts: async (traineeId: string, scoringVersion: number) => (await attemptSummaries(db, [traineeId], scoringVersion)).get(traineeId) ?? [],
  };
}

export type TraineeStore = ReturnType<typeof createTraineeStore>;

async function profileOf(db: Kysely<Database>, traineeId: string): Promise<TraineeProfile | undefined> {
  const row = await db
    .selectFrom('trainees')
    .innerJoin('cohorts', 'cohorts.id', 'trainees.cohort_id')
    .select(['trainees.id', 'trainees.name', 'cohorts.id as cohortId', 'cohorts.name as cohortName'])
    .where('trainees.id', '=', traineeId)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, cohort: { id: row.cohortId, name: row.cohortName } };
}

/** Each trainee's attempts, newest first, with the scores the server computed under `scoringVersion`. */
export async function attemptSummaries(db: Kysely<Database>, traineeIds: readonly string[], scoringVersion: number): Promise<Map<string, AttemptSummary[]>> {
  const byTrainee = new Map<string, AttemptSummary[]>();
  if (traineeIds.length === 0) return byTrainee;
  const rows = await db
    .selectFrom('attempts')
    .innerJoin('scenario_versions', 'scenario_versions.hash', 'attempts.scenario_hash')
    .leftJoin('scores', (join) => join.onRef('scores.attempt_id', '=', 'attempts.id').on('scores.scoring_version', '=', scoringVersion))
    .select(['attempts.id', 'attempts.trainee_id', 'attempts.scenario_hash', 'attempts.language', 'attempts.started_at', 'attempts.outcome', 'scenario_versions.scenario_id'])
    .select(['scores.calm', 'scores.not_personal', 'scores.empathy', 'scores.concrete_fix', 'scores.overall', 'scores.decision_count', 'scores.scenario_hash as score_hash', 'scores.outcome as score_outcome'])
    .where('attempts.trainee_id', 'in', traineeIds)
    .orderBy('attempts.started_at', 'desc')
    .orderBy('attempts.id')
    .execute();
  for (const row of rows) {
    const summary: AttemptSummary = {
      id: row.id,
      scenario: row.scenario_id,
      scenarioHash: row.scenario_hash,
      language: row.language,
      startedAt: row.started_at.getTime(),
      outcome: row.outcome,
      decisionCount: row.decision_count ?? 0,
      score:
        row.overall === null || row.score_hash === null
          ? null
          : {
              scoringVersion,
              scenarioHash: row.score_hash,
              skills: { calm: row.calm ?? 0, notPersonal: row.not_personal ?? 0, empathy: row.empathy ?? 0, concreteFix: row.concrete_fix ?? 0 },
              overall: row.overall,
              outcome: row.score_outcome,
              decisionCount: row.decision_count ?? 0,
            },
    };
    const list = byTrainee.get(row.trainee_id) ?? [];
    list.push(summary);
    byTrainee.set(row.trainee_id, list);
  }
  return byTrainee;
}
