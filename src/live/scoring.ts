import type { Choice, Decision } from '../engine/rules.ts';
import type { Outcome, SkillVector } from '../rubric.ts';
import { normalise, overallScore, reviewDecision, scoreChoices, type DecisionReview, type ScoreReport } from '../scoring/score.ts';
import type { DecisionSource, LiveDecision, LiveEvent, LiveState } from './events.ts';
import { foldLog } from './fold.ts';
import { scenarioAt, type ScenarioLibrary } from './validate.ts';
import { sameChoice } from './votes.ts';

/** Skills and overall of some reviewed decisions, normalised exactly as an attempt's are; null for none. */
export interface ReviewedScore {
  skills: SkillVector | null;
  overall: number | null;
}

/** One participant's vote at one of the room's decisions, reviewed at the state the room was in. */
export interface VoteReview {
  participant: string;
  /** Position of the room's decision in the session's history. */
  decision: number;
  scenario: string;
  review: DecisionReview;
}

export interface ParticipantScore extends ReviewedScore {
  participant: string;
  name: string;
  /** Decisions they voted on (their last vote in each round counts). */
  votes: number;
}

/** What the room did in one scenario: the session's official attempt at it, replayed by the rules. */
export interface RoomAttempt {
  scenario: string;
  scenarioVersion: number;
  seed: number;
  choices: Choice[];
  decisions: Decision[];
  outcome: Outcome | null;
  score: ScoreReport;
}

/** One decision taken while a trainee was in the hot seat, judged on their own vote. */
export interface HotSeatDecision extends VoteReview {
  source: DecisionSource;
  /** Whether the room's move was theirs. */
  followed: boolean;
}

export interface HotSeatCredit extends ReviewedScore {
  participant: string;
  decisions: HotSeatDecision[];
}

export function scoreOfReviews(reviews: readonly DecisionReview[]): ReviewedScore {
  return reviews.length === 0 ? { skills: null, overall: null } : { skills: normalise(reviews, []), overall: overallScore(reviews, []) };
}

/** Every vote of every decision still in the history (an undone decision's votes no longer count). */
export function voteReviews(state: LiveState, library: ScenarioLibrary): VoteReview[] {
  return state.decisions.flatMap((decision, position) => {
    const scenario = scenarioAt(state, decision.scenarioIndex, library);
    return Object.entries(decision.vote?.votes ?? {}).map(([participant, choice]) => {
      const review = reviewDecision(scenario, decision.before, choice, decision.index);
      // A vote was legal when cast, and a round's state does not change while its vote is open.
      if (!review) throw new Error(`The vote of "${participant}" at decision ${position + 1} cannot be reviewed`);
      return { participant, decision: position, scenario: scenario.id, review };
    });
  });
}

/** Each participant's votes, reviewed and summed per skill over the decisions they voted on. */
export function participantScores(log: readonly LiveEvent[], library: ScenarioLibrary): ParticipantScore[] {
  const state = foldLog(log, library);
  const reviews = voteReviews(state, library);
  return state.participants.map(({ id, name }) => {
    const own = reviews.filter((vote) => vote.participant === id).map((vote) => vote.review);
    return { participant: id, name, votes: own.length, ...scoreOfReviews(own) };
  });
}

/** The room's path through each scenario it reached, replayed from the log (undone decisions are gone). */
export function officialAttempt(log: readonly LiveEvent[], library: ScenarioLibrary): RoomAttempt[] {
  const state = foldLog(log, library);
  return state.conversations.map((conversation, index) => {
    const scenario = scenarioAt(state, index, library);
    const choices = conversation.decisions.map((decision) => decision.choice);
    const scored = scoreChoices(scenario, choices);
    if (!scored.ok) throw new Error(`The room's path through "${scenario.id}" does not replay: ${scored.error}`);
    return { scenario: scenario.id, scenarioVersion: scenario.version, seed: state.seed, choices, decisions: conversation.decisions, outcome: conversation.outcome, score: scored.report };
  });
}

/** Each hot-seat trainee's own decisions: their vote in the rounds they held the seat, whatever the room then did. */
export function hotSeatCredits(log: readonly LiveEvent[], library: ScenarioLibrary): HotSeatCredit[] {
  const state = foldLog(log, library);
  const reviews = voteReviews(state, library);
  const credits = new Map<string, HotSeatDecision[]>();
  for (const vote of reviews) {
    const decision = state.decisions[vote.decision] as LiveDecision;
    if (decision.hotSeat !== vote.participant) continue;
    const own = { ...vote, source: decision.source, followed: sameChoice(decision.choice, vote.review.choice) };
    credits.set(vote.participant, [...(credits.get(vote.participant) ?? []), own]);
  }
  return [...credits].map(([participant, decisions]) => ({ participant, decisions, ...scoreOfReviews(decisions.map((d) => d.review)) }));
}
