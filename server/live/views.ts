import { currentConversation, type Choice, type ConversationState, type LivePhase, type LiveState, type ScenarioRef, type Tally } from '../../src/index.ts';

/** Who a snapshot is for: the trainer's controller, or one participant's phone. */
export type Viewer = { role: 'controller' } | { role: 'participant'; participant: string };

/** The trainer's controller sees the whole fold: who is in the room, who voted what, every decision. */
export interface ControllerView {
  role: 'controller';
  state: LiveState;
}

/**
 * A phone sees what the room sees and its own part in it: the conversation, whether it holds the
 * hot seat, the vote in aggregate and its own vote. Never another participant's id or vote.
 */
export interface ParticipantView {
  role: 'participant';
  you: { name: string; present: boolean; hotSeat: boolean } | null;
  phase: LivePhase;
  paused: boolean;
  scenario: ScenarioRef | null;
  scenarioIndex: number;
  scenarioCount: number;
  round: number;
  conversation: ConversationState | null;
  /** The hot seat's name, so the room knows whose turn it is; null without one. */
  hotSeat: string | null;
  present: number;
  vote: { open: boolean; remainingMs: number | null; since: number; tallies: Tally[]; voters: number; yours: Choice | null } | null;
  feedbackShown: boolean;
}

export type RoomView = ControllerView | ParticipantView;

export function viewFor(state: LiveState, viewer: Viewer): RoomView {
  if (viewer.role === 'controller') return { role: 'controller', state };
  const me = state.participants.find((participant) => participant.id === viewer.participant);
  const started = state.conversations.length > 0;
  const nameOf = (id: string | null) => (id === null ? null : (state.participants.find((p) => p.id === id)?.name ?? state.roster.find((r) => r.id === id)?.name ?? null));
  const vote = state.vote;
  return {
    role: 'participant',
    you: me ? { name: me.name, present: me.present, hotSeat: state.hotSeat === me.id } : null,
    phase: state.phase,
    paused: state.paused,
    scenario: state.scenarios[state.scenarioIndex] ?? null,
    scenarioIndex: state.scenarioIndex,
    scenarioCount: state.scenarios.length,
    round: state.round,
    conversation: started ? currentConversation(state) : null,
    hotSeat: nameOf(state.hotSeat),
    present: state.participants.filter((participant) => participant.present).length,
    vote: vote && {
      open: vote.open,
      remainingMs: vote.remainingMs,
      since: vote.since,
      tallies: vote.tallies,
      voters: Object.keys(vote.votes).length,
      yours: vote.votes[viewer.participant] ?? null,
    },
    feedbackShown: state.feedbackShown,
  };
}
