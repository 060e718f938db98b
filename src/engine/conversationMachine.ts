import { assign, setup } from 'xstate';
import type { Scenario } from '../scenario/schema.ts';
import { applyChoice, initialState, type Choice, type ConversationState, type StepResult } from './rules.ts';

/** `timer.expired` is sent by whoever runs the countdown (the scene), so the machine stays clock-free. */
import type { ConversationEvent, ConversationInput } from './conversationLogic.ts';


export interface MachineOptions {
  /** Milliseconds for each decision's timestamp; inject a fake clock in tests and replays. */
  now?: () => number;
}

function toChoice(event: ConversationEvent): Choice {
  if (event.type === 'reply.chosen') return { kind: 'reply', reply: event.reply };
  return event.type === 'breath.taken' ? { kind: 'breath' } : { kind: 'silence' };
}

/**
 * One XState machine per scenario: a state per node, so the statechart mirrors the conversation
 * graph (and xstate/graph can walk it). The rules decide where a choice leads; the machine only
 * coordinates, so every transition's guard asks the rules whether it is the one that applies.
 */
export function createConversationMachine(scenario: Scenario, { now = () => 0 }: MachineOptions = {}) {
  // Guards and actions see the same (context, event) pair; computing the step once keeps them in agreement and cheap.
  const steps = new WeakMap<ConversationEvent, StepResult>();
  const step = (context: ConversationState, event: ConversationEvent): StepResult => {
    let result = steps.get(event);
    if (!result) {
      result = applyChoice(scenario, context, toChoice(event), now());
      steps.set(event, result);
    }
    return result;
  };

  const machineSetup = setup({
    types: {} as { context: ConversationState; events: ConversationEvent; input: ConversationInput; output: ConversationState },
    guards: {
      leadsTo: ({ context, event }, params: { node: string }) => {
        const result = step(context, event);
        return result.ok && result.state.node === params.node;
      },
    },
    actions: {
      applyChoice: assign(({ context, event }) => {
        const result = step(context, event);
        return result.ok ? result.state : context;
      }),
    },
  });

  const transitionsTo = (targets: Iterable<string>, from: string) =>
    [...new Set(targets)].map((node) => ({
      ...(node === from ? {} : { target: node }),
      guard: { type: 'leadsTo' as const, params: { node } },
      actions: 'applyChoice' as const,
    }));

  const breakingPoint = scenario.breakingPoint ? [scenario.breakingPoint.to] : [];
  const states = Object.fromEntries(
    Object.entries(scenario.nodes).map(([id, node]) => {
      if (node.ending !== undefined) return [id, { type: 'final' as const }];
      const replyTargets = (node.replies ?? []).flatMap((reply) => (typeof reply.next === 'string' ? [reply.next] : reply.next.map((route) => route.to)));
      return [
        id,
        {
          on: {
            'reply.chosen': transitionsTo([...replyTargets, ...breakingPoint], id),
            'breath.taken': transitionsTo([id, ...breakingPoint], id),
            'timer.expired': transitionsTo([id, ...breakingPoint], id),
          },
        },
      ];
    }),
  );

  return machineSetup.createMachine({
    id: scenario.id,
    context: ({ input }) => initialState(scenario, input.seed ?? null),
    initial: scenario.start,
    states,
    output: ({ context }) => context,
  });
}

export type ConversationMachine = ReturnType<typeof createConversationMachine>;
