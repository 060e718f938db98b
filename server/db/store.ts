import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Decision, Scenario, SkillVector } from '../../src/index.ts';
import { reviewColumns, type ReviewFacts } from '../reviewFacts.ts';
import type { AttemptTable, Database, DecisionTable } from './schema.ts';

/**
 * Every query the server makes, in one place: routes speak to this port, never to SQL, so the
 * database can change under them and the access rules (owner checks) are written once.
 */

export type StoredAttempt = Selectable<AttemptTable>;
export type StoredDecision = Omit<Selectable<DecisionTable>, 'received_at' | 'quality' | 'teaches' | 'better' | 'skills'>;

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
}

/** One transaction of decisions (group commit): the attempts it locks, and the decisions it appends to them. */
export interface AttemptBatch {
  /**
   * Locks the attempts of these ids against concurrent writers (another transaction wanting one
   * waits) and reads their decisions; once, before anything else.
   */
  lock(ids: readonly string[]): Promise<void>;
  /** A locked attempt, if the trainee owns one with this id; with the decisions appended so far in this batch. */
  attempt(id: string, traineeId: string): LockedAttempt | undefined;
  /** A stored scenario version, read inside the transaction (PGlite's one connection is the transaction's until it ends). */
  scenarioVersion(hash: string): Promise<Scenario | undefined>;
  /** Appends the decision (at once, for the rest of the batch) with its review and the score and outcome after it; written before the commit. */
  append(decision: StoredDecision, review: ReviewFacts, score: ServerScore): void;
}

/** A stored decision as the core's `Decision`: the device's choice and time, the server's own mood and composure. */
export function decisionOf(row: Pick<StoredDecision, 'choice' | 'node' | 'at' | 'mood_before' | 'mood_after' | 'composure_before' | 'composure_after'>): Decision {
  return { choice: row.choice, node: row.node, at: row.at, moodBefore: row.mood_before, moodAfter: row.mood_after, composureBefore: row.composure_before, composureAfter: row.composure_after };
}

const DECISION_COLUMNS = ['attempt_id', 'index', 'client_id', 'choice', 'node', 'at', 'mood_before', 'mood_after', 'composure_before', 'composure_after'] as const;

export function createStore(db: Kysely<Database>) {
  return {
    /** Resolves if the database answers a query now (the health check). */
    async ping(): Promise<void> {
      await sql`select 1`.execute(db);
    },

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
     * Runs `work` in a transaction, then writes what it appended and commits. `work` reaches the
     * database only through `batch`: on PGlite any other query would wait for the transaction's
     * connection forever.
     */
    async writeDecisions<T>(work: (batch: AttemptBatch) => Promise<T>): Promise<T> {
      return db.transaction().execute(async (tx) => {
        const locked = new Map<string, LockedAttempt>();
        const appended: Appended[] = [];
        const result = await work({
          async lock(ids) {
            // Locked in id order, so two instances locking overlapping sets cannot deadlock. The
            // decisions are read after the lock is held, by a statement of their own: one that
            // waited for the lock sees what the transaction it waited for committed.
            const attempts = await tx.selectFrom('attempts').selectAll().where('id', 'in', [...new Set(ids)]).orderBy('id').forUpdate().execute();
            if (attempts.length === 0) return;
            for (const attempt of attempts) locked.set(attempt.id, { attempt, decisions: [] });
            const stored = await tx.selectFrom('decisions').select(DECISION_COLUMNS).where('attempt_id', 'in', [...locked.keys()]).orderBy('attempt_id').orderBy('index').execute();
            for (const decision of stored) locked.get(decision.attempt_id)?.decisions.push(decision);
          },
          attempt(id, traineeId) {
            const found = locked.get(id);
            return found?.attempt.trainee_id === traineeId ? found : undefined;
          },
          scenarioVersion: (hash) => scenarioVersionIn(tx, hash),
          append(decision, review, score) {
            locked.get(decision.attempt_id)?.decisions.push(decision);
            appended.push({ decision, review, score });
          },
        });
        await saveAppended(tx, appended, locked);
        return result;
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

/** The decisions and each attempt's newest score in one statement, then the outcomes that changed. */
interface Appended {
  decision: StoredDecision;
  review: ReviewFacts;
  score: ServerScore;
}

/** A decision and its review as one row of the decisions table. */
export const decisionRow = (decision: StoredDecision, review: ReviewFacts) => ({ ...decision, choice: JSON.stringify(decision.choice), ...reviewColumns(review) });

/** A score as one row of the scores table, computed now. */
export const scoreRow = (attempt: { id: string; traineeId: string }, score: ServerScore) => ({
  attempt_id: attempt.id,
  trainee_id: attempt.traineeId,
  scoring_version: score.scoringVersion,
  scenario_hash: score.scenarioHash,
  calm: score.skills.calm,
  not_personal: score.skills.notPersonal,
  empathy: score.skills.empathy,
  concrete_fix: score.skills.concreteFix,
  overall: score.overall,
  outcome: score.outcome,
  decision_count: score.decisionCount,
  computed_at: sql<Date>`now()`,
});

async function saveAppended(tx: Transaction<Database>, appended: Appended[], locked: Map<string, LockedAttempt>): Promise<void> {
  if (appended.length === 0) return;
  // One row per attempt: an upsert may not touch a row twice, and the last score is the one that counts.
  const newest = new Map(appended.map(({ decision, score }) => [decision.attempt_id, score]));
  const rows = [...newest].map(([attemptId, score]) => scoreRow({ id: attemptId, traineeId: (locked.get(attemptId) as LockedAttempt).attempt.trainee_id }, score));
  const replaced = ['scenario_hash', 'calm', 'not_personal', 'empathy', 'concrete_fix', 'overall', 'outcome', 'decision_count', 'computed_at'] as const;
  // One statement: the decisions are inserted by a data-modifying CTE of the score upsert.
  await tx
    .with('inserted', (cte) => cte.insertInto('decisions').values(appended.map(({ decision, review }) => decisionRow(decision, review))))
    .insertInto('scores')
    .values(rows)
    .onConflict((conflict) => conflict.columns(['attempt_id', 'scoring_version']).doUpdateSet((eb) => Object.fromEntries(replaced.map((column) => [column, eb.ref(`excluded.${column}`)]))))
    .execute();
  // An outcome is set once, at the end of a conversation: most decisions leave the attempt row alone.
  for (const [attemptId, score] of newest) {
    if (locked.get(attemptId)?.attempt.outcome === score.outcome) continue;
    await tx.updateTable('attempts').set({ outcome: score.outcome }).where('id', '=', attemptId).execute();
  }
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
