import { assign, emit, raise, setup } from 'xstate';
import type { LiveEvent, LivePhase, LiveState } from './events.ts';
import { applyEvent, foldLog } from './fold.ts';
import { validateEvent, type ScenarioLibrary } from './validate.ts';

export interface LiveSessionInput {
  /** The scenarios the log may name (by id and version). */
  scenarios: ScenarioLibrary;
  /** A stored log to resume from; omit for a new room in its lobby. */
  log?: readonly LiveEvent[];
  /** The clock's time at a resume, so a vote that was open keeps only the time it had left. */
  now?: number;
}

export interface LiveSessionContext {
  library: ScenarioLibrary;
  /** Every accepted event, in order: persist this after each event and fold it to rebuild. */
  log: LiveEvent[];
  state: LiveState;
  /** `at` of the last accepted event (or the resume time): where the vote timer counts from. */
  now: number;
}

/** Emitted when an event is refused: the log is unchanged and the sender learns why. */
export interface LiveEventRejected {
  type: 'event.rejected';
  event: LiveEvent;
  reason: string;
}

/** When the open vote's timer runs out, on the server's clock; null without a timer. */
export function voteClosesAt(state: LiveState): number | null {
  const vote = state.vote;
  return vote?.open && vote.remainingMs !== null ? vote.since + vote.remainingMs : null;
}

const accept = (target?: string) => [{ guard: 'isValid' as const, target, actions: 'append' as const }, { actions: 'reject' as const }];
const phaseIs = (phase: LivePhase) => ({ type: 'phaseIs' as const, params: { phase } });

/**
 * A live room as a statechart over the event log: every event is checked by the same rules the
 * fold uses, appended to `context.log` when accepted and applied to `context.state`, or refused
 * with an emitted `event.rejected`. The states mirror the fold's phase; a pause remembers the
 * phase it left (history), and an open vote with a duration closes itself on the actor's clock
 * by raising `voteClosed`, which is logged like any other event.
 */
export const liveSessionMachine = setup({
  types: {} as { context: LiveSessionContext; events: LiveEvent; input: LiveSessionInput; emitted: LiveEventRejected },
  guards: {
    isValid: ({ context, event }) => validateEvent(context.state, event, context.library).ok,
    isPaused: ({ context }) => context.state.paused,
    hasTimer: ({ context }) => voteClosesAt(context.state) !== null,
    phaseIs: ({ context }, params: { phase: LivePhase }) => context.state.phase === params.phase,
  },
  actions: {
    append: assign(({ context, event }) => ({ log: [...context.log, event], state: applyEvent(context.state, event, context.library), now: event.at })),
    reject: emit(({ context, event }) => {
      const verdict = validateEvent(context.state, event, context.library);
      return { type: 'event.rejected' as const, event, reason: verdict.ok ? 'not possible now' : verdict.reason };
    }),
    closeVote: raise(({ context }) => ({ type: 'voteClosed' as const, at: voteClosesAt(context.state) ?? context.now })),
  },
  delays: {
    voteTimer: ({ context }) => Math.max(0, (voteClosesAt(context.state) ?? context.now) - context.now),
  },
}).createMachine({
  id: 'live',
  context: ({ input }) => {
    const log = [...(input.log ?? [])];
    return { library: input.scenarios, log, state: foldLog(log, input.scenarios), now: input.now ?? log.at(-1)?.at ?? 0 };
  },
  initial: 'restoring',
  states: {
    // A resumed log enters the state its fold is in; a new room starts in the lobby.
    restoring: {
      always: [
        { guard: phaseIs('lobby'), target: 'lobby' },
        { guard: phaseIs('summary'), target: 'summary' },
        { guard: phaseIs('voting'), target: 'active.voting' },
        { guard: phaseIs('revealed'), target: 'active.revealed' },
        { target: 'active.presenting' },
      ],
    },
    lobby: {},
    active: {
      initial: 'presenting',
      // Only a restored paused log gets here paused: its phase is entered first, so the history knows where to return.
      always: { guard: 'isPaused', target: 'paused' },
      states: {
        presenting: {},
        voting: { after: { voteTimer: { guard: 'hasTimer', actions: 'closeVote' } } },
        revealed: {},
        resumed: { type: 'history' },
      },
    },
    paused: {},
    summary: {},
  },
  on: {
    started: accept('.active.presenting'),
    joined: accept(),
    left: accept(),
    voteOpened: accept('.active.voting'),
    voteCast: accept(),
    voteClosed: accept('.active.presenting'),
    handsCounted: accept(),
    decided: accept('.active.revealed'),
    revealed: accept(),
    advanced: accept('.active.presenting'),
    paused: accept('.paused'),
    resumed: accept('.active.resumed'),
    undone: accept('.active.presenting'),
    skipped: accept('.active.presenting'),
    ended: accept('.summary'),
  },
});

export type LiveSessionMachine = typeof liveSessionMachine;
