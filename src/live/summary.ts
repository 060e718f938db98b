import type { Choice } from '../engine/rules.ts';
import { expertMove, reviewDecision, WEAK_BELOW } from '../scoring/score.ts';
import type { DecisionSource, LiveEvent, Tally } from './events.ts';
import { foldLog } from './fold.ts';
import { hotSeatCredits, officialAttempt, participantScores, type HotSeatCredit, type ParticipantScore, type RoomAttempt } from './scoring.ts';
import { scenarioAt, type ScenarioLibrary } from './validate.ts';
import { majorityOf, sameChoice } from './votes.ts';

/** A vote whose most-voted move has less than this share of the votes split the room. */
export const CLEAR_MAJORITY = 2 / 3;

/** A move and its review's quality (0–1, the debrief's share of what was possible). */
export interface JudgedChoice {
  choice: Choice;
  quality: number;
}

/** One of the room's decisions, next to the hot seat's vote and the best move there was. */
export interface DecisionSummary {
  /** Position in the session's history. */
  decision: number;
  scenario: string;
  node: string;
  source: DecisionSource;
  room: JudgedChoice;
  hotSeat: { participant: string; vote: JudgedChoice | null } | null;
  /** The expert's move in the state the room was in. */
  best: Choice | null;
  /** The room's move was the expert's. */
  roomChoseBest: boolean;
  /** The room's move was the hot seat's vote; null when the hot seat did not vote. */
  roomFollowedHotSeat: boolean | null;
  tallies: Tally[];
  /** Phone votes plus hands counted. */
  voters: number;
  /** Share of the votes for the most-voted move; null without votes. */
  agreement: number | null;
  /** Mean quality of the votes; null without votes. */
  meanQuality: number | null;
  /** The votes split (no clear majority), or the majority's move was weak: the room found it hard. */
  hard: boolean;
}

export interface SessionSummary {
  participants: ParticipantScore[];
  attempts: RoomAttempt[];
  hotSeats: HotSeatCredit[];
  decisions: DecisionSummary[];
  /** The hard decisions, the lowest mean vote quality first (then in the order played). */
  hardest: DecisionSummary[];
}

/** Everything the debrief of a live session shows, from its log alone. */
export function sessionSummary(log: readonly LiveEvent[], library: ScenarioLibrary): SessionSummary {
  const state = foldLog(log, library);
  const decisions = state.decisions.map((decision, position): DecisionSummary => {
    const scenario = scenarioAt(state, decision.scenarioIndex, library);
    const judged = (choice: Choice): JudgedChoice => ({ choice, quality: reviewDecision(scenario, decision.before, choice, decision.index)?.quality ?? 0 });
    // From the tallies, so hands counted without phones weigh like phone votes.
    const tallies = decision.vote?.tallies ?? [];
    const voters = tallies.reduce((sum, tally) => sum + tally.count, 0);
    const hotSeatVote = decision.hotSeat === null ? undefined : decision.vote?.votes[decision.hotSeat];
    const majority = majorityOf(tallies, hotSeatVote);
    const agreement = voters === 0 ? null : (tallies[0]?.count ?? 0) / voters;
    const split = agreement !== null && agreement < CLEAR_MAJORITY;
    const best = expertMove(scenario, decision.before);
    const weakMajority = majority !== null && judged(majority).quality < WEAK_BELOW;
    return {
      decision: position,
      scenario: scenario.id,
      node: decision.before.node,
      source: decision.source,
      room: judged(decision.choice),
      hotSeat: decision.hotSeat === null ? null : { participant: decision.hotSeat, vote: hotSeatVote ? judged(hotSeatVote) : null },
      best,
      roomChoseBest: best !== null && sameChoice(decision.choice, best),
      roomFollowedHotSeat: hotSeatVote ? sameChoice(decision.choice, hotSeatVote) : null,
      tallies,
      voters,
      agreement,
      meanQuality: voters === 0 ? null : tallies.reduce((sum, tally) => sum + tally.count * judged(tally.choice).quality, 0) / voters,
      hard: split || weakMajority,
    };
  });
  const hardest = decisions.filter((d) => d.hard).sort((a, b) => (a.meanQuality ?? 1) - (b.meanQuality ?? 1) || a.decision - b.decision);
  return { participants: participantScores(log, library), attempts: officialAttempt(log, library), hotSeats: hotSeatCredits(log, library), decisions, hardest };
}
