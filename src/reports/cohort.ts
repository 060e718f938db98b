import { SKILLS, type Outcome, type Skill, type SkillVector } from '../rubric.ts';

/**
 * What the manager's dashboard reads, defined once: the team server computes these in SQL over
 * its stored scores, the dashboard on a device without a server computes them here from its own
 * records, and a test holds the two to the same answers.
 */

/** One attempt as the reports see it: scores are the ones computed by replaying (server or device), never sent ones. */
export interface AttemptFacts {
  attemptId: string;
  traineeId: string;
  scenario: string;
  language: string;
  /** Wall-clock milliseconds when the attempt began. */
  startedAt: number;
  /** Null while the conversation is unfinished. */
  outcome: Outcome | null;
  /** The score of the decisions made so far (of the whole conversation once it has ended). */
  overall: number;
  skills: SkillVector;
}

/** A trainee's results on one scenario; a scenario missing from `cells` is not started. */
export interface ScenarioCell {
  attempts: number;
  /** Of finished attempts only: null when none is finished. */
  best: number | null;
  latest: number | null;
  latestOutcome: Outcome | null;
}

export type Trend = 'up' | 'down' | 'flat';

export interface TraineeSummary {
  traineeId: string;
  cells: Record<string, ScenarioCell>;
  /** Mean of each skill over finished attempts; null when none is finished. */
  skills: SkillVector | null;
  overall: number | null;
  weakest: Skill | null;
  /** When the latest attempt began, milliseconds; null with no attempts. */
  lastActivity: number | null;
  trend: Trend | null;
}

/** Points of overall score the recent attempts must differ from the ones before them to count as a trend. */
export const TREND_STEP = 5;
/** How many recent finished attempts are compared with as many before them. */
export const TREND_WINDOW = 3;

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
/** Reports show whole points, rounded the same way in SQL (`round`, half away from zero) and here. */
const whole = (value: number) => Math.sign(value) * Math.round(Math.abs(value));

/**
 * Up or down when the mean overall of the latest `k` finished attempts differs from the mean of the
 * `k` before them by at least TREND_STEP, with k = min(TREND_WINDOW, half the finished attempts);
 * null with fewer than two.
 */
export function trendOf(finishedOveralls: readonly number[]): Trend | null {
  const k = Math.min(TREND_WINDOW, Math.floor(finishedOveralls.length / 2));
  if (k === 0) return null;
  const latest = finishedOveralls.slice(-k);
  const before = finishedOveralls.slice(-2 * k, -k);
  const delta = mean(latest) - mean(before);
  return delta >= TREND_STEP ? 'up' : delta <= -TREND_STEP ? 'down' : 'flat';
}

/** The lowest skill; a tie goes to the skill listed first in SKILLS. */
export function weakestSkill(skills: SkillVector): Skill {
  return SKILLS.reduce((weakest, skill) => (skills[skill] < skills[weakest] ? skill : weakest));
}

/** Ordered by start, then id, so two attempts started in the same millisecond still have one order. */
const chronological = (a: AttemptFacts, b: AttemptFacts) => a.startedAt - b.startedAt || (a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : 0);

/** One trainee's row of the cohort grid from their attempts (already filtered to the manager's selection). */
export function summariseTrainee(traineeId: string, attempts: readonly AttemptFacts[]): TraineeSummary {
  const ordered = [...attempts].sort(chronological);
  const cells: Record<string, ScenarioCell> = {};
  for (const attempt of ordered) {
    const cell = (cells[attempt.scenario] ??= { attempts: 0, best: null, latest: null, latestOutcome: null });
    cell.attempts++;
    if (attempt.outcome === null) continue;
    cell.best = Math.max(cell.best ?? attempt.overall, attempt.overall);
    cell.latest = attempt.overall;
    cell.latestOutcome = attempt.outcome;
  }
  const finished = ordered.filter((attempt) => attempt.outcome !== null);
  const skills = finished.length === 0 ? null : (Object.fromEntries(SKILLS.map((skill) => [skill, whole(mean(finished.map((attempt) => attempt.skills[skill])))])) as SkillVector);
  return {
    traineeId,
    cells,
    skills,
    overall: finished.length === 0 ? null : whole(mean(finished.map((attempt) => attempt.overall))),
    weakest: skills && weakestSkill(skills),
    lastActivity: ordered.at(-1)?.startedAt ?? null,
    trend: trendOf(finished.map((attempt) => attempt.overall)),
  };
}

/** The manager's filters that change which attempts count (the rest filter rows after). */
export interface AttemptFilter {
  from?: number;
  to?: number;
  scenarios?: readonly string[];
  languages?: readonly string[];
}

export function matchesFilter(attempt: AttemptFacts, filter: AttemptFilter): boolean {
  return (
    (filter.from === undefined || attempt.startedAt >= filter.from) &&
    (filter.to === undefined || attempt.startedAt < filter.to) &&
    (!filter.scenarios?.length || filter.scenarios.includes(attempt.scenario)) &&
    (!filter.languages?.length || filter.languages.includes(attempt.language))
  );
}

/** Every trainee's summary, trainees without a matching attempt included (their rows say "not started"). */
export function summariseCohort(traineeIds: readonly string[], attempts: readonly AttemptFacts[], filter: AttemptFilter = {}): TraineeSummary[] {
  const byTrainee = new Map<string, AttemptFacts[]>(traineeIds.map((id) => [id, []]));
  for (const attempt of attempts) if (matchesFilter(attempt, filter)) byTrainee.get(attempt.traineeId)?.push(attempt);
  return traineeIds.map((id) => summariseTrainee(id, byTrainee.get(id) ?? []));
}

/** The manager's "needs attention" rule: a skill below the threshold, or no attempt for `idleDays` (relative to `now`). */
export interface AttentionRule {
  skillBelow?: number;
  idleDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a trainee needs attention (empty when they do not): the skills below the threshold, and whether they have gone quiet. */
export function attentionReasons(summary: TraineeSummary, rule: AttentionRule, now: number): { skills: Skill[]; idle: boolean } {
  const { skillBelow, idleDays } = rule;
  const skills = skillBelow === undefined || !summary.skills ? [] : SKILLS.filter((skill) => (summary.skills as SkillVector)[skill] < skillBelow);
  const idle = idleDays !== undefined && (summary.lastActivity === null || now - summary.lastActivity >= idleDays * DAY_MS);
  return { skills, idle };
}
