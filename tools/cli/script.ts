import { createActor } from 'xstate';
import { availableOptions, conversationLogic, eventFor, type Choice, type ConversationState } from '../../src/engine/index.ts';
import type { Scenario } from '../../src/scenario/index.ts';
import { UsageError } from './io.ts';

/** "2, 1,breath" → ["2", "1", "breath"]. */
export const parseChoiceList = (list: string) => list.split(',').map((token) => token.trim());

/** The move a typed token names: the number of an option as shown, "breath" or "wait"; null if it names none. */
export function choiceNamed(scenario: Scenario, state: ConversationState, token: string): Choice | null {
  if (token === 'breath') return { kind: 'breath' };
  if (token === 'wait') return { kind: 'silence' };
  const option = /^\d+$/.test(token) ? availableOptions(scenario, state)[Number(token) - 1] : undefined;
  return option ? { kind: 'reply', reply: option.reply.id } : null;
}

/** A conversation played move by move through the engine's actor: the terminal player and scripted paths share it. */
export interface Conversation {
  state(): ConversationState;
  /** Makes a move; returns why the rules refused it (the conversation then stays as it was), or null. */
  move(choice: Choice): string | null;
}

export function startConversation(scenario: Scenario, seed: number | null): Conversation {
  const actor = createActor(conversationLogic(scenario), { input: { seed } }).start();
  let refusal: string | null = null;
  // The actor emits a refusal synchronously while handling the event, so `move` can return it.
  actor.on('move.rejected', (rejected) => {
    refusal = rejected.reason;
  });
  return {
    state: () => actor.getSnapshot().context,
    move(choice) {
      refusal = null;
      actor.send(eventFor(choice));
      return refusal;
    },
  };
}

export const choicesOf = (state: ConversationState): Choice[] => state.decisions.map((decision) => decision.choice);

/** Plays a whole --choices list; the first token that names no move, or names one the rules refuse, is a UsageError. */
export function choicesFromScript(scenario: Scenario, tokens: readonly string[], seed: number | null = null): Choice[] {
  const conversation = startConversation(scenario, seed);
  tokens.forEach((token, index) => {
    const where = `choice ${index + 1} ("${token}")`;
    const state = conversation.state();
    if (state.outcome !== null) throw new UsageError(`${where} comes after the conversation ended (${state.outcome})`);
    const choice = choiceNamed(scenario, state, token);
    if (choice === null) throw new UsageError(`${where}: not an option here; choose 1–${availableOptions(scenario, state).length}, breath${scenario.timer ? ' or wait' : ''}`);
    const refusal = conversation.move(choice);
    if (refusal !== null) throw new UsageError(`${where}: ${refusal}`);
  });
  return choicesOf(conversation.state());
}
