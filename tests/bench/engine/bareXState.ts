/**
 * The equivalent conversation as a bare XState 5 machine, written the way one would by hand: a state
 * per decision, an event per reply, `assign` for the mood, a guarded transition to the breaking
 * point, and an eventless (`always`) choice of ending. Played with createActor(...).start() and send.
 */
import { assign, createActor, setup, type AnyStateMachine } from 'xstate';
import { clampPercent, REPLIES, type Description, type Trace } from './description.ts';

interface Context {
  mood: number;
}
type ReplyEvent = { type: `reply.${string}` };

export function buildBareMachine(description: Description): AnyStateMachine {
  const machineSetup = setup({
    types: {} as { context: Context; events: ReplyEvent },
    guards: {
      breaks: ({ context }, params: { mood: number }) => clampPercent(context.mood + params.mood) >= description.breaksAt,
      calm: ({ context }) => context.mood < description.calmBelow,
    },
    actions: {
      changeMood: assign({ mood: ({ context }, params: { mood: number }) => clampPercent(context.mood + params.mood) }),
    },
  });
  type Config = Parameters<typeof machineSetup.createMachine>[0];
  const states: NonNullable<Config['states']> = {};
  description.decisions.forEach((decision, d) => {
    const next = description.decisions[d + 1]?.id ?? 'finale';
    states[decision.id] = {
      on: Object.fromEntries(
        decision.replies.map((reply) => {
          const params = { mood: reply.mood };
          return [
            `reply.${reply.id}`,
            [
              { guard: { type: 'breaks', params }, target: 'hangs_up', actions: { type: 'changeMood', params } },
              { target: next, actions: { type: 'changeMood', params } },
            ],
          ];
        }),
      ),
    };
  });
  states.finale = { always: [{ guard: 'calm', target: 'resolved' }, { target: 'lost' }] };
  states.resolved = { type: 'final' };
  states.lost = { type: 'final' };
  states.hangs_up = { type: 'final' };
  return machineSetup.createMachine({
    id: 'bench-equivalent',
    context: { mood: description.startMood },
    initial: description.decisions[0]?.id as string,
    states,
  });
}

const OUTCOMES: Record<string, Trace['outcome']> = { resolved: 'resolved', lost: 'customerLost', hangs_up: 'customerLost' };

export function bareXStatePlayer(machine: AnyStateMachine, description: Description) {
  // Events are made once: what a hand-written UI would hold for its buttons.
  const events = (description.decisions[0]?.replies ?? []).map((reply): ReplyEvent => ({ type: `reply.${reply.id}` }));
  return (random: () => number, trace?: (trace: Trace) => void): number => {
    const actor = createActor(machine).start();
    let decisions = 0;
    const moods: number[] = [];
    while (actor.getSnapshot().status === 'active') {
      const before = trace ? actor.getSnapshot().value : undefined;
      actor.send(events[Math.floor(random() * REPLIES)] as ReplyEvent);
      decisions++;
      if (trace) {
        const after = actor.getSnapshot();
        if (after.value === before) throw new Error(`the machine ignored a reply in state ${String(before)}`);
        moods.push((after.context as Context).mood);
      }
    }
    if (trace) {
      const outcome = OUTCOMES[String(actor.getSnapshot().value)];
      if (!outcome) throw new Error(`the machine ended in an unknown state ${String(actor.getSnapshot().value)}`);
      trace({ moods, outcome });
    }
    return decisions;
  };
}
