import { createActor } from 'xstate';
import type { Scenario } from '../scenario/schema.ts';
import { conversationLogic, eventFor } from './conversationLogic.ts';
import { legalChoices, type Choice, type ConversationState } from './rules.ts';

/**
 * Plays a scenario to its end through the conversation actor, letting `pick` choose among the
 * legal moves (a seeded random bot, a fast-check arbitrary, a test's script). Returns the final
 * state, or throws if the conversation does not end within `maxDecisions` or gets stuck with no move.
 */
export function simulate(
  scenario: Scenario,
  pick: (choices: Choice[], state: ConversationState) => Choice,
  { maxDecisions = 200, seed = null as number | null } = {},
): ConversationState {
  const actor = createActor(conversationLogic(scenario), { input: { seed } }).start();
  for (let decision = 0; decision < maxDecisions; decision++) {
    const state = actor.getSnapshot().context;
    if (state.outcome !== null) return state;
    const choices = legalChoices(scenario, state);
    if (choices.length === 0) throw new Error(`"${scenario.id}" is stuck at node "${state.node}": nothing can be said`);
    actor.send(eventFor(pick(choices, state)));
  }
  throw new Error(`"${scenario.id}" did not end within ${maxDecisions} decisions`);
}
