import { applyChoice, initialState, legalChoices, type Choice } from '../engine/rules.ts';
import { cleanTraineeName } from '../records/preferences.ts';
import type { LiveEvent, LiveState, Vote } from './events.ts';
import { currentConversation, currentScenario, validateEvent, type ScenarioLibrary } from './validate.ts';
import { hotSeatOf, majorityOf, tallyVotes } from './votes.ts';

/** The state of a log with no events: a lobby nobody has joined. */
export function emptyLiveState(): LiveState {
  return {
    phase: 'lobby',
    paused: false,
    seed: 0,
    scenarios: [],
    roster: [],
    rotation: { every: 'scenario' },
    participants: [],
    scenarioIndex: 0,
    round: 0,
    conversations: [],
    hotSeat: null,
    vote: null,
    feedbackShown: false,
    decisions: [],
  };
}

/**
 * The session a log describes, event by event. A stored log was validated as it grew, so an event
 * the rules refuse means the log is corrupt or was folded with the wrong scenarios: that throws.
 */
export function foldLog(log: readonly LiveEvent[], library: ScenarioLibrary): LiveState {
  return log.reduce((state, event, position) => {
    const verdict = validateEvent(state, event, library);
    if (!verdict.ok) throw new Error(`Event ${position + 1} (${event.type}) cannot be folded: ${verdict.reason}`);
    return applyEvent(state, event, library);
  }, emptyLiveState());
}

/** One valid event's effect; call validateEvent first (foldLog and the machine do). */
export function applyEvent(state: LiveState, event: LiveEvent, library: ScenarioLibrary): LiveState {
  switch (event.type) {
    case 'started': {
      const started = { ...state, phase: 'presenting' as const, seed: event.seed, scenarios: event.scenarios, roster: event.roster, rotation: event.rotation, scenarioIndex: 0 };
      return withTurn({ ...started, conversations: [initialState(currentScenario(started, library), event.seed)] });
    }
    case 'joined': {
      const participant = { id: event.participant, name: cleanTraineeName(event.name), present: true };
      const known = state.participants.some((p) => p.id === participant.id);
      return { ...state, participants: known ? state.participants.map((p) => (p.id === participant.id ? participant : p)) : [...state.participants, participant] };
    }
    case 'left':
      return { ...state, participants: state.participants.map((p) => (p.id === event.participant ? { ...p, present: false } : p)) };
    case 'voteOpened': {
      // Reopening a closed vote in the same round keeps the votes (and hands) already counted.
      const { votes, hands } = state.vote ?? { votes: {}, hands: [] };
      return { ...state, phase: 'voting', vote: counted(state, { open: true, durationMs: event.durationMs, remainingMs: event.durationMs, since: event.at, votes, hands }, library) };
    }
    case 'voteCast': {
      const vote = state.vote as Vote;
      return { ...state, vote: counted(state, { ...vote, votes: { ...vote.votes, [event.participant]: event.choice } }, library) };
    }
    case 'handsCounted': {
      const vote = state.vote ?? { open: false, durationMs: null, remainingMs: null, since: event.at, votes: {} };
      return { ...state, vote: counted(state, { ...vote, hands: event.counts.filter((tally) => tally.count > 0) }, library) };
    }
    case 'voteClosed':
      return { ...state, phase: 'presenting', vote: { ...runDown(state.vote as Vote, event.at), open: false } };
    case 'paused':
      return { ...state, paused: true, vote: state.vote?.open ? runDown(state.vote, event.at) : state.vote };
    case 'resumed':
      return { ...state, paused: false, vote: state.vote?.open ? { ...state.vote, since: event.at } : state.vote };
    case 'decided':
      return decide(state, event.source === 'trainer' ? event.choice : chosenBy(state, event.source), event, library);
    case 'revealed':
      return { ...state, feedbackShown: true };
    case 'advanced':
      return { ...state, phase: 'presenting', feedbackShown: false };
    case 'undone': {
      // The exact state before the decision: its conversation, its round's vote, its hot seat.
      const last = state.decisions.at(-1) as LiveState['decisions'][number];
      const conversations = [...state.conversations.slice(0, last.scenarioIndex), last.before];
      const undone = { ...state, phase: 'presenting' as const, scenarioIndex: last.scenarioIndex, conversations, vote: last.vote, feedbackShown: false };
      return withTurn({ ...undone, decisions: state.decisions.slice(0, -1) });
    }
    case 'skipped': {
      const next = { ...state, scenarioIndex: state.scenarioIndex + 1, phase: 'presenting' as const, vote: null, feedbackShown: false };
      return withTurn({ ...next, conversations: [...state.conversations, initialState(currentScenario(next, library), state.seed)] });
    }
    case 'ended':
      return { ...state, phase: 'summary', paused: false, vote: state.vote?.open ? { ...runDown(state.vote, event.at), open: false } : state.vote };
  }
}

/** The round and the hot seat follow from where the conversation is and how many decisions the session has made. */
const withTurn = (state: LiveState): LiveState => ({
  ...state,
  round: currentConversation(state).decisions.length,
  hotSeat: hotSeatOf(state.roster, state.rotation, state.scenarioIndex, state.decisions.length),
});

const counted = (state: LiveState, vote: Omit<Vote, 'tallies'>, library: ScenarioLibrary): Vote => ({
  ...vote,
  tallies: tallyVotes(vote.votes, legalChoices(currentScenario(state, library), currentConversation(state)), vote.hands),
});

/** The vote's timer stopped at `at`: what is left of it is kept for a resume. */
function runDown(vote: Vote, at: number): Vote {
  return { ...vote, since: at, remainingMs: vote.remainingMs === null ? null : Math.max(0, vote.remainingMs - (at - vote.since)) };
}

function chosenBy(state: LiveState, source: 'hotSeat' | 'majority'): Choice {
  const votes = state.vote?.votes ?? {};
  const hotSeatVote = state.hotSeat === null ? undefined : votes[state.hotSeat];
  const choice = source === 'hotSeat' ? hotSeatVote : majorityOf(state.vote?.tallies ?? [], hotSeatVote);
  if (!choice) throw new Error('validateEvent lets no decision through without the votes it needs');
  return choice;
}

function decide(state: LiveState, choice: Choice, event: LiveEvent & { type: 'decided' }, library: ScenarioLibrary): LiveState {
  const before = currentConversation(state);
  const step = applyChoice(currentScenario(state, library), before, choice, event.at);
  if (!step.ok) throw new Error(`The room's move was refused: ${step.error}`);
  const decision = { scenarioIndex: state.scenarioIndex, index: before.decisions.length, choice, source: event.source, hotSeat: state.hotSeat, vote: state.vote, before };
  const conversations = state.conversations.map((conversation, index) => (index === state.scenarioIndex ? step.state : conversation));
  return withTurn({ ...state, phase: 'revealed', conversations, vote: null, feedbackShown: false, decisions: [...state.decisions, decision] });
}
