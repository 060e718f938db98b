import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Scenario, SkillVector } from '../../src/index.ts';
import type { AttemptTable, Database, DecisionTable } from './schema.ts';

/**
 * Every query the server makes, in one place: routes speak to this port, never to SQL, so the
 * database can change under them and the access rules (owner checks) are written once.
 */

export type StoredAttempt = Selectable<AttemptTable>;
export type StoredDecision = Omit<Selectable<DecisionTable>, 'received_at'>;

export interface ServerScore {
  scoringVersion: number;
  scenarioHash: string;
  skills: SkillVector;
  overall: number;
  outcome: string | null;
  decisionCount: number;
}

/** An attempt locked for one writer, with its decisions in order. */
export interface LockedAttempt {
  attempt: StoredAttempt;
  decisions: StoredDecision[];
  /** A stored scenario version, read inside the transaction (PGlite's one connection is the transaction's until it ends). */
  scenarioVersion(hash: string): Promise<Scenario | undefined>;
  /** Appends the decision and stores the score and outcome the server computed after it. */
  record(decision: StoredDecision, score: ServerScore): Promise<void>;
}

const DECISION_COLUMNS = ['attempt_id', 'index', 'client_id', 'choice', 'node', 'at', 'mood_before', 'mood_after', 'composure_before', 'composure_after'] as const;

export function createStore(db: Kysely<Database>) {
  return {
    /** A new trainee in a cohort and their first session, together or not at all. */
    async createTrainee(id: string, name: string, session: { tokenHash: string; expiresAt: Date }, cohortId: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('trainees').values({ id, name, cohort_id: cohortId }).execute();
        await tx.insertInto('sessions').values({ token_hash: session.tokenHash, trainee_id: id, expires_at: session.expiresAt }).execute();
      });
    },

    /** The trainee a session token belongs to, unless the session expired. */
    async traineeOfSession(tokenHash: string, now: Date): Promise<string | undefined> {
      const row = await db.selectFrom('sessions').select('trainee_id').where('token_hash', '=', tokenHash).where('expires_at', '>', now).executeTakeFirst();
      return row?.trainee_id ?? undefined;
    },

    /** Keeps every scenario version ever served; content-addressed, so storing one twice changes nothing. */
    async saveScenarioVersions(versions: readonly { hash: string; scenario: Scenario }[]): Promise<void> {
      if (versions.length === 0) return;
      const rows = versions.map(({ hash, scenario }) => ({ hash, scenario_id: scenario.id, version: scenario.version, content: JSON.stringify(scenario) }));
      await db.insertInto('scenario_versions').values(rows).onConflict((conflict) => conflict.column('hash').doNothing()).execute();
    },

    scenarioVersion: (hash: string) => scenarioVersionIn(db, hash),

    /** Inserts the attempt unless its id exists; returns what is stored under the id either way. */
    async createAttempt(attempt: Omit<StoredAttempt, 'outcome' | 'created_at'>): Promise<{ created: boolean; stored: StoredAttempt }> {
      const inserted = await db.insertInto('attempts').values(attempt).onConflict((conflict) => conflict.column('id').doNothing()).returningAll().executeTakeFirst();
      if (inserted) return { created: true, stored: inserted };
      return { created: false, stored: await db.selectFrom('attempts').selectAll().where('id', '=', attempt.id).executeTakeFirstOrThrow() };
    },

    /** The attempt with its decisions and the score of `scoringVersion`, only for its owner. */
    async attemptOf(id: string, traineeId: string, scoringVersion: number) {
      const found = await db
        .selectFrom('attempts')
        .innerJoin('scenario_versions', 'scenario_versions.hash', 'attempts.scenario_hash')
        .selectAll('attempts')
        .select('scenario_versions.scenario_id')
        .where('attempts.id', '=', id)
        .where('attempts.trainee_id', '=', traineeId)
        .executeTakeFirst();
      if (!found) return undefined;
      const { scenario_id: scenarioId, ...attempt } = found;
      const decisions = await decisionsOf(db, id);
      const score = await db.selectFrom('scores').selectAll().where('attempt_id', '=', id).where('scoring_version', '=', scoringVersion).executeTakeFirst();
      return { attempt, scenarioId, decisions, score: score && scoreFromRow(score) };
    },

    /**
     * Runs `work` with the attempt locked against concurrent writers (two requests for the same
     * attempt queue here), or returns undefined if the trainee owns no attempt with this id.
     * `work` reaches the database only through `locked`: on PGlite any other query would wait for
     * the transaction's connection forever.
     */
    async withAttempt<T>(id: string, traineeId: string, work: (locked: LockedAttempt) => Promise<T>): Promise<T | undefined> {
      return db.transaction().execute(async (tx) => {
        const attempt = await tx.selectFrom('attempts').selectAll().where('id', '=', id).where('trainee_id', '=', traineeId).forUpdate().executeTakeFirst();
        if (!attempt) return undefined;
        const record = async (decision: StoredDecision, score: ServerScore) => {
          await tx.insertInto('decisions').values({ ...decision, attempt_id: id, choice: JSON.stringify(decision.choice) }).execute();
          await tx.updateTable('attempts').set({ outcome: score.outcome }).where('id', '=', id).execute();
          await saveScore(tx, id, score);
        };
        return work({ attempt, decisions: await decisionsOf(tx, id), record, scenarioVersion: (hash) => scenarioVersionIn(tx, hash) });
      });
    },
  };
}

export type Store = ReturnType<typeof createStore>;

async function scenarioVersionIn(db: Kysely<Database> | Transaction<Database>, hash: string): Promise<Scenario | undefined> {
  const row = await db.selectFrom('scenario_versions').select('content').where('hash', '=', hash).executeTakeFirst();
  return row?.content as Scenario | undefined;
}

async function decisionsOf(db: Kysely<Database> | Transaction<Database>, attemptId: string): Promise<StoredDecision[]> {
  return db.selectFrom('decisions').select(DECISION_COLUMNS).where('attempt_id', '=', attemptId).orderBy('index').execute();
}

async function saveScore(tx: Transaction<Database>, attemptId: string, score: ServerScore): Promise<void> {
  const changes = {
    scenario_hash: score.scenarioHash,
    calm: score.skills.calm,
    not_personal: score.skills.notPersonal,
    empathy: score.skills.empathy,
    concrete_fix: score.skills.concreteFix,
    overall: score.overall,
    outcome: score.outcome,
    decision_count: score.decisionCount,
    computed_at: sql<Date>`now()`,
  };
  await tx
    .insertInto('scores')
    .values({ attempt_id: attemptId, scoring_version: score.scoringVersion, ...changes })
    .onConflict((conflict) => conflict.columns(['attempt_id', 'scoring_version']).doUpdateSet(changes))
    .execute();
}

function scoreFromRow(row: Selectable<Database['scores']>): ServerScore {
  return {
    scoringVersion: row.scoring_version,
    scenarioHash: row.scenario_hash,
    skills: { calm: row.calm, notPersonal: row.not_personal, empathy: row.empathy, concreteFix: row.concrete_fix },
    overall: row.overall,
    outcome: row.outcome,
    decisionCount: row.decision_count,
  };
}
