import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { applyChoice, availableOptions, choiceFor, conversationLogic, customerLineId, eventFor, initialState, legalChoices, type Choice, type ConversationEvent, type ConversationState } from '../../src/index.ts';
import { exampleScenario } from '../helpers.ts';

const scenario = exampleScenario();
const reply = (id: string): Choice => ({ kind: 'reply', reply: id });
const breath: Choice = { kind: 'breath' };

function play(choices: Choice[], seed: number | null = null): ConversationState {
  return choices.reduce((state, choice) => {
    const step = applyChoice(scenario, state, choice, 0);
    if (!step.ok) throw new Error(step.error);
    return step.state;
  }, initialState(scenario, seed));
}

describe('conversation rules', () => {
  it.each([
    { choices: [reply('ask')], node: 'insult', mood: 55, composure: 40, outcome: null },
    { choices: [reply('policy')], node: 'posts_review', mood: 85, composure: 100, outcome: 'publicComplaint' },
    { choices: [reply('ask'), reply('snap')], node: 'hangs_up', mood: 85, composure: 30, outcome: 'customerLost' },
    { choices: [reply('ask'), reply('transfer')], node: 'escalated', mood: 50, composure: 40, outcome: 'escalated' },
    { choices: [reply('ask'), breath, reply('boundary')], node: 'settled', mood: 30, composure: 80, outcome: 'resolved' },
  ])('$choices.length choice(s) → $node', ({ choices, node, mood, composure, outcome }) => {
    const state = play(choices);
    expect({ node: state.node, mood: state.mood, composure: state.composure, outcome: state.outcome }).toEqual({ node, mood, composure, outcome });
  });

  it('locks a reply while composure is too low, and a breath unlocks it', () => {
    const rattled = play([reply('ask')]);
    expect(availableOptions(scenario, rattled).map((o) => [o.reply.id, o.locked])).toEqual([['boundary', true], ['snap', false], ['transfer', false]]);
    const locked = applyChoice(scenario, rattled, reply('boundary'), 0);
    expect(locked).toEqual({ ok: false, error: 'reply "boundary" needs composure 50; take a breath first' });
    const calmer = play([reply('ask'), breath]);
    expect(availableOptions(scenario, calmer).find((o) => o.reply.id === 'boundary')?.locked).toBe(false);
  });

  it('allows one breath per node, costs simulated time and records the decision', () => {
    const state = play([reply('ask'), breath]);
    expect(state.elapsedSeconds).toBe(20 + 120);
    expect(state.decisions.at(-1)).toMatchObject({ choice: { kind: 'breath' }, node: 'insult', moodBefore: 55, moodAfter: 50, composureBefore: 40, composureAfter: 80 });
    expect(applyChoice(scenario, state, breath, 0)).toEqual({ ok: false, error: 'a breath was already taken at node "insult"' });
  });

  it('judges an unneeded breath: the customer waits and gets angrier', () => {
    const state = play([breath]);
    expect(state.mood).toBe(80);
    expect(state.node).toBe('opening');
  });

  it('sends the customer away at the breaking point whatever the route says', () => {
    const furious = { ...scenario, mood: 95 };
    const step = applyChoice(furious, initialState(furious), reply('policy'), 0);
    expect(step.ok && step.state.node).toBe('hangs_up');
  });

  it('refuses choices that are not offered or come after the end', () => {
    expect(applyChoice(scenario, initialState(scenario), reply('boundary'), 0)).toEqual({ ok: false, error: 'reply "boundary" is not offered at node "opening"' });
    expect(applyChoice(scenario, play([reply('policy')]), reply('ask'), 0)).toEqual({ ok: false, error: 'the conversation has already ended (publicComplaint)' });
  });

  it('shuffles the reply order by seed, the same way every time', () => {
    const orders = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => availableOptions(scenario, play([reply('ask')], seed)).map((o) => o.reply.id).join());
    expect(new Set(orders).size).toBeGreaterThan(1);
    expect(availableOptions(scenario, play([reply('ask')], 3)).map((o) => o.reply.id)).toEqual(availableOptions(scenario, play([reply('ask')], 3)).map((o) => o.reply.id));
    expect(availableOptions(scenario, initialState(scenario)).map((o) => o.reply.id)).toEqual(['ask', 'policy']);
  });

  it('offers a reply only while its condition holds', () => {
    const guarded = structuredClone(scenario);
    const transfer = guarded.nodes.insult?.replies?.[2];
    if (!transfer) throw new Error('fixture changed');
    transfer.when = { said: ['opening.policy'] };
    expect(availableOptions(guarded, play([reply('ask')])).map((o) => o.reply.id)).toEqual(['boundary', 'snap']);
  });
});

