import { createActor } from 'xstate';
import type { Scenario } from '../scenario/schema.ts';
import { createConversationMachine, type ConversationEvent, type ConversationMachine } from './conversationMachine.ts';
import { legalChoices, type Choice, type ConversationState } from './rules.ts';

export function toEvent(choice: Choice): ConversationEvent {
  if (choice.kind === 'reply') return { type: 'reply.chosen', reply: choice.reply };
  return choice.kind === 'breath' ? { type: 'breath.taken' } : { type: 'timer.expired' };
}

/** Building a machine costs far more than playing it, so bots reuse one per scenario. */
const machines = new WeakMap<Scenario, ConversationMachine>();
function machineFor(scenario: Scenario): ConversationMachine {
  let machine = machines.get(scenario);
  if (!machine) {
    machine = createConversationMachine(scenario);
    machines.set(scenario, machine);
  }
  return machine;
}

/**
 * Plays a scenario to its end through the machine, letting `pick` choose among the legal moves
 * (a seeded random bot, a fast-check arbitrary, a test's script). Returns the final state, or
 * throws if the conversation does not end within `maxDecisions` or gets stuck with no move.
 */
export function simulate(
  scenario: Scenario,
  pick: (choices: Choice[], state: ConversationState) => Choice,
  { maxDecisions = 200, seed = null as number | null } = {},
): ConversationState {
  const actor = createActor(machineFor(scenario), { input: { seed } }).start();
  for (let decision = 0; decision < maxDecisions; decision++) {
    const state = actor.getSnapshot().context;
    if (state.outcome !== null) return state;
    const choices = legalChoices(scenario, state);
    if (choices.length === 0) throw new Error(`"${scenario.id}" is stuck at node "${state.node}": nothing can be said`);
    actor.send(toEvent(pick(choices, state)));
  }
  throw new Error(`"${scenario.id}" did not end within ${maxDecisions} decisions`);
}
