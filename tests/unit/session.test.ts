import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import type { ConversationEvent } from '../../src/index.ts';
import { createSessionMachine, REACTION_MS } from '../../src/session/sessionMachine.ts';
import { exampleScenario } from '../helpers.ts';

const scenario = exampleScenario();
const timed = { ...scenario, timer: { seconds: 30, mood: 5 } };
const ask: ConversationEvent = { type: 'reply.chosen', reply: 'ask' };
const boundary: ConversationEvent = { type: 'reply.chosen', reply: 'boundary' };
const breath: ConversationEvent = { type: 'breath.taken' };

/** A session on a simulated clock, with every view effect recorded in order. */
function startSession(played = scenario) {
  const clock = new SimulatedClock();
  const effects: string[] = [];
  const record = (name: string) => () => void effects.push(name);
  const machine = createSessionMachine(played, { now: () => clock.now() }).provide({
    actions: { presentTurn: record('presentTurn'), showDecision: record('showDecision'), showPause: record('showPause'), hidePause: record('hidePause') },
  });
  const actor = createActor(machine, { input: {}, clock }).start();
  const rejected: string[] = [];
  actor.on('move.rejected', (event) => rejected.push(event.reason));
  const state = () => actor.getSnapshot();
  // A simulated clock fires each due timer once per step, so time moves in small steps for timers that rearm.
  const advance = (ms: number) => {
    for (let step = 0; step < ms; step += 100) clock.increment(Math.min(100, ms - step));
  };
  return { actor, advance, effects, rejected, state };
}

describe('session machine', () => {
  it('presents the turn, takes a move, shows the reaction, then presents the next turn', () => {
    const { actor, advance, effects, state } = startSession();
    expect(effects).toEqual(['presentTurn']);
    actor.send(ask);
    expect(state().matches({ playing: 'reacting' })).toBe(true);
    expect(state().context.lastReview).toMatchObject({ node: 'opening', choice: { kind: 'reply', reply: 'ask' } });
    advance(REACTION_MS.other - 1);
    expect(effects).toEqual(['presentTurn', 'showDecision']);
    advance(1);
    expect(state().matches({ playing: 'awaitingChoice' })).toBe(true);
    expect(effects).toEqual(['presentTurn', 'showDecision', 'presentTurn']);
  });

  it('tells the caller why a move is refused, in every state, and changes nothing', () => {
    const { actor, advance, rejected, state } = startSession();
    actor.send(ask);
    actor.send(breath);
    advance(REACTION_MS.other);
    actor.send(boundary);
    actor.send({ type: 'session.paused' });
    actor.send(breath);
    expect(rejected).toEqual(['the customer is still answering', 'reply "boundary" needs composure 50; take a breath first', 'the conversation is paused']);
    expect(state().context.conversation.decisions).toHaveLength(1);
  });

  it('starts the countdown only once the line is shown, and records silence when it runs out', () => {
    const { actor, advance, state } = startSession(timed);
    advance(60_000);
    expect(state().context.secondsLeft).toBe(30);
    actor.send({ type: 'line.shown' });
    advance(29_000);
    expect(state().context.secondsLeft).toBe(1);
    expect(state().context.conversation.decisions).toHaveLength(0);
    advance(1000);
    expect(state().context.conversation.decisions.map((d) => d.choice.kind)).toEqual(['silence']);
    advance(REACTION_MS.other);
    expect(state().context.secondsLeft).toBe(30);
    actor.send({ type: 'line.shown' });
    advance(30_000);
    expect(state().context.conversation.decisions.map((d) => d.choice.kind)).toEqual(['silence', 'silence']);
  });

  it('stops the clock while paused and resumes where it was', () => {
    const { actor, advance, effects, state } = startSession(timed);
    actor.send({ type: 'line.shown' });
    advance(10_000);
    actor.send({ type: 'session.paused' });
    advance(60_000);
    expect(state().context.secondsLeft).toBe(20);
    actor.send({ type: 'session.resumed' });
    expect(state().matches({ playing: 'awaitingChoice' })).toBe(true);
    expect(effects).toEqual(['presentTurn', 'showPause', 'hidePause']);
    advance(20_000);
    expect(state().context.conversation.decisions.map((d) => d.choice.kind)).toEqual(['silence']);
  });

  it('comes back from a pause to the reaction it interrupted', () => {
    const { actor, advance, state } = startSession();
    actor.send(ask);
    actor.send({ type: 'session.paused' });
    advance(10_000);
    actor.send({ type: 'session.resumed' });
    expect(state().matches({ playing: 'reacting' })).toBe(true);
    advance(REACTION_MS.other);
    expect(state().matches({ playing: 'awaitingChoice' })).toBe(true);
  });

  it('waits longer after a breath, and ends with the conversation as output', () => {
    const { actor, advance, state } = startSession();
    actor.send(ask);
    advance(REACTION_MS.other);
    actor.send(breath);
    advance(REACTION_MS.other);
    expect(state().matches({ playing: 'reacting' })).toBe(true);
    advance(REACTION_MS.breath - REACTION_MS.other);
    actor.send(boundary);
    advance(REACTION_MS.other);
    expect(state().status).toBe('done');
    expect(state().output?.outcome).toBe('resolved');
  });

  it('stamps decisions with the injected time', () => {
    const { actor, advance, state } = startSession();
    advance(4000);
    actor.send(ask);
    expect(state().context.conversation.decisions[0]?.at).toBe(4000);
  });

  it('persists and restores mid-conversation', () => {
    const { actor, advance } = startSession();
    actor.send(ask);
    advance(REACTION_MS.other);
    const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    const restored = createActor(createSessionMachine(scenario), { input: {}, snapshot: persisted }).start();
    restored.send(breath);
    expect(restored.getSnapshot().context.conversation.decisions.map((d) => d.choice.kind)).toEqual(['reply', 'breath']);
    restored.stop();
  });
});
