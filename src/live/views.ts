import type { Choice, ConversationState } from '../engine/rules.ts';
import type { DecisionSource, LivePhase, LiveState, ScenarioRef, Tally } from './events.ts';
import type { ParticipantScore } from './scoring.ts';
import type { DecisionSummary, JudgedChoice, SessionSummary } from './summary.ts';
import { currentConversation } from './validate.ts';

/**
 * What each screen of a live room is sent: a snapshot cut to what that screen may know. The team
 * server sends these over the room's sockets; a room without a server (two windows on the
 * trainer's laptop) sends the same over a BroadcastChannel, so the screens draw one shape either way.
 */

/** Who a snapshot is for: the trainer's controller, the projector, or one participant's phone. */
export type Viewer = { role: 'controller' } | { role: 'projector' } | { role: 'participant'; participant: string };

/** The move the room just took (phase `revealed`): `conversation` already holds its result, the customer's answer. */
export interface RoundDecision {
  choice: Choice;
  source: DecisionSource;
  /** The conversation it was taken in: views review the move against it (`reviewDecision`). */
  before: ConversationState;
  /** Index of the decision within its scenario's conversation. */
  index: number;
}

/** What the whole room may see of the vote: counts, never who voted what. */
export interface PublicVote {
  open: boolean;
  remainingMs: number | null;
  since: number;
  tallies: Tally[];
  /** Phone votes cast (hands counted are in the tallies only). */
  voters: number;
}

/** What every screen shows of the room, beyond its own part. */
export interface RoomSnapshot {
  phase: LivePhase;
  paused: boolean;
  scenario: ScenarioRef | null;
  scenarioIndex: number;
  scenarioCount: number;
  round: number;
  /** The conversation the room is in; null in the lobby. */
  conversation: ConversationState | null;
  /** The hot seat's name, so the room knows whose turn it is; null without one. */
  hotSeat: string | null;
  present: number;
  vote: PublicVote | null;
  decision: RoundDecision | null;
  feedbackShown: boolean;
}

/** The trainer's controller sees the whole fold (who is in the room, who voted what) and, at the end, the whole summary. */
export interface ControllerView {
  role: 'controller';
  state: LiveState;
  summary: SessionSummary | null;
}

/** A decision as the room may review it: the hot seat by name, not by id. */
export type PublicDecisionSummary = Omit<DecisionSummary, 'hotSeat'> & { hotSeat: { name: string | null; vote: JudgedChoice | null } | null };

/** The projector: the room as everyone sees it, the names in the room (the lobby shows who has joined), no one's own vote or score. */
export interface ProjectorView extends RoomSnapshot {
  role: 'projector';
  names: string[];
  /** At the end: how the room did, decision by decision, and where it found it hardest. */
  summary: { decisions: PublicDecisionSummary[]; hardest: PublicDecisionSummary[] } | null;
}

/** A phone: the room as everyone sees it, and its own place, vote and (at the end) score. Never another participant's id or vote. */
export interface ParticipantView extends RoomSnapshot {
  role: 'participant';
  you: { name: string; present: boolean; hotSeat: boolean } | null;
  yourVote: Choice | null;
  yourScore: ParticipantScore | null;
}

export type RoomView = ControllerView | ProjectorView | ParticipantView;

const nameIn = (state: LiveState) => (id: string | null) => (id === null ? null : (state.participants.find((p) => p.id === id)?.name ?? state.roster.find((r) => r.id === id)?.name ?? null));

function snapshotOf(state: LiveState): RoomSnapshot {
  const nameOf = nameIn(state);
  const { vote } = state;
  const last = state.decisions.at(-1);
  // Decided and not yet moved on: the last decision was made in this scenario, in the round just before the one the room is now on.
  const decided = state.phase === 'revealed' && last !== undefined && last.scenarioIndex === state.scenarioIndex && last.index === state.round - 1;
  return {
    phase: state.phase,
    paused: state.paused,
    scenario: state.scenarios[state.scenarioIndex] ?? null,
    scenarioIndex: state.scenarioIndex,
    scenarioCount: state.scenarios.length,
    round: state.round,
    conversation: state.conversations.length > 0 ? currentConversation(state) : null,
    hotSeat: nameOf(state.hotSeat),
    present: state.participants.filter((participant) => participant.present).length,
    vote: vote && { open: vote.open, remainingMs: vote.remainingMs, since: vote.since, tallies: vote.tallies, voters: Object.keys(vote.votes).length },
    decision: decided ? { choice: last.choice, source: last.source, before: last.before, index: last.index } : null,
    feedbackShown: state.feedbackShown,
  };
}

/**
 * The snapshot `viewer` may see. `summary` is the session's summary (`sessionSummary` of its log),
 * which the caller computes once when the room reaches its summary; it is ignored before then.
 */
export function viewFor(state: LiveState, viewer: Viewer, summary: SessionSummary | null = null): RoomView {
  const ended = state.phase === 'summary' ? summary : null;
  if (viewer.role === 'controller') return { role: 'controller', state, summary: ended };
  if (viewer.role === 'projector') {
    const names = state.participants.filter((participant) => participant.present).map((participant) => participant.name);
    const nameOf = nameIn(state);
    const publicOf = ({ hotSeat, ...decision }: DecisionSummary): PublicDecisionSummary => ({ ...decision, hotSeat: hotSeat && { name: nameOf(hotSeat.participant), vote: hotSeat.vote } });
    return { role: 'projector', ...snapshotOf(state), names, summary: ended && { decisions: ended.decisions.map(publicOf), hardest: ended.hardest.map(publicOf) } };
  }
  const me = state.participants.find((participant) => participant.id === viewer.participant);
  return {
    role: 'participant',
    ...snapshotOf(state),
    you: me ? { name: me.name, present: me.present, hotSeat: state.hotSeat === me.id } : null,
    yourVote: (me && state.vote?.votes[me.id]) ?? null,
    yourScore: ended?.participants.find((score) => score.participant === viewer.participant) ?? null,
  };
}
