import { sql } from 'kysely';
import { attemptStatements, SCORING_VERSION, traineeAgent, type LrsStatus } from '../../src/index.ts';
import { decisionOf, type Store } from '../db/store.ts';
import type { ScenarioSource } from '../scenarios.ts';
import type { XapiConfig } from './config.ts';
import type { XapiDb } from './tables.ts';

/**
 * The outbox: statements wait here, in the database, until the LRS has them. An attempt's
 * statements are made from what the server stored and replayed, each with an id fixed by the
 * attempt and the event, and inserted idempotently: making them again (a retried upload, a later
 * decision) adds only what is new.
 */
export function createOutbox(db: XapiDb, store: Store, scenarios: ScenarioSource, config: XapiConfig) {
  return {
    /** Queues every statement the attempt has so far; false when the attempt is not this trainee's. */
    async enqueueAttempt(attemptId: string, traineeId: string): Promise<boolean> {
      const found = await store.attemptOf(attemptId, traineeId, SCORING_VERSION);
      if (!found) return false;
      const { attempt, scenarioId, decisions } = found;
      const scenario = await scenarios.byHash(attempt.scenario_hash);
      if (!scenario) throw new Error(`attempt ${attemptId} refers to scenario version ${attempt.scenario_hash}, which is not stored`);
      const name = config.sendNames ? (await db.selectFrom('trainees').select('name').where('id', '=', traineeId).executeTakeFirst())?.name : undefined;
      const made = decisions.map(decisionOf);
      const setting = {
        actor: traineeAgent(config.homePage, traineeId, name),
        activity: { id: `${config.homePage}/xapi/scenarios/${encodeURIComponent(scenarioId)}` },
        attemptId,
        language: attempt.language,
        scenarioVersion: scenario.version,
      };
      const built = attemptStatements(setting, scenario, { startedAt: attempt.started_at.getTime(), decisions: made }, config.passMark);
      // The server replayed these very decisions when it stored them, so they replay now.
      if (!built.ok) throw new Error(`attempt ${attemptId} does not replay: ${built.error}`);
      await db
        .insertInto('xapi_outbox')
        .values(built.statements.map((statement) => ({ trainee_id: traineeId, attempt_id: attemptId, statement_id: statement.id, statement: JSON.stringify(statement) })))
        .onConflict((conflict) => conflict.column('statement_id').doNothing())
        .execute();
      return true;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

/** What the admin sees of delivery: counts from the outbox and the halt, if any. */
export async function lrsStatus(db: XapiDb, config: XapiConfig | undefined): Promise<LrsStatus> {
  const counts = await db
    .selectFrom('xapi_outbox')
    .select([
      sql<string>`count(*) filter (where sent_at is null and gave_up_at is null)`.as('pending'),
      sql<string>`count(*) filter (where sent_at is not null)`.as('delivered'),
      sql<string>`count(*) filter (where gave_up_at is not null)`.as('rejected'),
      sql<Date | null>`min(created_at) filter (where sent_at is null and gave_up_at is null)`.as('oldest'),
    ])
    .executeTakeFirstOrThrow();
  const lastError = await db.selectFrom('xapi_outbox').select('last_error').where('sent_at', 'is', null).where('gave_up_at', 'is', null).where('last_error', 'is not', null).orderBy('id').limit(1).executeTakeFirst();
  const halt = await db.selectFrom('xapi_delivery').selectAll().where('id', '=', 1).executeTakeFirst();
  return {
    configured: config !== undefined,
    endpoint: config?.endpoint ?? null,
    halted: config && halt?.halted_at ? { status: halt.halt_status ?? 0, at: halt.halted_at.getTime(), detail: halt.halt_detail ?? '' } : null,
    pending: Number(counts.pending),
    delivered: Number(counts.delivered),
    rejected: Number(counts.rejected),
    oldestPendingAt: counts.oldest ? new Date(counts.oldest).getTime() : null,
    lastError: lastError?.last_error ?? null,
  };
}
