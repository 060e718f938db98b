import { sql, type RawBuilder } from 'kysely';
import type { StaffMember } from './staffStore.ts';

/**
 * The pieces every dashboard query shares: the trainees a staff member may see, and the
 * manager's filter on attempts. Raw SQL, because the reports are CTEs with window functions.
 */

export interface DashboardFilter {
  /** One cohort, or every cohort the viewer may see. */
  cohort?: string;
  from?: number;
  /** Exclusive. */
  to?: number;
  scenarios?: readonly string[];
  languages?: readonly string[];
}

/**
 * `visible (id, name, cohort_id, cohort_name)`: the trainees of the cohorts the viewer may see (an
 * admin: all; a manager: the cohorts whose manager they are), of one cohort or one trainee when asked.
 */
export const visibleTrainees = (viewer: StaffMember, cohort: string | undefined, trainee?: string): RawBuilder<unknown> => sql`
  select t.id, t.name, t.cohort_id, c.name as cohort_name
  from trainees t join cohorts c on c.id = t.cohort_id
  where ${viewer.role === 'admin' ? sql`true` : sql`c.manager_id = ${viewer.id}`}
  ${cohort === undefined ? sql`` : sql`and c.id = ${cohort}`}
  ${trainee === undefined ? sql`` : sql`and t.id = ${trainee}`}`;

/** The filter's conditions on `a` (attempts) and `v` (scenario_versions). */
export function attemptConditions(filter: DashboardFilter): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  if (filter.from !== undefined) conditions.push(sql`a.started_at >= ${new Date(filter.from)}`);
  if (filter.to !== undefined) conditions.push(sql`a.started_at < ${new Date(filter.to)}`);
  if (filter.scenarios?.length) conditions.push(sql`v.scenario_id in (${sql.join(filter.scenarios)})`);
  if (filter.languages?.length) conditions.push(sql`a.language in (${sql.join(filter.languages)})`);
  return sql.join(conditions, sql` and `);
}

/**
 * `facts (id, trainee_id, scenario_id, scenario_version, language, started_at, outcome, overall, calm, not_personal, empathy, concrete_fix, decision_count)`:
 * the visible trainees' attempts that match the filter, with the scores of `scoringVersion`
 * (an attempt without a decision has none: unfinished, zero). Needs `visible` before it.
 */
export const attemptFacts = (filter: DashboardFilter, scoringVersion: number): RawBuilder<unknown> => sql`
  select a.id, a.trainee_id, v.scenario_id, v.version as scenario_version, a.language, a.started_at, s.outcome,
    coalesce(s.overall, 0) as overall, coalesce(s.calm, 0) as calm, coalesce(s.not_personal, 0) as not_personal,
    coalesce(s.empathy, 0) as empathy, coalesce(s.concrete_fix, 0) as concrete_fix, coalesce(s.decision_count, 0) as decision_count
  from attempts a
  join visible on visible.id = a.trainee_id
  join scenario_versions v on v.hash = a.scenario_hash
  -- The visible trainees' scores by trainee (one index range each), not attempt by attempt.
  left join (select s.* from scores s join visible scored on scored.id = s.trainee_id where s.scoring_version = ${scoringVersion}) s on s.attempt_id = a.id
  where ${attemptConditions(filter)}`;

/** Whole points as the core rounds them: numeric's round() is half away from zero (double's is half to even). */
export const wholeMean = (column: string, where = sql`true`): RawBuilder<number | null> => sql<number | null>`round(avg(${sql.ref(column)}) filter (where ${where}))::int`;

/** The first of the four skills (SKILLS order) with the lowest value: the core's weakestSkill. */
export const weakestOf = (prefix: string): RawBuilder<string | null> => {
  const [calm, notPersonal, empathy, concreteFix] = ['calm', 'not_personal', 'empathy', 'concrete_fix'].map((skill) => sql.ref(`${prefix}.${skill}`));
  return sql<string | null>`case
    when ${calm} is null then null
    when ${calm} <= ${notPersonal} and ${calm} <= ${empathy} and ${calm} <= ${concreteFix} then 'calm'
    when ${notPersonal} <= ${empathy} and ${notPersonal} <= ${concreteFix} then 'notPersonal'
    when ${empathy} <= ${concreteFix} then 'empathy'
    else 'concreteFix' end`;
};

/** The report's key of a stored move (the core's choiceKey): the reply's id, or `breath` or `silence`. */
export const choiceKeyOf = (column: string): RawBuilder<string> => sql<string>`coalesce(${sql.ref(column)}->>'reply', ${sql.ref(column)}->>'kind')`;
