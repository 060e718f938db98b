import { describe, expect, test } from 'vitest';
import { currentConversation, foldLog, legalChoices, sessionSummary, viewFor, type LiveEvent } from '../../src/index.ts';
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
  const log = [...events, ...votes].map((event, i) => ({ ...event, at: (i + 1) * 1000 }) as LiveEvent);
  return { log, state: foldLog(log, library()), first, second };
}

describe('what each socket of a live room sees', () => {
  test('the controller sees the whole fold: who is in the room and who voted what', () => {
    const { state } = votingRoom();
    expect(viewFor(state, { role: 'controller' })).toEqual({ role: 'controller', state, summary: null });
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
      vote: { open: true, voters: 2, remainingMs: 30_000 },
      yourVote: first,
      decision: null,
      yourScore: null,
      conversation: state.conversations[0],
    });
    if (view.role !== 'participant') throw new Error('a phone gets a participant view');
    expect(view.vote?.tallies.reduce((sum, tally) => sum + tally.count, 0)).toBe(2);
    const text = JSON.stringify(view);
    for (const id of ['id-ann', 'id-bob', 'id-cat']) expect(text).not.toContain(id);
  });

  test('the hot seat knows it is theirs; a phone not (or no longer) in the room sees the room without a place in it', () => {
    const { state } = votingRoom();
    expect(viewFor(state, { role: 'participant', participant: 'id-bob' })).toMatchObject({ you: { name: '<b>Bob</b>', hotSeat: true }, yourVote: expect.anything() });
    expect(viewFor(state, { role: 'participant', participant: 'id-cat' })).toMatchObject({ you: { hotSeat: false }, yourVote: null });
    expect(viewFor(state, { role: 'participant', participant: 'someone' })).toMatchObject({ you: null, yourVote: null, vote: { voters: 2 } });
  });

  test("the projector sees the room and the names in it, never an id or anyone's vote", () => {
    const { state } = votingRoom();
    const view = viewFor(state, { role: 'projector' });
    expect(view).toMatchObject({ role: 'projector', names: ['Ann', '<b>Bob</b>', 'Cat'], vote: { voters: 2 }, summary: null });
    expect(JSON.stringify(view)).not.toMatch(/id-(ann|bob|cat)/);
  });

  test("once the room decides, every screen sees the move and the conversation it was taken in, until the next turn", () => {
    const { log, state, second } = votingRoom();
    const decided = [...log, { type: 'voteClosed', at: 10_000 }, { type: 'decided', source: 'hotSeat', at: 11_000 }] as LiveEvent[];
    const view = viewFor(foldLog(decided, library()), { role: 'projector' });
    expect(view).toMatchObject({ phase: 'revealed', decision: { choice: second, source: 'hotSeat', index: 0, before: state.conversations[0] } });
    const next = foldLog([...decided, { type: 'advanced', at: 12_000 }], library());
    expect(viewFor(next, { role: 'projector' })).toMatchObject({ phase: 'presenting', decision: null });
  });

  test("at the end each phone gets its own score, the projector the room's, the controller everything", () => {
    const { log } = votingRoom();
    const ended = [...log, { type: 'voteClosed', at: 10_000 }, { type: 'decided', source: 'majority', at: 11_000 }, { type: 'ended', at: 12_000 }] as LiveEvent[];
    const state = foldLog(ended, library());
    const summary = sessionSummary(ended, library());
    expect(viewFor(state, { role: 'controller' }, summary)).toEqual({ role: 'controller', state, summary });
    const projector = viewFor(state, { role: 'projector' }, summary);
    const [decision] = summary.decisions;
    expect(projector).toMatchObject({ summary: { decisions: [{ ...decision, hotSeat: { name: '<b>Bob</b>', vote: decision?.hotSeat?.vote } }], hardest: [{ decision: 0 }] } });
    expect(JSON.stringify(projector)).not.toMatch(/id-(ann|bob|cat)/);
    const ann = viewFor(state, { role: 'participant', participant: 'id-ann' }, summary);
    expect(ann).toMatchObject({ yourScore: { name: 'Ann', votes: 1 } });
    expect(JSON.stringify(ann)).not.toMatch(/id-(bob|cat)/);
  });

  test('a summary is not shown before the room ends', () => {
    const { log, state } = votingRoom();
    expect(viewFor(state, { role: 'controller' }, sessionSummary(log, library()))).toMatchObject({ summary: null });
  });
});
