import { replayAttempt, replayChoices, type Choice, type Decision, type DecisionReview, type Scenario, type ScoreReport, type SkillVector } from '../src/index.ts';

/** What the dashboard shows of one decision's review, stored with the decision when it is recorded. */
export interface ReviewFacts {
  quality: number;
  teaches: string[];
  better: { reply: string | null } | null;
  skills: SkillVector;
}

export const reviewFactsOf = (review: DecisionReview): ReviewFacts => ({ quality: review.quality, teaches: review.teaches, better: review.better, skills: review.skills });

/** The facts as the decisions table's columns (jsonb is written as JSON text; no better reply is SQL null). */
export const reviewColumns = (facts: ReviewFacts) => ({
  quality: facts.quality,
  teaches: JSON.stringify(facts.teaches),
  better: facts.better === null ? null : JSON.stringify(facts.better),
  skills: JSON.stringify(facts.skills),
});

export type Replayed = { ok: true; made: Decision[]; report: ScoreReport } | { ok: false; error: string };

/**
 * Replays every choice of an attempt through the rules and scores them: each move as the rules
 * made it (node, mood, composure) and the report after the last. The server records decisions and
 * the dashboard seed generates them through this one function, so both store the same.
 */
export function replayForStorage(scenario: Scenario, choices: readonly Choice[], seed: number): Replayed {
  const replayed = replayChoices(scenario, choices, seed);
  if (!replayed.ok) return replayed;
  const scored = replayAttempt(scenario, { scenario: scenario.id, scenarioVersion: scenario.version, decisions: replayed.state.decisions });
  // The replay just accepted every move, so scoring the same moves cannot fail.
  if (!scored.ok) throw new Error(scored.error);
  return { ok: true, made: replayed.state.decisions, report: scored.report };
}
