import { sql, type Kysely } from 'kysely';
import { OUTCOMES, type CohortRow, type Outcome, type ScenarioReport, type ScenarioCell, type Skill, type SkillVector, type Trend } from '../../src/index.ts';
import { attemptFacts, choiceKeyOf, visibleTrainees, weakestOf, wholeMean, type DashboardFilter } from './dashboardSql.ts';
import type { Database } from './schema.ts';
import type { StaffMember } from './staffStore.ts';

/**
 * The manager's dashboard in SQL, over the scores and reviews the server stored when each decision
 * was recorded: nothing is replayed and the cohort view never reads a decision. Each query sees
 * only what the viewer may (dashboardSql.ts `visible`); a cohort outside it is undefined (a 404).
 */

interface SkillColumns {
  calm: number | null;
  not_personal: number | null;
  empathy: number | null;
  concrete_fix: number | null;
}

export const skillsOf = (row: SkillColumns): SkillVector | null =>
  row.calm === null ? null : { calm: row.calm, notPersonal: row.not_personal ?? 0, empathy: row.empathy ?? 0, concreteFix: row.concrete_fix ?? 0 };

const finishedMeans = sql`${wholeMean('calm', sql`outcome is not null`)} as calm, ${wholeMean('not_personal', sql`outcome is not null`)} as not_personal,
  ${wholeMean('empathy', sql`outcome is not null`)} as empathy, ${wholeMean('concrete_fix', sql`outcome is not null`)} as concrete_fix`;

export function createDashboardStore(db: Kysely<Database>) {
  /** False when the filter names a cohort the viewer may not see (or that does not exist). */
  const cohortVisible = async (viewer: StaffMember, cohort: string | undefined) =>
    cohort === undefined ||
    Boolean(
      await db
        .selectFrom('cohorts')
        .select('id')
        .where('id', '=', cohort)
        .$if(viewer.role !== 'admin', (query) => query.where('manager_id', '=', viewer.id))
        .executeTakeFirst(),
    );

  return {
    cohortVisible,

    /**
     * The cohort grid: one TraineeSummary per visible trainee (those without a matching attempt
     * too), by name then id. One window numbers each trainee's finished attempts from the latest
     * for the trend (mean of the last k against the k before, in float8 like the core's means,
     * k = min(TREND_WINDOW, half the finished attempts)); each cell's latest is the first of its
     * finished attempts, newest first.
     */
    async cohort(viewer: StaffMember, filter: DashboardFilter, scoringVersion: number, trend: { step: number; window: number }): Promise<CohortRow[] | undefined> {
      if (!(await cohortVisible(viewer, filter.cohort))) return undefined;
      const { rows } = await sql<CohortSqlRow>`
        with visible as (${visibleTrainees(viewer, filter.cohort)}),
        facts as (${attemptFacts(filter, scoringVersion)}),
        ordered as (
          select f.*,
            row_number() over (partition by f.trainee_id, f.outcome is null order by f.started_at desc, f.id desc) as from_end,
            least(${trend.window}::int, (count(*) filter (where f.outcome is not null) over (partition by f.trainee_id)) / 2) as k
          from facts f),
        cells as (
          select trainee_id, jsonb_object_agg(scenario_id, jsonb_build_object('attempts', attempts, 'best', best, 'latest', latest[1], 'latestOutcome', latest_outcome[1])) as cells
          from (
            select trainee_id, scenario_id, count(*) as attempts, max(overall) filter (where outcome is not null) as best,
              array_agg(overall order by started_at desc, id desc) filter (where outcome is not null) as latest,
              array_agg(outcome order by started_at desc, id desc) filter (where outcome is not null) as latest_outcome
            from facts group by trainee_id, scenario_id) c
          group by trainee_id),
        means as (
          select trainee_id, max(started_at) as last_activity, ${finishedMeans}, ${wholeMean('overall', sql`outcome is not null`)} as overall, max(k) as k,
            avg(overall::float8) filter (where outcome is not null and from_end <= k)
              - avg(overall::float8) filter (where outcome is not null and from_end > k and from_end <= 2 * k) as delta
          from ordered group by trainee_id)
        select visible.id, visible.name, visible.cohort_id, visible.cohort_name, coalesce(cells.cells, '{}'::jsonb) as cells,
          means.last_activity, means.calm, means.not_personal, means.empathy, means.concrete_fix, means.overall, ${weakestOf('means')} as weakest,
          case when coalesce(means.k, 0) = 0 then null when means.delta >= ${trend.step}::float8 then 'up' when means.delta <= -(${trend.step}::float8) then 'down' else 'flat' end as trend
        from visible
        left join cells on cells.trainee_id = visible.id
        left join means on means.trainee_id = visible.id
        order by visible.name collate "C", visible.id`.execute(db);
      return rows.map((row) => ({
        traineeId: row.id,
        name: row.name,
        cohortId: row.cohort_id,
        cohortName: row.cohort_name,
        cells: row.cells,
        skills: skillsOf(row),
        overall: row.overall,
        weakest: row.weakest,
        lastActivity: row.last_activity?.getTime() ?? null,
        trend: row.trend,
      }));
    },

    /** The scenario view over all stored versions of `scenarioId`; undefined for an unknown scenario or a cohort out of reach. */
    async scenario(viewer: StaffMember, scenarioId: string, filter: DashboardFilter, scoringVersion: number, weakBelow: number): Promise<ScenarioReport | undefined> {
      if (!(await cohortVisible(viewer, filter.cohort))) return undefined;
      if (!(await db.selectFrom('scenario_versions').select('hash').where('scenario_id', '=', scenarioId).executeTakeFirst())) return undefined;
      const picked = sql`with visible as (${visibleTrainees(viewer, filter.cohort)}), facts as (${attemptFacts({ ...filter, scenarios: [scenarioId] }, scoringVersion)})`;
      const totals = await sql<SkillColumns & { attempts: number; trainees: number; outcomes: Record<string, number> | null }>`${picked}
        select count(*)::int as attempts, count(distinct trainee_id)::int as trainees, ${finishedMeans},
          (select jsonb_object_agg(outcome, n) from (select coalesce(outcome, 'unfinished') as outcome, count(*) as n from facts group by 1) o) as outcomes
        from facts`.execute(db);
      const choices = await sql<ScenarioReport['choices'][number]>`${picked}
        select d.node, ${choiceKeyOf('d.choice')} as choice, count(*)::int as count, count(distinct f.trainee_id)::int as trainees, (count(*) filter (where d.quality < ${weakBelow}::float8))::int as weak
        from decisions d join facts f on f.id = d.attempt_id
        group by d.node, ${choiceKeyOf('d.choice')}
        order by d.node collate "C", count(*) desc, ${choiceKeyOf('d.choice')} collate "C"`.execute(db);
      const row = totals.rows[0] as (typeof totals.rows)[number];
      const outcomes = Object.fromEntries([...OUTCOMES, 'unfinished'].map((outcome) => [outcome, row.outcomes?.[outcome] ?? 0])) as ScenarioReport['outcomes'];
      return { attempts: row.attempts, trainees: row.trainees, outcomes, skills: skillsOf(row), choices: choices.rows };
    },
  };
}

interface CohortSqlRow extends SkillColumns {
  id: string;
  name: string;
  cohort_id: string;
  cohort_name: string;
  cells: Record<string, ScenarioCell & { latestOutcome: Outcome | null }>;
  last_activity: Date | null;
  overall: number | null;
  weakest: Skill | null;
  trend: Trend | null;
}

export type DashboardStore = ReturnType<typeof createDashboardStore>;
