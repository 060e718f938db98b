import { applyChoice, availableOptions, canTakeBreath, initialState, type Choice, type ConversationState } from '../../src/engine/index.ts';
import type { Scenario } from '../../src/scenario/index.ts';

/** Bad input from the person at the terminal: reported as a message with exit code 2, never a stack trace. */
export class UsageError extends Error {}

/** "2, 1,breath" → ["2", "1", "breath"]. */
export const parseChoiceList = (list: string) => list.split(',').map((token) => token.trim());

/** Turns one token of --choices into a choice the engine will accept, or explains why not. */
export function scriptedChoice(scenario: Scenario, state: ConversationState, token: string, index: number): Choice {
  const where = `choice ${index + 1} ("${token}")`;
  if (state.outcome !== null) throw new UsageError(`${where} comes after the conversation ended (${state.outcome})`);
  if (token === 'wait') {
    if (!scenario.timer) throw new UsageError(`${where}: this scenario has no timer, so there is nothing to wait out`);
    return { kind: 'silence' };
  }
  if (token === 'breath') {
    if (!canTakeBreath(state)) throw new UsageError(`${where}: a breath was already taken at this point`);
    return { kind: 'breath' };
  }
  const options = availableOptions(scenario, state);
  const number = /^\d+$/.test(token) ? Number(token) : NaN;
  const option = options[number - 1];
  if (!option) throw new UsageError(`${where}: not an option here; choose 1–${options.length}, breath${scenario.timer ? ' or wait' : ''}`);
  if (option.locked) throw new UsageError(`${where}: option ${number} is locked until composure reaches ${option.reply.needsComposure}; take a breath first`);
  return { kind: 'reply', reply: option.reply.id };
}


/** Replays a whole --choices list through the rules, as the terminal player would. */
export function choicesFromScript(scenario: Scenario, tokens: readonly string[], seed: number | null = null): Choice[] {
  let state = initialState(scenario, seed);
  return tokens.map((token, index) => {
    const choice = scriptedChoice(scenario, state, token, index);
    const step = applyChoice(scenario, state, choice, 0);
    if (!step.ok) throw new UsageError(`choice ${index + 1} ("${token}"): ${step.error}`);
    state = step.state;
    return choice;
  });
}
