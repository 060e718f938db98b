import { checkAttemptReplay, replayAttempt, type DecisionReview, type Outcome, type Scenario, type ScoreReport, type SkillVector } from '../../src/index.ts';
import type { StoredAttempt } from '../../client/records/history.ts';

/**
 * Shaping a trainee's records for display, as plain functions: scores come from replaying each
 * attempt in the browser against the scenario as shipped, never from anything stored. The
 * dashboard uses these for the device's own records (its local mode).
 */

/** How an attempt reads under the library as shipped: scored, played on another version, or of a scenario no longer in the game. */
export type AttemptScore = { kind: 'scored'; report: ScoreReport } | { kind: 'changed' } | { kind: 'removed' };

export interface ScoredAttempt extends StoredAttempt {
  score: AttemptScore;
}

/**
 * Scores every attempt. One whose stored decisions the rules do not reproduce (edited by hand, or
 * damaged in a way the field checks cannot see) is left out and counted, like any unreadable record.
 */
export function scoreAttempts(attempts: readonly StoredAttempt[], scenarios: ReadonlyMap<string, Scenario>): { scored: ScoredAttempt[]; edited: number } {
  const scored: ScoredAttempt[] = [];
  let edited = 0;
  for (const stored of attempts) {
    const scenario = scenarios.get(stored.record.scenario);
    if (!scenario) {
      scored.push({ ...stored, score: { kind: 'removed' } });
      continue;
    }
    const check = checkAttemptReplay(scenario, stored.attempt);
    if (!check.ok) {
      if (check.problem === 'scenarioChanged') scored.push({ ...stored, score: { kind: 'changed' } });
      else edited++;
      continue;
    }
    const replayed = replayAttempt(scenario, stored.attempt);
    if (replayed.ok) scored.push({ ...stored, score: { kind: 'scored', report: replayed.report } });
    else edited++;
  }
  return { scored, edited };
}

/** One row of an attempt list: what the page shows, whoever computed the scores. */
export interface AttemptRow {
  id: string;
  scenario: string;
  title: string;
  startedAt: number;
  language: string;
  outcome: Outcome | null;
  /** Null when the attempt cannot be scored as shipped (see `unscored`). */
  scores: { overall: number; skills: SkillVector } | null;
  unscored: 'changed' | 'removed' | null;
  /** Decisions replayed from an earlier attempt before this one began ("practise from here"). */
  replayedPrefix: number;
}

export function attemptRow(scored: ScoredAttempt, title: string): AttemptRow {
  const { record, score } = scored;
  return {
    id: record.id,
    scenario: record.scenario,
    title,
    startedAt: record.startedAt,
    language: record.language,
    outcome: record.outcome,
    scores: score.kind === 'scored' ? { overall: score.report.overall, skills: score.report.skills } : null,
    unscored: score.kind === 'scored' ? null : score.kind,
    replayedPrefix: record.replayedPrefix,
  };
}

/** A point of the skills-over-time chart: one finished, scored attempt. */
export interface SkillPoint {
  attemptId: string;
  at: number;
  title: string;
  overall: number;
  skills: SkillVector;
}

/** Finished attempts with scores, oldest first: an unfinished conversation's scores say little about a skill. */
export function skillPoints(rows: readonly AttemptRow[]): SkillPoint[] {
  return rows
    .flatMap((row) => (row.scores && row.outcome !== null ? [{ attemptId: row.id, at: row.startedAt, title: row.title, overall: row.scores.overall, skills: row.scores.skills }] : []))
    .sort((a, b) => a.at - b.at);
}

/** A decision the trainee got wrong, and the attempt to practise it from. */
export interface WeakMoment {
  attemptId: string;
  scenario: string;
  /** The decision's index in its attempt: practising replays the decisions before it. */
  index: number;
  /** When it was made. */
  at: number;
  review: DecisionReview;
}

/**
 * The trainee's weak moments: at each point of a conversation they have faced (scenario, the
 * customer's line, and whether they paused or replied), their most recent own decision, if the
 * debrief's review calls it weak (it shows a better move). Practising a moment and getting it right
 * clears it. Decisions replayed into a practice attempt are not the trainee's there, so they do not
 * count. Worst first, then most recent.
 */
export function weakMoments(attempts: readonly ScoredAttempt[]): WeakMoment[] {
  const latest = new Map<string, WeakMoment>();
  for (const { record, attempt, score } of attempts) {
    if (score.kind !== 'scored') continue;
    for (const review of score.report.decisions) {
      if (review.index < record.replayedPrefix) continue;
      const at = attempt.decisions[review.index]?.at ?? record.startedAt;
      const key = JSON.stringify([record.scenario, review.node, review.choice.kind === 'breath']);
      const before = latest.get(key);
      if (!before || at >= before.at) latest.set(key, { attemptId: record.id, scenario: record.scenario, index: review.index, at, review });
    }
  }
  return [...latest.values()].filter((moment) => moment.review.better !== null).sort((a, b) => a.review.quality - b.review.quality || b.at - a.at);
}

/** The game's address that opens a weak moment: a new attempt with the decisions before it replayed. */
export function practiseLink(moment: Pick<WeakMoment, 'scenario' | 'attemptId' | 'index'>): string {
  const params = new URLSearchParams({ scenario: moment.scenario, practise: moment.attemptId, at: String(moment.index) });
  return `./?${params.toString()}`;
}