describe('conversation actor', () => {
  // One shared object per event, as callers naturally write them: reusing an event must never change its meaning.
  const events: Record<string, ConversationEvent> = {
    ask: { type: 'reply.chosen', reply: 'ask' },
    boundary: { type: 'reply.chosen', reply: 'boundary' },
    breath: { type: 'breath.taken' },
  };

  function run(sequence: string[], now = () => 0, logic = conversationLogic(scenario, { now })) {
    const actor = createActor(logic, { input: {} }).start();
    for (const name of sequence) actor.send(events[name] as ConversationEvent);
    return actor;
  }

  it('emits a refused move with the reason, leaving the snapshot unchanged', () => {
    const actor = run(['ask']);
    const reasons: string[] = [];
    actor.on('move.rejected', (rejected) => reasons.push(rejected.reason));
    const before = actor.getSnapshot().context;
    actor.send(events.boundary as ConversationEvent);
    expect(actor.getSnapshot().context).toBe(before);
    expect(reasons).toEqual(['reply "boundary" needs composure 50; take a breath first']);
  });

  it('stays on the node after a breath, then finishes with the outcome as output', () => {
    const actor = run(['ask', 'breath']);
    expect(actor.getSnapshot().context.node).toBe('insult');
    actor.send(events.boundary as ConversationEvent);
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().output?.outcome).toBe('resolved');
  });

  it('records one decision per send, even when one event object is sent twice', () => {
    const timed = { ...scenario, timer: { seconds: 30, mood: 5 } };
    const expired: ConversationEvent = { type: 'timer.expired' };
    const actor = createActor(conversationLogic(timed), { input: {} }).start();
    actor.send(expired);
    actor.send(expired);
    expect(actor.getSnapshot().context.decisions.map((d) => d.choice.kind)).toEqual(['silence', 'silence']);
    expect(actor.getSnapshot().context.mood).toBe(80);
  });

  it('keeps two actors of one logic apart when they share event objects', () => {
    const timed = { ...scenario, timer: { seconds: 30, mood: 5 } };
    const logic = conversationLogic(timed);
    const x = createActor(logic, { input: {} }).start();
    const y = createActor(logic, { input: {} }).start();
    x.send({ type: 'timer.expired' });
    x.send(events.breath as ConversationEvent);
    y.send(events.breath as ConversationEvent);
    expect(y.getSnapshot().context.decisions.map((d) => d.choice.kind)).toEqual(['breath']);
    expect(y.getSnapshot().context.mood).toBe(80);
    expect(x.getSnapshot().context.decisions.map((d) => d.choice.kind)).toEqual(['silence', 'breath']);
  });

  it('stamps decisions with the injected clock and keeps context plain data', () => {
    let tick = 1000;
    const actor = run(['ask', 'breath', 'boundary'], () => (tick += 250));
    const context = actor.getSnapshot().context;
    expect(context.decisions.map((d) => d.at)).toEqual([1250, 1500, 1750]);
    expect(JSON.parse(JSON.stringify(context))).toEqual(context);
  });

  it('restores a persisted snapshot and carries on from there', () => {
    const persisted = run(['ask', 'breath']).getPersistedSnapshot();
    const resumed = createActor(conversationLogic(scenario), { input: {}, snapshot: JSON.parse(JSON.stringify(persisted)) }).start();
    resumed.send(events.boundary as ConversationEvent);
    expect(resumed.getSnapshot().context.outcome).toBe('resolved');
  });

  it('starts after a prefix of choices, and names a prefix the rules refuse', () => {
    const actor = createActor(conversationLogic(scenario), { input: { prefix: [reply('ask'), breath] } }).start();
    expect(actor.getSnapshot().context.decisions).toHaveLength(2);
    const refused = createActor(conversationLogic(scenario), { input: { prefix: [reply('boundary')] } });
    refused.subscribe({ error: () => {} });
    refused.start();
    expect(refused.getSnapshot().status).toBe('error');
    expect(String(refused.getSnapshot().error)).toContain('decision 1: reply "boundary" is not offered at node "opening"');
  });

  it('maps choices to events and back', () => {
    for (const choice of [reply('ask'), breath, { kind: 'silence' } as Choice]) expect(choiceFor(eventFor(choice))).toEqual(choice);
  });
});

describe('time pressure', () => {
  const timed = { ...scenario, timer: { seconds: 30, mood: 20 } };

  it('records silence when the timer runs out: the customer reacts and the trainee stays on the node', () => {
    const step = applyChoice(timed, initialState(timed), { kind: 'silence' }, 0);
    if (!step.ok) throw new Error(step.error);
    expect(step.state).toMatchObject({ node: 'opening', mood: 90, elapsedSeconds: 30 });
    expect(customerLineId(timed, step.state)).toBe('timeout');
    expect(legalChoices(timed, step.state)).toContainEqual({ kind: 'silence' });
  });

  it('lets silence push the customer past the breaking point', () => {
    const state = [1, 2].reduce((current) => {
      const step = applyChoice(timed, current, { kind: 'silence' }, 0);
      if (!step.ok) throw new Error(step.error);
      return step.state;
    }, initialState(timed));
    expect(state.outcome).toBe('customerLost');
  });

  it('has no silence without a timer', () => {
    expect(applyChoice(scenario, initialState(scenario), { kind: 'silence' }, 0)).toEqual({ ok: false, error: 'this scenario has no timer, so there is no silence to record' });
    expect(legalChoices(scenario, initialState(scenario))).not.toContainEqual({ kind: 'silence' });
  });

  it('takes timer.expired in the actor', () => {
    const actor = createActor(conversationLogic(timed), { input: {} }).start();
    actor.send({ type: 'timer.expired' });
    expect(actor.getSnapshot().context.decisions.map((d) => d.choice)).toEqual([{ kind: 'silence' }]);
  });
});
