import { availableOptions, Conversation, createTranslator, type Choice, type ConversationState, type Scenario } from '../../src/index.ts';
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

export const choicesOf = (state: ConversationState): Choice[] => state.decisions.map((decision) => decision.choice);

/** Plays a --choices list; the first token that names no move, or names one the rules refuse, is a UsageError. */
export function playScript(conversation: Conversation, tokens: readonly string[]): void {
  tokens.forEach((token, index) => {
    const where = `choice ${index + 1} ("${token}")`;
    const { state, scenario } = conversation;
    if (state.outcome !== null) throw new UsageError(`${where} comes after the conversation ended (${state.outcome})`);
    const choice = choiceNamed(scenario, state, token);
    if (choice === null) throw new UsageError(`${where}: not an option here; choose 1–${availableOptions(scenario, state).length}, breath${scenario.timer ? ' or wait' : ''}`);
    const move = conversation.choose(choice);
    if (!move.ok) throw new UsageError(`${where}: ${move.reason}`);
  });
}

/** The moves a --choices list names, checked by playing them; for plans and tests that show no text. */
export function choicesFromScript(scenario: Scenario, tokens: readonly string[], seed: number | null = null): Choice[] {
  const conversation = new Conversation(scenario, { t: createTranslator('en', {}, { escapeValue: false }).t, seed });
  playScript(conversation, tokens);
  return choicesOf(conversation.state);
}
