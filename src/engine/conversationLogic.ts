import type { ActorLogic, AnyActorRef, Snapshot } from 'xstate';
import type { Scenario } from '../scenario/schema.ts';
import { applyChoice, replayChoices, type Choice, type ConversationState } from './rules.ts';

/** What a trainee (or a bot, a live room, an LMS wrapper) sends to a conversation. */
export type ConversationEvent = { type: 'reply.chosen'; reply: string } | { type: 'breath.taken' } | { type: 'timer.expired' };

/** Emitted when the rules refuse a move: the conversation stays as it was and the caller learns why. */
export interface MoveRejected {
  type: 'move.rejected';
  event: ConversationEvent;
  reason: string;
}

export interface ConversationInput {
  /** Seed for the reply order; omit or null to keep the authored order. */
  seed?: number | null;
  /** Choices already made, replayed before the actor starts ("try again from here", a resumed attempt). */
  prefix?: readonly Choice[];
}

export interface ConversationOptions {
  /** Milliseconds for each decision's timestamp; inject a fake clock in tests and replays. */
  now?: () => number;
}

/** The actor's snapshot: the conversation as context; `done`, with the final state as output, once it has an outcome. */
export type ConversationSnapshot = Snapshot<ConversationState> & { context: ConversationState };
export type ConversationLogic = ActorLogic<ConversationSnapshot, ConversationEvent, ConversationInput, AnyActorRef['system'], MoveRejected>;

/** The one mapping between what is stored (a choice) and what is sent (an event), both ways. */
export function eventFor(choice: Choice): ConversationEvent {
  if (choice.kind === 'reply') return { type: 'reply.chosen', reply: choice.reply };
  return choice.kind === 'breath' ? { type: 'breath.taken' } : { type: 'timer.expired' };
}

export function choiceFor(event: ConversationEvent): Choice {
  if (event.type === 'reply.chosen') return { kind: 'reply', reply: event.reply };
  return event.type === 'breath.taken' ? { kind: 'breath' } : { kind: 'silence' };
}

/** The start of a conversation after `prefix`; a prefix the rules refuse is a programming error, named in full. */
export function startingState(scenario: Scenario, { seed = null, prefix = [] }: ConversationInput): ConversationState {
  const replayed = replayChoices(scenario, prefix, seed);
  if (!replayed.ok) throw new Error(`Cannot resume "${scenario.id}": ${replayed.error}`);
  return replayed.state;
}

const snapshotOf = (state: ConversationState): ConversationSnapshot =>
  state.outcome === null
    ? { status: 'active', output: undefined, error: undefined, context: state }
    : { status: 'done', output: state, error: undefined, context: state };

/**
 * A conversation as an XState actor: an honest reducer over the pure rules in `rules.ts` (what
 * `fromTransition` makes, plus `done` with the final state as output once the conversation has an
 * outcome). The snapshot's context is the whole conversation as plain data, so it persists and
 * restores as is; a refused move is emitted as `move.rejected` with the reason; a prefix the rules
 * refuse puts the actor in its error state.
 */
export function conversationLogic(scenario: Scenario, { now = () => 0 }: ConversationOptions = {}): ConversationLogic {
  return {
    transition: (snapshot, event, { emit }) => {
      const step = applyChoice(scenario, snapshot.context, choiceFor(event), now());
      if (step.ok) return snapshotOf(step.state);
      emit({ type: 'move.rejected', event, reason: step.error });
      return snapshot;
    },
    getInitialSnapshot: (_scope, input) => snapshotOf(startingState(scenario, input ?? {})),
    getPersistedSnapshot: (snapshot) => snapshot,
    restoreSnapshot: (snapshot) => snapshot as ConversationSnapshot,
  };
}
