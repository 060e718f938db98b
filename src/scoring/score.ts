import { SKILLS, zeroSkills, type Outcome, type Skill, type SkillVector } from '../rubric.ts';
import { availableOptions, judgeBreath, replayChoices, SILENCE_SKILLS, type Choice, type ConversationState } from '../engine/rules.ts';
import { COMMON_NAMESPACE } from '../i18n/index.ts';
import { lineIds } from '../scenario/lineIds.ts';
import type { Reply, Scenario } from '../scenario/schema.ts';

/** What one decision earned, next to the best and worst that were possible at that moment. */
export interface DecisionReview {
  index: number;
  node: string;
  choice: Choice;
  skills: SkillVector;
  best: SkillVector;
  worst: SkillVector;
  moodBefore: number;
  moodAfter: number;
  teaches: string[];
  /** Text id of the feedback: the scenario's namespace for a reply, `common` for a breath or a silence. */
  feedback: { ns: string; key: string };
  /** Share of what was possible at this decision, 0–1 over all four skills. */
  quality: number;
  /** For a weak decision: the reply that was best here (null when the better move was not to pause). */
  better: { reply: string | null } | null;
}

export interface ScoreReport {
  outcome: Outcome | null;
  /** The node the replay ended on: the ending's node once the conversation is over. */
  endNode: string;
  skills: SkillVector;
  overall: number;
  decisions: DecisionReview[];
}

export type ScoreResult = { ok: true; report: ScoreReport } | { ok: false; error: string };

/** A decision below this share of what was possible is weak, and the debrief shows the better reply. */
const WEAK_BELOW = 0.6;

/**
 * Scores a sequence of choices by replaying it through the rules. Each skill is the sum of what the
 * trainee's choices earned, normalised between the worst and the best choices available at the
 * same decisions: 100 means "the best this path allowed". A replay also validates stored attempts.
 */
export function scoreChoices(scenario: Scenario, choices: readonly Choice[]): ScoreResult {
  const decisions: DecisionReview[] = [];
  const replayed = replayChoices(scenario, choices, null, ({ index, choice, before, after }) => {
    const review = reviewDecision(scenario, before, choice, index);
    // The rules accepted the move, so it was possible and can be reviewed.
    if (review) decisions.push({ ...review, moodAfter: after.mood });
  });
  if (!replayed.ok) return replayed;
  const skills = normalise(decisions);
  return { ok: true, report: { outcome: replayed.state.outcome, endNode: replayed.state.node, skills, overall: overallOf(skills), decisions } };
}

/** The overall score: the four skills weigh the same. */
export const overallOf = (skills: SkillVector): number => Math.round(SKILLS.reduce((sum, skill) => sum + skills[skill], 0) / SKILLS.length);

/** How one choice in one state compares with what else was possible there; undefined if it was not possible. */
export function reviewDecision(scenario: Scenario, state: ConversationState, choice: Choice, index: number): DecisionReview | undefined {
  const judged = judge(scenario, state, choice);
  if (!judged) return undefined;
  const [best, worst] = bounds(judged.alternatives);
  const decisionQuality = quality(judged.skills, best, worst);
  return {
    index,
    node: state.node,
    choice,
    skills: judged.skills,
    best,
    worst,
    moodBefore: state.mood,
    moodAfter: state.mood,
    teaches: judged.teaches,
    feedback: judged.feedback,
    quality: decisionQuality,
    better: decisionQuality < WEAK_BELOW ? judged.better : null,
  };
}

interface Judgement {
  skills: SkillVector;
  /** Skill effects of every move that was possible instead, the chosen one included. */
  alternatives: SkillVector[];
  teaches: string[];
  feedback: DecisionReview['feedback'];
  better: DecisionReview['better'];
}

function judge(scenario: Scenario, state: ConversationState, choice: Choice): Judgement | undefined {
  if (choice.kind === 'breath') return judgePause(scenario, state);
  if (choice.kind === 'silence') return judgeSilence(scenario, state);
  return judgeReply(scenario, state, choice.reply);
}

function judgeSilence(scenario: Scenario, state: ConversationState): Judgement {
  const replies = availableOptions(scenario, state).map((option) => option.reply);
  const bestReply = strongest(replies);
  return {
    skills: SILENCE_SKILLS,
    alternatives: [SILENCE_SKILLS, ...replies.map((reply) => reply.skills)],
    teaches: ['P16'],
    feedback: { ns: COMMON_NAMESPACE, key: 'silence.feedback' },
    better: bestReply ? { reply: bestReply.id } : null,
  };
}

function judgePause(scenario: Scenario, state: ConversationState): Judgement {
  const verdict = judgeBreath(scenario, state.composure);
  return {
    skills: verdict.skills,
    // The alternative to pausing is carrying on, which earns nothing either way.
    alternatives: [verdict.skills, zeroSkills()],
    teaches: ['P1'],
    feedback: { ns: COMMON_NAMESPACE, key: verdict.wellTimed ? 'breath.wellTimed' : 'breath.unneeded' },
    better: verdict.wellTimed ? null : { reply: null },
  };
}

function judgeReply(scenario: Scenario, state: ConversationState, replyId: string): Judgement | undefined {
  const options = availableOptions(scenario, state).map((option) => option.reply);
  const chosen = options.find((reply) => reply.id === replyId);
  if (!chosen) return undefined;
  const bestReply = strongest(options) ?? chosen;
  return {
    skills: chosen.skills,
    alternatives: options.map((reply) => reply.skills),
    teaches: chosen.teaches,
    feedback: { ns: scenario.id, key: lineIds.replyFeedback(state.node, chosen.id) },
    better: bestReply === chosen ? null : { reply: bestReply.id },
  };
}

function bounds(vectors: SkillVector[]): [SkillVector, SkillVector] {
  const best = zeroSkills();
  const worst = zeroSkills();
  for (const skill of SKILLS) {
    const values = vectors.map((vector) => vector[skill]);
    best[skill] = Math.max(...values);
    worst[skill] = Math.min(...values);
  }
  return [best, worst];
}

/** The reply with the highest sum over the four skills; the first one on a tie. */
function strongest(replies: Reply[]): Reply | undefined {
  return replies.reduce<Reply | undefined>((top, reply) => (top === undefined || total(reply.skills) > total(top.skills) ? reply : top), undefined);
}

const total = (vector: SkillVector) => SKILLS.reduce((sum, skill) => sum + vector[skill], 0);

function quality(chosen: SkillVector, best: SkillVector, worst: SkillVector): number {
  const range = total(best) - total(worst);
  return range === 0 ? 1 : (total(chosen) - total(worst)) / range;
}

/** Per skill: earned over possible across all decisions; a skill no decision could move scores 100. */
function normalise(decisions: DecisionReview[]): SkillVector {
  const perSkill = (skill: Skill) => {
    const earned = decisions.reduce((sum, d) => sum + d.skills[skill] - d.worst[skill], 0);
    const possible = decisions.reduce((sum, d) => sum + d.best[skill] - d.worst[skill], 0);
    return possible === 0 ? 100 : Math.round((100 * earned) / possible);
  };
  return Object.fromEntries(SKILLS.map((skill) => [skill, perSkill(skill)])) as SkillVector;
}
