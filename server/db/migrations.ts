import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { liveLeases } from '../live/leaseMigration.ts';
import { liveRooms } from '../live/migration.ts';
import { liveResults } from '../live/resultsMigration.ts';
import { xapiDelivery } from '../xapi/migration.ts';

/**
 * Migrations live in code, not in files found at run time, so the bundle, the tests and both
 * dialects run exactly the same list. Append new ones; never edit one that has shipped.
 */

// Migrations must not depend on today's row types: the schema they see is the one before them.
type AnyDb = Kysely<unknown>;

const foundation: Migration = {
  async up(db: AnyDb) {
    const now = sql`now()`;
    await db.schema
      .createTable('staff')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'manager', 'trainer')`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('disabled_at', 'timestamptz')
      .execute();
    await db.schema
      .createTable('cohorts')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('join_code', 'text', (c) => c.notNull().unique())
      .addColumn('manager_id', 'uuid', (c) => c.references('staff.id').onDelete('set null'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema
      .createTable('trainees')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('cohort_id', 'uuid', (c) => c.references('cohorts.id').onDelete('set null'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('trainee_id', 'uuid', (c) => c.references('trainees.id').onDelete('cascade'))
      .addColumn('staff_id', 'uuid', (c) => c.references('staff.id').onDelete('cascade'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addCheckConstraint('sessions_one_owner', sql`num_nonnulls(trainee_id, staff_id) = 1`)
      .execute();
    await db.schema
      .createTable('scenario_versions')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('scenario_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('content', 'jsonb', (c) => c.notNull())
      .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema
      .createTable('attempts')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('trainee_id', 'uuid', (c) => c.notNull().references('trainees.id').onDelete('cascade'))
      .addColumn('scenario_hash', 'text', (c) => c.notNull().references('scenario_versions.hash'))
      .addColumn('seed', 'bigint', (c) => c.notNull().check(sql`seed between 0 and 4294967295`))
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('started_at', 'timestamptz', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema.createIndex('attempts_by_trainee').on('attempts').columns(['trainee_id', 'started_at']).execute();
    await db.schema
      .createTable('decisions')
      .addColumn('attempt_id', 'uuid', (c) => c.notNull().references('attempts.id').onDelete('cascade'))
      .addColumn('index', 'integer', (c) => c.notNull().check(sql`index >= 0`))
      .addColumn('client_id', 'uuid', (c) => c.notNull())
      .addColumn('choice', 'jsonb', (c) => c.notNull())
      .addColumn('node', 'text', (c) => c.notNull())
      .addColumn('at', 'float8', (c) => c.notNull())
      .addColumn('mood_before', 'smallint', (c) => c.notNull())
      .addColumn('mood_after', 'smallint', (c) => c.notNull())
      .addColumn('composure_before', 'smallint', (c) => c.notNull())
      .addColumn('composure_after', 'smallint', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addPrimaryKeyConstraint('decisions_pk', ['attempt_id', 'index'])
      .addUniqueConstraint('decisions_client_id', ['attempt_id', 'client_id'])
      .execute();
    await db.schema
      .createTable('scores')
      .addColumn('attempt_id', 'uuid', (c) => c.notNull().references('attempts.id').onDelete('cascade'))
      .addColumn('scoring_version', 'integer', (c) => c.notNull())
      .addColumn('scenario_hash', 'text', (c) => c.notNull().references('scenario_versions.hash'))
      .addColumn('calm', 'smallint', (c) => c.notNull())
      .addColumn('not_personal', 'smallint', (c) => c.notNull())
      .addColumn('empathy', 'smallint', (c) => c.notNull())
      .addColumn('concrete_fix', 'smallint', (c) => c.notNull())
      .addColumn('overall', 'smallint', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('decision_count', 'integer', (c) => c.notNull())
      .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('scores_pk', ['attempt_id', 'scoring_version'])
      .execute();
    await db.schema
      .createTable('rooms')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('trainer_id', 'uuid', (c) => c.references('staff.id').onDelete('set null'))
      .addColumn('cohort_id', 'uuid', (c) => c.references('cohorts.id').onDelete('set null'))
      .addColumn('scenario_hash', 'text', (c) => c.notNull().references('scenario_versions.hash'))
      .addColumn('seed', 'bigint', (c) => c.notNull().check(sql`seed between 0 and 4294967295`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('ended_at', 'timestamptz')
      .execute();
    await db.schema
      .createTable('room_votes')
      .addColumn('room_id', 'uuid', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('trainee_id', 'uuid', (c) => c.notNull().references('trainees.id').onDelete('cascade'))
      .addColumn('choice', 'jsonb', (c) => c.notNull())
      .addColumn('cast_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addPrimaryKeyConstraint('room_votes_pk', ['room_id', 'round', 'trainee_id'])
      .execute();
    await db.schema
      .createTable('xapi_outbox')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('trainee_id', 'uuid', (c) => c.notNull().references('trainees.id').onDelete('cascade'))
      .addColumn('attempt_id', 'uuid', (c) => c.references('attempts.id').onDelete('cascade'))
      .addColumn('statement', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('sent_at', 'timestamptz')
      .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .execute();
    // The sender reads the oldest unsent statements first.
    await db.schema.createIndex('xapi_outbox_unsent').on('xapi_outbox').column('id').where(sql.ref('sent_at'), 'is', null).execute();
  },
};

/**
 * People and access: one-time tokens (first admin, staff password links, continue codes; only
 * their hashes), sign-in failures for a rate limit every instance shares, and the admin's settings.
 */
const peopleAndAccess: Migration = {
  async up(db: AnyDb) {
    const now = sql`now()`;
    await db.schema
      .createTable('one_time_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('first-admin', 'staff-reset', 'continue-code')`))
      .addColumn('staff_id', 'uuid', (c) => c.references('staff.id').onDelete('cascade'))
      .addColumn('trainee_id', 'uuid', (c) => c.references('trainees.id').onDelete('cascade'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('expires_at', 'timestamptz')
      .addColumn('used_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('one_time_tokens_by_staff').on('one_time_tokens').column('staff_id').execute();
    await db.schema.createIndex('one_time_tokens_by_trainee').on('one_time_tokens').column('trainee_id').execute();
    await db.schema
      .createTable('sign_in_failures')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema.createIndex('sign_in_failures_by_username').on('sign_in_failures').columns(['username', 'at']).execute();
    await db.schema.createIndex('sign_in_failures_by_ip').on('sign_in_failures').columns(['ip', 'at']).execute();
    // One row: the admin's choices. Null retention keeps records until someone deletes them.
    await db.schema
      .createTable('settings')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('retention_days', 'integer', (c) => c.check(sql`retention_days between 1 and 36500`))
      .execute();
    await sql`insert into settings (id) values (1)`.execute(db);
    await db.schema.createIndex('cohorts_by_manager').on('cohorts').column('manager_id').execute();
    await db.schema.createIndex('trainees_by_cohort').on('trainees').column('cohort_id').execute();
    await db.schema.createIndex('sessions_by_trainee').on('sessions').column('trainee_id').execute();
    await db.schema.createIndex('sessions_by_staff').on('sessions').column('staff_id').execute();
  },
};

/**
 * The manager's dashboard: each decision keeps its review (quality, principles, better reply, skill
 * effects) from when it was recorded, so reports read it instead of replaying; coaching notes; and
 * the indexes the cohort, trainee and scenario reports read through. Decisions from before this
 * migration get their review at the next start (server/db/reviewBackfill.ts): the migration cannot
 * replay, since it must not depend on today's rules.
 */
const dashboard: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('decisions')
      // Null until reviewed (only decisions recorded before this migration, until the backfill).
      .addColumn('quality', 'float8', (c) => c.check(sql`quality between 0 and 1`))
      .addColumn('teaches', 'jsonb')
      .addColumn('better', 'jsonb')
      .addColumn('skills', 'jsonb')
      .execute();
    // What the start-up backfill looks for: empty once every decision is reviewed, so every start finds nothing at once.
    await sql`create index decisions_unreviewed on decisions (attempt_id) where quality is null`.execute(db);
    await db.schema
      .createTable('coaching_notes')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('trainee_id', 'uuid', (c) => c.notNull().references('trainees.id').onDelete('cascade'))
      .addColumn('author_id', 'uuid', (c) => c.notNull().references('staff.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull().check(sql`char_length(text) between 1 and 2000`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('coaching_notes_by_trainee').on('coaching_notes').columns(['trainee_id', 'created_at']).execute();
    await db.schema.createIndex('coaching_notes_by_author').on('coaching_notes').column('author_id').execute();
    // The reports reach a manager's attempts through their trainees, and a scenario's through its
    // versions, then read their trainees' scores: all index-only scans, so a manager's views stay
    // fast however many other attempts the database holds (tests/bench/dashboard.ts --large).
    await db.schema.dropIndex('attempts_by_trainee').execute();
    await sql`create index attempts_by_trainee on attempts (trainee_id, started_at, id) include (scenario_hash, language)`.execute(db);
    await db.schema.createIndex('scenario_versions_by_scenario').on('scenario_versions').column('scenario_id').execute();
    await sql`create index attempts_by_scenario on attempts (scenario_hash, started_at) include (id, trainee_id, language)`.execute(db);
    // A score names its attempt's trainee too (never changes), so a manager's scores are read by
    // trainee in one index range each, not looked up attempt by attempt.
    await db.schema.alterTable('scores').addColumn('trainee_id', 'uuid', (c) => c.references('trainees.id').onDelete('cascade')).execute();
    await sql`update scores s set trainee_id = a.trainee_id from attempts a where a.id = s.attempt_id`.execute(db);
    await db.schema.alterTable('scores').alterColumn('trainee_id', (c) => c.setNotNull()).execute();
    await sql`create index scores_by_trainee on scores (scoring_version, trainee_id) include (attempt_id, overall, calm, not_personal, empathy, concrete_fix, outcome, decision_count)`.execute(db);
  },
};

const MIGRATIONS: Record<string, Migration> = { '0001-foundation': foundation, '0002-people-and-access': peopleAndAccess, '0003-dashboard': dashboard, '0004-xapi-delivery': xapiDelivery, '0005-live-rooms': liveRooms, '0006-live-results': liveResults, '0007-live-leases': liveLeases };

/** Brings the database up to the newest schema; a failed migration leaves it as it was and throws. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
}
