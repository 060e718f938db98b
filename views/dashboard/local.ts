import { choiceKey, WEAK_BELOW, type AttemptDetail, type ExportResponse, type TraineeResponse } from '../../src/index.ts';
import type { ScoredAttempt } from '../parts/progressData.ts';

/**
 * The device's own records in the dashboard's shapes (src/reports/api.ts), so one trainee's page
 * shows what a manager's would: every number from the replay in the browser, summarised by the
 * core's report functions.
 */

/** One scored attempt as the API would describe it; attempts that cannot be scored as shipped have no details. */
export function attemptDetail({ record, attempt, score }: ScoredAttempt): AttemptDetail | null {
  if (score.kind !== 'scored') return null;
  const { report } = score;
  return {
    attemptId: record.id,
    traineeId: record.profileId,
    scenario: record.scenario,
    language: record.language,
    startedAt: record.startedAt,
    outcome: record.outcome,
    overall: report.overall,
    skills: report.skills,
    scenarioVersion: record.scenarioVersion,
    decisionCount: attempt.decisions.length,
    decisions: report.decisions.map((review) => {
      const decision = attempt.decisions[review.index];
      return {
        index: review.index,
        node: review.node,
        choice: review.choice,
        at: decision?.at ?? record.startedAt,
        moodBefore: review.moodBefore,
        moodAfter: review.moodAfter,
        composureBefore: decision?.composureBefore ?? 0,
        composureAfter: decision?.composureAfter ?? 0,
        quality: review.quality,
        weak: review.quality < WEAK_BELOW,
        teaches: review.teaches,
        better: review.better,
        skills: review.skills,
      };
    }),
  };
}

/** Principles taught by weak decisions, most missed first (then by id), as the server counts them. */
export function missedPrinciples(attempts: readonly AttemptDetail[]): TraineeResponse['principles'] {
  const counts = new Map<string, number>();
  for (const attempt of attempts) for (const decision of attempt.decisions) if (decision.weak) for (const principle of decision.teaches) counts.set(principle, (counts.get(principle) ?? 0) + 1);
  return [...counts].map(([principle, missed]) => ({ principle, missed })).sort((a, b) => b.missed - a.missed || a.principle.localeCompare(b.principle));
}

/** One profile's attempts on this device as a trainee report, oldest first. */
export function localTrainee(scored: readonly ScoredAttempt[], profileId: string, name: string): TraineeResponse {
  const attempts = scored.filter(({ record }) => record.profileId === profileId).flatMap((each) => attemptDetail(each) ?? []).sort((a, b) => a.startedAt - b.startedAt);
  return { trainee: { id: profileId, name, cohortId: '', cohortName: '' }, attempts, principles: missedPrinciples(attempts), notes: [] };
}

/** The device's attempts as the export API's rows, so a trainee's CSV has the manager's columns. */
export function exportRowsOf(attempts: readonly AttemptDetail[], trainee: string): ExportResponse {
  return {
    attempts: attempts.map((attempt) => ({
      attemptId: attempt.attemptId,
      traineeId: attempt.traineeId,
      trainee,
      cohort: '',
      scenario: attempt.scenario,
      scenarioVersion: attempt.scenarioVersion,
      language: attempt.language,
      startedAt: new Date(attempt.startedAt).toISOString(),
      outcome: attempt.outcome,
      overall: attempt.overall,
      ...attempt.skills,
      decisions: attempt.decisionCount,
    })),
    decisions: attempts.flatMap((attempt) =>
      attempt.decisions.map((decision) => ({
        attemptId: attempt.attemptId,
        trainee,
        scenario: attempt.scenario,
        index: decision.index,
        node: decision.node,
        choice: choiceKey(decision.choice),
        quality: decision.quality,
        weak: decision.weak,
        moodBefore: decision.moodBefore,
        moodAfter: decision.moodAfter,
        principles: decision.teaches.join(';'),
      })),
    ),
  };
}
