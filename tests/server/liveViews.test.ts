import { describe, expect, test } from 'vitest';
import { currentConversation, foldLog, legalChoices, type LiveEvent } from '../../src/index.ts';
import { viewFor } from '../../server/live/views.ts';
import { testLibrary } from './harness.ts';

const library = () => testLibrary().map(({ scenario }) => scenario);

function votingRoom() {
  const [scenario] = library();
  if (!scenario) throw new Error('the test library is empty');
  const events = [
    { type: 'joined', participant: 'id-ann', name: 'Ann' },
    { type: 'joined', participant: 'id-bob', name: '<b>Bob</b>' },
    { type: 'joined', participant: 'id-cat', name: 'Cat' },
    { type: 'started', scenarios: [{ id: scenario.id, version: scenario.version }], seed: 3, roster: [{ id: 'id-bob', name: 'Bob' }], rotation: { every: 'scenario' } },
    { type: 'voteOpened', durationMs: 30_000 },
  ];
  const opened = foldLog(events.map((event, i) => ({ ...event, at: (i + 1) * 1000 }) as LiveEvent), library());
  const [first, second] = legalChoices(scenario, currentConversation(opened));
  const votes = [
    { type: 'voteCast', participant: 'id-ann', choice: first },
    { type: 'voteCast', participant: 'id-bob', choice: second },
  ];
  return { state: foldLog([...events, ...votes].map((event, i) => ({ ...event, at: (i + 1) * 1000 }) as LiveEvent), library()), first, second };
}

describe('what each socket of a live room sees', () => {
  test('the controller sees the whole fold: who is in the room and who voted what', () => {
    const { state } = votingRoom();
    expect(viewFor(state, { role: 'controller' })).toEqual({ role: 'controller', state });
  });

  test('a phone sees the room and its own vote, the others only in aggregate, and no other id', () => {
    const { state, first } = votingRoom();
    const view = viewFor(state, { role: 'participant', participant: 'id-ann' });
    expect(view).toMatchObject({
      role: 'participant',
      you: { name: 'Ann', present: true, hotSeat: false },
      phase: 'voting',
      hotSeat: '<b>Bob</b>',
      present: 3,
      vote: { open: true, voters: 2, yours: first, remainingMs: 30_000 },
      conversation: state.conversations[0],
    });
    if (view.role !== 'participant') throw new Error('a phone gets a participant view');
    expect(view.vote?.tallies.reduce((sum, tally) => sum + tally.count, 0)).toBe(2);
    const text = JSON.stringify(view);
    for (const id of ['id-ann', 'id-bob', 'id-cat']) expect(text).not.toContain(id);
  });

  test('the hot seat knows it is theirs; a phone not (or no longer) in the room sees the room without a place in it', () => {
    const { state } = votingRoom();
    expect(viewFor(state, { role: 'participant', participant: 'id-bob' })).toMatchObject({ you: { name: '<b>Bob</b>', hotSeat: true }, vote: { yours: expect.anything() } });
    expect(viewFor(state, { role: 'participant', participant: 'id-cat' })).toMatchObject({ you: { hotSeat: false }, vote: { yours: null } });
    expect(viewFor(state, { role: 'participant', participant: 'someone' })).toMatchObject({ you: null, vote: { yours: null, voters: 2 } });
  });
});
