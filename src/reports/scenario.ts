import type { Choice } from '../engine/rules.ts';
import { OUTCOMES, SKILLS, type Outcome, type SkillVector } from '../rubric.ts';

/**
 * The scenario view: how often each move was made at each point of one scenario, how often it was
 * a weak one, how conversations ended, and the skills the scenario's finished attempts earned.
 * Like the cohort summaries, the server computes it in SQL and a device here; a test compares them.
 */

/** A move as the reports count it: the reply's id, or `breath` or `silence`. */
export function choiceKey(choice: Choice): string {
  return choice.kind === 'reply' ? choice.reply : choice.kind;
}

/** One decision as the scenario view needs it; `quality` is the review's share of what was possible (0–1). */
export interface DecisionFacts {
  attemptId: string;
  traineeId: string;
  node: string;
  choice: string;
  quality: number;
}

export interface ChoiceCount {
  node: string;
  choice: string;
  /** Decisions that made this move here. */
  count: number;
  /** Distinct trainees who made it. */
  trainees: number;
  /** Of `count`, the weak ones (the debrief would show a better reply). */
  weak: number;
}

export interface ScenarioReport {
  attempts: number;
  trainees: number;
  outcomes: Record<Outcome | 'unfinished', number>;
  /** Mean of each skill over finished attempts; null when none is finished. */
  skills: SkillVector | null;
  /** Ordered by node, then by count (most made first), then by choice. */
  choices: ChoiceCount[];
}

const whole = (value: number) => Math.sign(value) * Math.round(Math.abs(value));

export function summariseScenario(
  attempts: readonly { attemptId: string; traineeId: string; outcome: Outcome | null; skills: SkillVector }[],
  decisions: readonly DecisionFacts[],
  weakBelow: number,
): ScenarioReport {
  const outcomes = Object.fromEntries([...OUTCOMES, 'unfinished'].map((outcome) => [outcome, 0])) as ScenarioReport['outcomes'];
  for (const attempt of attempts) outcomes[attempt.outcome ?? 'unfinished']++;
  const finished = attempts.filter((attempt) => attempt.outcome !== null);
  const skills = finished.length === 0 ? null : (Object.fromEntries(SKILLS.map((skill) => [skill, whole(finished.reduce((sum, attempt) => sum + attempt.skills[skill], 0) / finished.length)])) as SkillVector);

  const counts = new Map<string, ChoiceCount & { who: Set<string> }>();
  for (const decision of decisions) {
    const key = `${decision.node}\u0000${decision.choice}`;
    const entry = counts.get(key) ?? { node: decision.node, choice: decision.choice, count: 0, trainees: 0, weak: 0, who: new Set<string>() };
    entry.count++;
    entry.who.add(decision.traineeId);
    if (decision.quality < weakBelow) entry.weak++;
    counts.set(key, entry);
  }
  const choices = [...counts.values()]
    .map(({ who, ...entry }) => ({ ...entry, trainees: who.size }))
    .sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : b.count - a.count || (a.choice < b.choice ? -1 : a.choice > b.choice ? 1 : 0)));
  return { attempts: attempts.length, trainees: new Set(attempts.map((attempt) => attempt.traineeId)).size, outcomes, skills, choices };
}
