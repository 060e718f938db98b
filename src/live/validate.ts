import { refusalOf, type Choice, type ConversationState } from '../engine/rules.ts';
import { choiceKey } from '../reports/scenario.ts';
import { cleanTraineeName } from '../records/preferences.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { LiveEvent, LiveState, ScenarioRef, Tally, Verdict } from './events.ts';
import { sameChoice } from './votes.ts';

/** The scenarios a fold may play; a log names each one by id and version. */
export type ScenarioLibrary = readonly Scenario[];

export function scenarioFor(library: ScenarioLibrary, ref: ScenarioRef): Scenario | undefined {
  return library.find((scenario) => scenario.id === ref.id && scenario.version === ref.version);
}

/** The scenario at a position of the session; a state only exists for a log whose scenarios were found. */
export function scenarioAt(state: LiveState, index: number, library: ScenarioLibrary): Scenario {
  const ref = state.scenarios[index];
  const scenario = ref && scenarioFor(library, ref);
  if (!scenario) throw new Error(`Scenario ${JSON.stringify(ref)} is not in the library`);
  return scenario;
}

export const currentScenario = (state: LiveState, library: ScenarioLibrary): Scenario => scenarioAt(state, state.scenarioIndex, library);

export const currentConversation = (state: LiveState): ConversationState => state.conversations[state.scenarioIndex] as ConversationState;

const ok: Verdict = { ok: true };
const no = (reason: string): Verdict => ({ ok: false, reason });
const check = (reason: string | null): Verdict => (reason === null ? ok : no(reason));

/** Events that still make sense while the room is paused for discussion. */
const WHILE_PAUSED = new Set<LiveEvent['type']>(['resumed', 'joined', 'left', 'ended']);

/** Whether `event` may be appended to a log whose fold is `state`, or why not (a reason a person can read). */
export function validateEvent(state: LiveState, event: LiveEvent, library: ScenarioLibrary): Verdict {
  if (state.phase === 'summary') return no('the session has ended');
  if (state.paused && !WHILE_PAUSED.has(event.type)) return no('the session is paused');
  switch (event.type) {
    case 'started':
      return state.phase === 'lobby' ? validateStart(event, library) : no('the session has already started');
    case 'joined':
      if (event.participant === '' || cleanTraineeName(event.name) === '') return no('a participant needs an id and a name');
      return check(state.participants.some((p) => p.id === event.participant && p.present) ? `participant "${event.participant}" is already in the room` : null);
    case 'left':
      return check(present(state, event.participant) ? null : `participant "${event.participant}" is not in the room`);
    case 'ended':
      return ok;
    case 'resumed':
      return check(state.paused ? null : 'the session is not paused');
    default:
      return state.phase === 'lobby' ? no('the session has not started') : validateRound(state, event, library);
  }
}

function validateStart(event: Extract<LiveEvent, { type: 'started' }>, library: ScenarioLibrary): Verdict {
  if (event.scenarios.length === 0) return no('a session needs at least one scenario');
  const missing = event.scenarios.find((ref) => !scenarioFor(library, ref));
  if (missing) return no(`scenario "${missing.id}" version ${missing.version} is not in the library`);
  if (new Set(event.roster.map((entry) => entry.id)).size !== event.roster.length) return no('the roster names someone twice');
  const { rotation } = event;
  if (rotation.every !== 'scenario' && !(rotation.every === 'decisions' && Number.isInteger(rotation.n) && rotation.n >= 1)) {
    return no('the hot seat rotates every scenario or after a whole number of decisions, at least 1');
  }
  return check(Number.isInteger(event.seed) ? null : 'the seed must be a whole number');
}

function refusalOfCounts(counts: readonly Tally[], refusal: (choice: Choice) => string | null): string | null {
  if (!Array.isArray(counts) || !counts.every((tally) => Number.isInteger(tally.count) && tally.count >= 0)) return 'hands are counted in whole numbers, 0 or more';
  if (!counts.some((tally) => tally.count > 0)) return 'no hands were counted';
  if (new Set(counts.map((tally) => choiceKey(tally.choice))).size !== counts.length) return 'a move is counted twice';
  return counts.map((tally) => refusal(tally.choice)).find((reason) => reason !== null) ?? null;
}

const present = (state: LiveState, participant: string) => state.participants.some((p) => p.id === participant && p.present);

function validateRound(state: LiveState, event: LiveEvent, library: ScenarioLibrary): Verdict {
  const conversation = currentConversation(state);
  const scenario = currentScenario(state, library);
  const notPresenting = state.phase === 'voting' ? 'close the vote first' : 'advance to the next turn first';
  const ended = conversation.outcome === null ? null : 'the conversation has ended: skip to the next scenario or end the session';
  switch (event.type) {
    case 'paused':
      return ok;
    case 'voteOpened':
      if (state.phase !== 'presenting') return no(state.phase === 'voting' ? 'a vote is already open' : notPresenting);
      if (event.durationMs !== null && !(Number.isFinite(event.durationMs) && event.durationMs > 0)) return no('a vote lasts a positive number of milliseconds');
      return check(ended);
    case 'voteCast': {
      if (!state.vote?.open) return no('no vote is open');
      if (!present(state, event.participant)) return no(`participant "${event.participant}" is not in the room`);
      const previous = state.vote.votes[event.participant];
      if (previous && sameChoice(previous, event.choice)) return no(`participant "${event.participant}" has already voted for that`);
      return check(refusalOf(scenario, conversation, event.choice));
    }
    case 'voteClosed':
      return check(state.vote?.open ? null : 'no vote is open');
    case 'handsCounted':
      if (state.phase !== 'presenting') return no(notPresenting);
      return check(ended ?? refusalOfCounts(event.counts, (choice) => refusalOf(scenario, conversation, choice)));
    case 'decided':
      if (state.phase !== 'presenting') return no(notPresenting);
      if (ended) return no(ended);
      if (event.source === 'trainer') return check(refusalOf(scenario, conversation, event.choice));
      if (event.source === 'majority') return check(state.vote?.tallies.length ? null : 'nobody has voted this round');
      if (event.source !== 'hotSeat') return no(`an unknown source "${String((event as { source: unknown }).source)}"`);
      if (state.hotSeat === null) return no('nobody is in the hot seat');
      return check(state.vote?.votes[state.hotSeat] ? null : 'the hot seat has not voted this round');
    case 'revealed':
      if (state.phase !== 'revealed') return no('there is no decision to reveal');
      return check(state.feedbackShown ? 'the feedback is already shown' : null);
    case 'advanced':
      return state.phase === 'revealed' ? check(ended) : no('the room is already on the current turn');
    case 'undone':
      if (state.phase === 'voting') return no(notPresenting);
      return check(state.decisions.length === 0 ? 'there is no decision to undo' : null);
    case 'skipped':
      if (state.phase === 'voting') return no(notPresenting);
      return check(state.scenarioIndex + 1 < state.scenarios.length ? null : 'this is the last scenario: end the session');
    default:
      return no(`an unknown event "${(event as { type: unknown }).type}"`);
  }
}
