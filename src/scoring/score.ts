import { SKILLS, zeroSkills, type Outcome, type Skill, type SkillVector } from '../rubric.ts';
import { applyChoice, availableOptions, canTakeBreath, judgeBreath, replayChoices, SILENCE_SKILLS, type Choice, type ConversationState, type ReplyOption } from '../engine/rules.ts';
import { COMMON_NAMESPACE } from '../i18n/index.ts';
import { lineIds } from '../scenario/lineIds.ts';
import type { Scenario } from '../scenario/schema.ts';

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
  /** Sums of the four skill effects: of the move made, of the expert's move (the highest possible here) and of the worst. */
  totals: { chosen: number; expert: number; worst: number };
  /** Share of what was possible at this decision, 0–1: (chosen − worst) / (expert − worst) of the totals. */
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
  /**
   * The decisions an expert would still have handled when the conversation ended unresolved (and
   * not by a hand-over the scenario teaches, P4): they count as possible but not earned.
   */
  unreached: DecisionReview[];
}

export type ScoreResult = { ok: true; report: ScoreReport } | { ok: false; error: string };

/** A decision below this share of what was possible is weak, and the debrief shows the better reply. */
export const WEAK_BELOW = 0.6;

/** A conversation longer than this is not followed further when working out what an expert would still have done. */
export const EXPERT_HORIZON = 200;

/**
 * Scores a sequence of choices by replaying it through the rules (docs/scoring.md). Each skill is
 * what the choices earned on it, normalised between the worst and the best moves available at the
 * same decisions; overall is the sum of the four, normalised between the worst move and the
 * expert's, so the expert path scores exactly 100. A replay also validates stored attempts.
 */
export function scoreChoices(scenario: Scenario, choices: readonly Choice[]): ScoreResult {
  const decisions: DecisionReview[] = [];
  let lastBefore: ConversationState | undefined;
  const replayed = replayChoices(scenario, choices, null, ({ index, choice, before, after }) => {
    const review = reviewDecision(scenario, before, choice, index);
    // The rules accepted the move, so it was possible and can be reviewed.
    if (review) decisions.push({ ...review, moodAfter: after.mood });
    lastBefore = before;
  });
  if (!replayed.ok) return replayed;
  const last = decisions.at(-1);
  const unreached = lastBefore && last && endsShort(scenario, replayed.state, last.choice) ? expertContinuation(scenario, lastBefore, decisions.length).slice(1) : [];
  return {
    ok: true,
    report: { outcome: replayed.state.outcome, endNode: replayed.state.node, skills: normalise(decisions, unreached), overall: overallScore(decisions, unreached), decisions, unreached },
  };
}

/** An ending other than "resolved" cuts the conversation short, unless the last move was a hand-over the scenario teaches (P4). */
function endsShort(scenario: Scenario, end: ConversationState, lastChoice: Choice): boolean {
  if (end.outcome === null || end.outcome === 'resolved') return false;
  if (lastChoice.kind !== 'reply') return true;
  const node = end.decisions.at(-1)?.node;
  const reply = node === undefined ? undefined : scenario.nodes[node]?.replies?.find((candidate) => candidate.id === lastChoice.reply);
  return !reply?.teaches.includes(HAND_OVER);
}

/** The principle of a hand-over the scenario teaches (bring in who can decide): an ending by it skips nothing. */
export const HAND_OVER = 'P4';

/**
 * The move the rubric's expert makes here: the reply with the highest skill total, after a breath
 * when it is locked; null once the conversation has ended.
 */
export function expertMove(scenario: Scenario, state: ConversationState): Choice | null {
  if (state.outcome !== null) return null;
  const options = availableOptions(scenario, state);
  const top = strongest(options);
  if (top && !top.locked) return { kind: 'reply', reply: top.reply.id };
  if (top && canTakeBreath(state)) return { kind: 'breath' };
  const unlocked = strongest(options.filter((option) => !option.locked));
  if (unlocked) return { kind: 'reply', reply: unlocked.reply.id };
  return scenario.timer ? { kind: 'silence' } : null;
}

/** The expert's decisions from `state` to the end, reviewed. */
export function expertContinuation(scenario: Scenario, state: ConversationState, firstIndex = 0): DecisionReview[] {
  const reviews: DecisionReview[] = [];
  let current = state;
  for (let index = firstIndex; index < firstIndex + EXPERT_HORIZON; index++) {
    const move = expertMove(scenario, current);
    const review = move && reviewDecision(scenario, current, move, index);
    const step = move && applyChoice(scenario, current, move, 0);
    if (!review || !step?.ok) break;
    reviews.push({ ...review, moodAfter: step.state.mood });
    current = step.state;
  }
  return reviews;
}

/** How one choice in one state compares with what else was possible there; undefined if it was not possible. */
export function reviewDecision(scenario: Scenario, state: ConversationState, choice: Choice, index: number): DecisionReview | undefined {
  const judged = judge(scenario, state, choice);
  if (!judged) return undefined;
  const [best, worst] = bounds(judged.alternatives);
  const totals = { chosen: total(judged.skills), expert: Math.max(...judged.alternatives.map(total)), worst: Math.min(...judged.alternatives.map(total)) };
  const decisionQuality = share(totals.chosen - totals.worst, totals.expert - totals.worst);
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
    totals,
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
  const options = availableOptions(scenario, state);
  const replies = options.map((option) => option.reply);
  const bestReply = strongest(options)?.reply;
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
  const options = availableOptions(scenario, state);
  const chosen = options.find((option) => option.reply.id === replyId)?.reply;
  if (!chosen) return undefined;
  const bestReply = strongest(options)?.reply ?? chosen;
  return {
    skills: chosen.skills,
    alternatives: options.map((option) => option.reply.skills),
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

/** The offered reply with the highest sum over the four skills (the expert's); the first one on a tie. */
function strongest(options: readonly ReplyOption[]): ReplyOption | undefined {
  return options.reduce<ReplyOption | undefined>((top, option) => (top === undefined || total(option.reply.skills) > total(top.reply.skills) ? option : top), undefined);
}

export const total = (vector: SkillVector) => SKILLS.reduce((sum, skill) => sum + vector[skill], 0);

/** Earned over possible; where nothing was at stake, nothing was missed. */
const share = (earned: number, possible: number) => (possible === 0 ? 1 : earned / possible);

/** Per skill: earned over possible across the decisions made; unreached decisions add to what was possible only. */
export function normalise(decisions: readonly DecisionReview[], unreached: readonly DecisionReview[]): SkillVector {
  const perSkill = (skill: Skill) => {
    const earned = decisions.reduce((sum, d) => sum + d.skills[skill] - d.worst[skill], 0);
    const possible = [...decisions, ...unreached].reduce((sum, d) => sum + d.best[skill] - d.worst[skill], 0);
    return Math.round(100 * share(earned, possible));
  };
  return Object.fromEntries(SKILLS.map((skill) => [skill, perSkill(skill)])) as SkillVector;
}

/** Overall: the four skills together, measured against the expert's move at each decision. */
export function overallScore(decisions: readonly DecisionReview[], unreached: readonly DecisionReview[]): number {
  const earned = decisions.reduce((sum, d) => sum + d.totals.chosen - d.totals.worst, 0);
  const possible = [...decisions, ...unreached].reduce((sum, d) => sum + d.totals.expert - d.totals.worst, 0);
  return Math.round(100 * share(earned, possible));
}
