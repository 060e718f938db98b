import { assign, emit, raise, setup } from 'xstate';
import { choiceFor, startingState, type ConversationEvent, type ConversationInput, type MoveRejected } from '../engine/conversationLogic.ts';
import { applyChoice, refusalOf, type ConversationState } from '../engine/rules.ts';
import type { Scenario } from '../scenario/schema.ts';
import { reviewDecision, type DecisionReview } from '../scoring/score.ts';

/**
 * Moves, plus what a view or a trainer does to the session around them. `line.shown` says the
 * customer's line is fully on screen (typed out or skipped): only then does a countdown start.
 */
export type SessionEvent = ConversationEvent | { type: 'line.shown' } | { type: 'session.paused' } | { type: 'session.resumed' };

export interface SessionContext {
  conversation: ConversationState;
  /** Seconds left to answer the current line; null in a scenario without a timer. */
  secondsLeft: number | null;
  /** How the last decision compared with what was possible (coach mode shows it at once). */
  lastReview: DecisionReview | null;
}

export interface SessionOptions {
  /** Milliseconds for each decision's timestamp; the countdown itself runs on the actor's clock. */
  now?: () => number;
}

/** How long the view shows a decision before the customer answers, by default; a view may `.provide()` its own. */
export const REACTION_MS = { breath: 1400, other: 900 } as const;
const SECOND_MS = 1000;

const moveTypes = ['reply.chosen', 'breath.taken', 'timer.expired'] as const;
const isMove = (event: SessionEvent): event is ConversationEvent => (moveTypes as readonly string[]).includes(event.type);

/**
 * One trainee's session with one scenario, as a statechart: the customer's turn is presented, the
 * trainee answers (against a countdown when the scenario has a timer), the view shows the reaction,
 * and the session may pause. The rules decide each move; the chart decides when moves are taken.
 * View effects are declared here and left empty: a scene supplies them with `.provide()`.
 */
export function createSessionMachine(scenario: Scenario, { now = () => 0 }: SessionOptions = {}) {
  const timerSeconds = scenario.timer?.seconds ?? null;
  const countdown = {
    initial: 'reading' as const,
    states: {
      reading: { on: { 'line.shown': 'ticking' as const } },
      ticking: {
        after: {
          second: [
            { guard: 'isLastSecond' as const, actions: 'expireTimer' as const },
            { target: 'ticking' as const, reenter: true, actions: 'countDown' as const },
          ],
        },
      },
    },
  };
  const moveHandlers = (handler: object) => Object.fromEntries(moveTypes.map((type) => [type, handler]));

  return setup({
    types: {} as { context: SessionContext; events: SessionEvent; input: ConversationInput; output: ConversationState; emitted: MoveRejected },
    guards: {
      isAccepted: ({ context, event }) => isMove(event) && refusalOf(scenario, context.conversation, choiceFor(event)) === null,
      isLastSecond: ({ context }) => (context.secondsLeft ?? 0) <= 1,
      hasEnded: ({ context }) => context.conversation.outcome !== null,
    },
    actions: {
      applyMove: assign(({ context, event }) => {
        if (!isMove(event)) return {};
        const choice = choiceFor(event);
        const step = applyChoice(scenario, context.conversation, choice, now());
        if (!step.ok) return {};
        const review = reviewDecision(scenario, context.conversation, choice, context.conversation.decisions.length);
        return { conversation: step.state, lastReview: review ? { ...review, moodAfter: step.state.mood } : null };
      }),
      rejectMove: emit(({ context, event }, params: { reason: string } | undefined) => {
        const move = event as ConversationEvent;
        return { type: 'move.rejected' as const, event: move, reason: params?.reason ?? refusalOf(scenario, context.conversation, choiceFor(move)) ?? 'not possible now' };
      }),
      restartCountdown: assign({ secondsLeft: timerSeconds }),
      expireTimer: raise({ type: 'timer.expired' }),
      countDown: assign({ secondsLeft: ({ context }) => (context.secondsLeft === null ? null : context.secondsLeft - 1) }),
      // View effects, supplied by whoever draws the session.
      presentTurn: () => {},
      showDecision: () => {},
      showPause: () => {},
      hidePause: () => {},
    },
    delays: {
      second: SECOND_MS,
      reaction: ({ context }) => (context.conversation.decisions.at(-1)?.choice.kind === 'breath' ? REACTION_MS.breath : REACTION_MS.other),
    },
  }).createMachine({
    id: 'session',
    context: ({ input }) => ({ conversation: startingState(scenario, input), secondsLeft: timerSeconds, lastReview: null }),
    entry: 'presentTurn',
    initial: 'playing',
    states: {
      playing: {
        initial: 'awaitingChoice',
        on: { 'session.paused': 'paused' },
        states: {
          awaitingChoice: {
            always: { guard: 'hasEnded', target: '#session.ended' },
            on: moveHandlers([{ guard: 'isAccepted', target: 'reacting', actions: ['applyMove', 'showDecision'] }, { actions: 'rejectMove' }]),
            ...(timerSeconds === null ? {} : countdown),
          },
          reacting: {
            on: moveHandlers({ actions: { type: 'rejectMove', params: { reason: 'the customer is still answering' } } }),
            after: {
              reaction: [
                { guard: 'hasEnded', target: '#session.ended', actions: 'presentTurn' },
                { target: 'awaitingChoice', actions: ['restartCountdown', 'presentTurn'] },
              ],
            },
          },
          // Deep, so a pause returns to the countdown where it was, not to reading the line again.
          resumed: { type: 'history', history: 'deep' },
        },
      },
      paused: {
        entry: 'showPause',
        exit: 'hidePause',
        on: {
          'session.resumed': 'playing.resumed',
          ...moveHandlers({ actions: { type: 'rejectMove', params: { reason: 'the conversation is paused' } } }),
        },
      },
      ended: { type: 'final' },
    },
    output: ({ context }) => context.conversation,
  });
}

export type SessionMachine = ReturnType<typeof createSessionMachine>;
