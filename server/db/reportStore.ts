import { sql, type Kysely } from 'kysely';
import type { AttemptDetail, AttemptExportRow, Choice, DecisionDetail, DecisionExportRow, Outcome, SkillVector, TraineeRef } from '../../src/index.ts';
import { attemptFacts, choiceKeyOf, visibleTrainees, type DashboardFilter } from './dashboardSql.ts';
import type { Database } from './schema.ts';
import { decisionOf } from './store.ts';
import { skillsOf } from './dashboardStore.ts';
import type { StaffMember } from './staffStore.ts';

/**
 * What the dashboard reads attempt by attempt: one trainee's attempts with every decision and its
 * stored review, and the export of a selection. Like the cohort view, only what the viewer may see.
 */

interface FactRow {
  id: string;
  trainee_id: string;
  scenario_id: string;
  scenario_version: number;
  language: string;
  started_at: Date;
  outcome: Outcome | null;
  overall: number;
  calm: number;
  not_personal: number;
  empathy: number;
  concrete_fix: number;
  decision_count: number;
}

interface DecisionRow {
  attempt_id: string;
  index: number;
  node: string;
  choice: Choice;
  at: number;
  mood_before: number;
  mood_after: number;
  composure_before: number;
  composure_after: number;
  quality: number | null;
  teaches: string[] | null;
  better: { reply: string | null } | null;
  skills: SkillVector | null;
}

const ZERO: SkillVector = { calm: 0, notPersonal: 0, empathy: 0, concreteFix: 0 };

/**
 * A decision's stored review. One written by an instance older than the dashboard (during a rolling
 * upgrade) has none until the next start reviews it: it reads as a neutral move meanwhile, never weak.
 */
const reviewOf = (row: Pick<DecisionRow, 'quality' | 'teaches'>, weakBelow: number) => ({
  quality: row.quality ?? 1,
  weak: row.quality !== null && row.quality < weakBelow,
  teaches: row.teaches ?? [],
});

export function createReportStore(db: Kysely<Database>) {
  const facts = (viewer: StaffMember, filter: DashboardFilter, scoringVersion: number, trainee?: string) =>
    sql`with visible as (${visibleTrainees(viewer, filter.cohort, trainee)}), facts as (${attemptFacts(filter, scoringVersion)})`;
  const decisionColumns = sql`d.attempt_id, d.index, d.node, d.choice, d.at, d.mood_before, d.mood_after, d.composure_before, d.composure_after, d.quality, d.teaches, d.better, d.skills`;

  return {
    /** One trainee's attempts (oldest first) with their decisions, and the principles their weak decisions teach (most missed first); undefined out of reach. */
    async trainee(viewer: StaffMember, traineeId: string, filter: DashboardFilter, scoringVersion: number, weakBelow: number) {
      const ref = (await sql<{ id: string; name: string; cohort_id: string; cohort_name: string }>`${visibleTrainees(viewer, undefined, traineeId)}`.execute(db)).rows[0];
      if (!ref) return undefined;
      const selected = facts(viewer, filter, scoringVersion, traineeId);
      const attempts = (await sql<FactRow>`${selected} select * from facts order by started_at, id`.execute(db)).rows;
      const decisions = (await sql<DecisionRow>`${selected} select ${decisionColumns} from decisions d join facts f on f.id = d.attempt_id order by d.attempt_id, d.index`.execute(db)).rows;
      const principles = await sql<{ principle: string; missed: number }>`${selected}
        select p.principle, count(*)::int as missed
        from decisions d join facts f on f.id = d.attempt_id cross join lateral jsonb_array_elements_text(d.teaches) as p(principle)
        where d.quality < ${weakBelow}::float8
        group by p.principle order by count(*) desc, p.principle collate "C"`.execute(db);
      const byAttempt = new Map<string, DecisionDetail[]>();
      for (const row of decisions) {
        const detail: DecisionDetail = {
          index: row.index,
          ...decisionOf(row),
          ...reviewOf(row, weakBelow),
          better: row.better,
          skills: row.skills ?? ZERO,
        };
        const list = byAttempt.get(row.attempt_id) ?? [];
        list.push(detail);
        byAttempt.set(row.attempt_id, list);
      }
      const trainee: TraineeRef = { id: ref.id, name: ref.name, cohortId: ref.cohort_id, cohortName: ref.cohort_name };
      const details: AttemptDetail[] = attempts.map((row) => ({
        attemptId: row.id,
        traineeId: row.trainee_id,
        scenario: row.scenario_id,
        language: row.language,
        startedAt: row.started_at.getTime(),
        outcome: row.outcome,
        overall: row.overall,
        skills: skillsOf(row) as SkillVector,
        scenarioVersion: row.scenario_version,
        decisionCount: row.decision_count,
        decisions: byAttempt.get(row.id) ?? [],
      }));
      return { trainee, attempts: details, principles: principles.rows };
    },

    /** Every selected attempt and decision as export rows, oldest attempt first (the caller checks the filter's cohort is in reach). */
    async export(viewer: StaffMember, filter: DashboardFilter, scoringVersion: number, weakBelow: number): Promise<{ attempts: AttemptExportRow[]; decisions: DecisionExportRow[] }> {
      const selected = facts(viewer, filter, scoringVersion);
      const attempts = await sql<FactRow & { trainee: string; cohort: string }>`${selected}
        select f.*, visible.name as trainee, visible.cohort_name as cohort from facts f join visible on visible.id = f.trainee_id order by f.started_at, f.id`.execute(db);
      // Only the columns a row needs: the export is the largest answer the server gives.
      const decisions = await sql<Pick<DecisionRow, 'attempt_id' | 'index' | 'node' | 'quality' | 'teaches' | 'mood_before' | 'mood_after'> & { trainee: string; scenario: string; choice_key: string }>`${selected}
        select d.attempt_id, d.index, d.node, d.quality, d.teaches, d.mood_before, d.mood_after, ${choiceKeyOf('d.choice')} as choice_key, visible.name as trainee, f.scenario_id as scenario
        from decisions d join facts f on f.id = d.attempt_id join visible on visible.id = f.trainee_id
        order by f.started_at, f.id, d.index`.execute(db);
      return {
        attempts: attempts.rows.map((row) => ({
          attemptId: row.id,
          traineeId: row.trainee_id,
          trainee: row.trainee,
          cohort: row.cohort,
          scenario: row.scenario_id,
          scenarioVersion: row.scenario_version,
          language: row.language,
          startedAt: row.started_at.toISOString(),
          outcome: row.outcome,
          overall: row.overall,
          calm: row.calm,
          notPersonal: row.not_personal,
          empathy: row.empathy,
          concreteFix: row.concrete_fix,
          decisions: row.decision_count,
        })),
        decisions: decisions.rows.map((row) => {
          const review = reviewOf(row, weakBelow);
          return {
            attemptId: row.attempt_id,
            trainee: row.trainee,
            scenario: row.scenario,
            index: row.index,
            node: row.node,
            choice: row.choice_key,
            quality: review.quality,
            weak: review.weak,
            moodBefore: row.mood_before,
            moodAfter: row.mood_after,
            principles: review.teaches.join(';'),
          };
        }),
      };
    },
  };
}

export type ReportStore = ReturnType<typeof createReportStore>;
