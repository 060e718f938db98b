import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  currentConversation,
  currentScenario,
  emptyLiveState,
  foldLog,
  legalChoices,
  replayChoices,
  scenarioAt,
  validateEvent,
  type Choice,
  type LiveEvent,
  type LiveState,
} from '../../src/index.ts';
import { joined, library, reply, scenarioNamed, stamp, started, votes, type Unstamped } from './liveLog.ts';

const LATE = 'late-return';
const HOLIDAY = 'holiday-delay';
const room = [started([LATE, HOLIDAY], ['ann', 'bob', 'cat']), ...joined('ann', 'bob', 'cat', 'dan')];

/** Folds the log, then says why each of `more` would be refused (null when accepted and applied). */
function reasons(log: readonly LiveEvent[], more: readonly Unstamped[]): (string | null)[] {
  let state = foldLog(log, library);
  return stamp(more, 1e6).map((event) => {
    const verdict = validateEvent(state, event, library);
    if (!verdict.ok) return verdict.reason;
    state = applyEvent(state, event, library);
    return null;
  });
}

describe('folding a live session log', () => {
  it('gives the same state for the same log, also after a JSON round trip (what the server stores)', () => {
    const log = stamp([...room, { type: 'voteOpened', durationMs: null }, ...votes({ ann: reply('ask'), bob: reply('cave') }), { type: 'voteClosed' }, { type: 'decided', source: 'majority' }]);
    const state = foldLog(log, library);
    expect(foldLog(log, library)).toEqual(state);
    expect(foldLog(JSON.parse(JSON.stringify(log)) as LiveEvent[], library)).toEqual(state);
    expect(state.phase).toBe('revealed');
    expect(state.decisions).toHaveLength(1);
    expect(state.round).toBe(1);
  });

  it('starts in a lobby people can join before the trainer starts', () => {
    const state = foldLog(stamp([...joined('ann'), started([LATE], ['ann'])]), library);
    expect(state.phase).toBe('presenting');
    expect(state.participants).toEqual([{ id: 'ann', name: 'Name ann', present: true }]);
    expect(state.hotSeat).toBe('ann');
    expect(currentConversation(state).node).toBe(scenarioNamed(LATE).start);
    expect(reasons([], [{ type: 'voteOpened', durationMs: null }])).toEqual(['the session has not started']);
  });

  it('lets a later vote replace an earlier one and refuses double, foreign and closed votes with reasons', () => {
    const log = stamp([...room, { type: 'voteOpened', durationMs: null }, ...votes({ ann: reply('ask'), bob: reply('ask') })]);
    const after = reasons(log, [
      { type: 'voteCast', participant: 'ann', choice: reply('cave') },
      { type: 'voteCast', participant: 'ann', choice: reply('cave') },
      { type: 'voteCast', participant: 'eve', choice: reply('ask') },
      { type: 'left', participant: 'cat' },
      { type: 'voteCast', participant: 'cat', choice: reply('ask') },
      { type: 'voteCast', participant: 'bob', choice: reply('no_such_reply') },
      { type: 'voteClosed' },
      { type: 'voteCast', participant: 'bob', choice: reply('cave') },
    ]);
    expect(after).toEqual([
      null,
      'participant "ann" has already voted for that',
      'participant "eve" is not in the room',
      null,
      'participant "cat" is not in the room',
      `reply "no_such_reply" is not offered at node "${scenarioNamed(LATE).start}"`,
      null,
      'no vote is open',
    ]);
    const state = foldLog([...log, ...stamp([{ type: 'voteCast', participant: 'ann', choice: reply('cave') }], 1e6)], library);
    expect(state.vote?.votes).toEqual({ ann: reply('cave'), bob: reply('ask') });
    // A tie is listed in the order the (seeded) replies were shown.
    const shown = legalChoices(scenarioNamed(LATE), currentConversation(state)).map((choice) => (choice.kind === 'reply' ? choice.reply : choice.kind));
    const tied = ['ask', 'cave'].sort((a, b) => shown.indexOf(a) - shown.indexOf(b));
    expect(state.vote?.tallies).toEqual(tied.map((id) => ({ choice: reply(id), count: 1 })));
  });

  it('keeps the votes of someone who left, and takes them back in place, under their new name, when they rejoin', () => {
    const log = stamp([...room, { type: 'voteOpened', durationMs: null }, ...votes({ bob: reply('ask') }), { type: 'left', participant: 'bob' }]);
    expect(foldLog(log, library).vote?.tallies).toEqual([{ choice: reply('ask'), count: 1 }]);
    const back = foldLog([...log, ...stamp([{ type: 'joined', participant: 'bob', name: '  Bob\u0007 B. ' }], 1e6)], library);
    expect(back.participants.map((p) => [p.id, p.name, p.present])).toEqual([
      ['ann', 'Name ann', true],
      ['bob', 'Bob B.', true],
      ['cat', 'Name cat', true],
      ['dan', 'Name dan', true],
    ]);
    expect(reasons(log, [{ type: 'joined', participant: 'ann', name: 'Ann' }, { type: 'joined', participant: 'eve', name: '\u0007 ' }])).toEqual([
      'participant "ann" is already in the room',
      'a participant needs an id and a name',
    ]);
  });

  it('takes a show of hands typed by the trainer like phone votes, and refuses counts that cannot be', () => {
    const log = stamp([...room, { type: 'voteOpened', durationMs: null }, ...votes({ bob: reply('cave') }), { type: 'voteClosed' }]);
    const hands: Unstamped = { type: 'handsCounted', counts: [{ choice: reply('ask'), count: 5 }, { choice: reply('cave'), count: 3 }, { choice: reply('law_cold'), count: 0 }] };
    const state = foldLog([...log, ...stamp([hands, { type: 'decided', source: 'majority' }], 1e6)], library);
    expect(state.decisions[0]?.vote?.tallies).toEqual([
      { choice: reply('ask'), count: 5 },
      { choice: reply('cave'), count: 4 },
    ]);
    expect(state.decisions[0]?.choice).toEqual(reply('ask'));
    const count = (...counts: [string, number][]): Unstamped => ({ type: 'handsCounted', counts: counts.map(([id, n]) => ({ choice: reply(id), count: n })) });
    expect(reasons(log, [count(['ask', 0]), count(['ask', 1.5]), count(['ask', 1], ['ask', 2]), count(['nope', 2]), { type: 'voteOpened', durationMs: null }, count(['ask', 1])])).toEqual([
      'no hands were counted',
      'hands are counted in whole numbers, 0 or more',
      'a move is counted twice',
      `reply "nope" is not offered at node "${scenarioNamed(LATE).start}"`,
      null,
      'close the vote first',
    ]);
  });

  it('breaks a tied majority for the hot seat when they are among the tied, else for the move shown first', () => {
    const tied = (cast: Record<string, Choice>) =>
      foldLog(stamp([...room, { type: 'voteOpened', durationMs: null }, ...votes(cast), { type: 'voteClosed' }, { type: 'decided', source: 'majority' }]), library).decisions[0]?.choice;
    const [first, second, third] = legalChoices(scenarioNamed(LATE), currentConversation(foldLog(stamp(room), library)));
    if (!first || !second || !third) throw new Error('the scenario changed');
    // ann is in the hot seat for the first scenario.
    expect(tied({ ann: second, bob: first })).toEqual(second);
    expect(tied({ bob: third, cat: first, ann: second })).toEqual(second);
    expect(tied({ bob: second, cat: first })).toEqual(first);
    expect(tied({ bob: third, cat: second })).toEqual(second);
    expect(tied({ bob: second, cat: second, ann: third })).toEqual(second);
    expect(tied({ bob: third, cat: third, dan: first })).toEqual(third);
  });

  it('refuses decisions that lack what they need', () => {
    expect(reasons(stamp(room), [{ type: 'decided', source: 'majority' }, { type: 'decided', source: 'hotSeat' }, { type: 'voteOpened', durationMs: 5000 }, { type: 'decided', source: 'trainer', choice: reply('ask') }])).toEqual([
      'nobody has voted this round',
      'the hot seat has not voted this round',
      null,
      'close the vote first',
    ]);
    const noRoster = stamp([started([LATE], []), ...joined('ann'), { type: 'voteOpened', durationMs: null }, ...votes({ ann: reply('ask') }), { type: 'voteClosed' }]);
    expect(reasons(noRoster, [{ type: 'decided', source: 'hotSeat' }])).toEqual(['nobody is in the hot seat']);
  });

  it('rotates the hot seat per scenario', () => {
    const log = stamp([...room, { type: 'decided', source: 'trainer', choice: reply('ask') }, { type: 'revealed' }, { type: 'skipped' }]);
    expect(foldLog(log.slice(0, -1), library).hotSeat).toBe('ann');
    const state = foldLog(log, library);
    expect(state.hotSeat).toBe('bob');
    expect([state.scenarioIndex, state.round]).toEqual([1, 0]);
    expect(currentScenario(state, library).id).toBe(HOLIDAY);
    expect(state.decisions.map((d) => d.hotSeat)).toEqual(['ann']);
  });

  it('rotates the hot seat every N decisions, across scenarios, and back when a decision is undone', () => {
    const log = stamp([started([LATE, HOLIDAY], ['ann', 'bob'], { every: 'decisions', n: 2 }), { type: 'decided', source: 'trainer', choice: reply('ask') }, { type: 'advanced' }]);
    const seats = (events: LiveEvent[]) => foldLog(events, library).hotSeat;
    expect(seats(log.slice(0, 1))).toBe('ann');
    expect(seats(log)).toBe('ann');
    const second = foldLog(log, library);
    const move = legalChoices(currentScenario(second, library), currentConversation(second))[0] as Choice;
    const two = [...log, ...stamp([{ type: 'decided', source: 'trainer', choice: move }], 1e6)];
    expect(seats(two)).toBe('bob');
    expect(seats([...two, ...stamp([{ type: 'skipped' }, { type: 'decided', source: 'trainer', choice: reply('ask') }, { type: 'advanced' }], 2e6)])).toBe('bob');
    expect(seats([...two, ...stamp([{ type: 'undone' }], 2e6)])).toBe('ann');
  });

  it('undoes the last decision as an event: the exact state before it, votes and all, and across a scenario boundary', () => {
    const before = stamp([...room, { type: 'voteOpened', durationMs: 20_000 }, ...votes({ ann: reply('ask'), bob: reply('cave') }), { type: 'voteClosed' }]);
    const decided = [...before, ...stamp([{ type: 'decided', source: 'hotSeat' }, { type: 'revealed' }], 1e5)];
    expect(foldLog([...decided, ...stamp([{ type: 'undone' }], 2e5)], library)).toEqual(foldLog(before, library));
    const skipped = [...decided, ...stamp([{ type: 'skipped' }, { type: 'undone' }], 2e5)];
    const state = foldLog(skipped, library);
    expect(state.scenarioIndex).toBe(0);
    expect(state.conversations).toHaveLength(1);
    expect(state.decisions).toEqual([]);
    expect(reasons(skipped, [{ type: 'undone' }])).toEqual(['there is no decision to undo']);
  });

  it('pauses in any phase, refuses the round while paused, and resumes to the same phase', () => {
    const log = stamp([...room, { type: 'voteOpened', durationMs: 30_000 }, { type: 'paused' }]);
    expect(reasons(log, [{ type: 'voteCast', participant: 'ann', choice: reply('ask') }, ...joined('eve'), { type: 'undone' }, { type: 'resumed' }, { type: 'resumed' }])).toEqual([
      'the session is paused',
      null,
      'the session is paused',
      null,
      'the session is not paused',
    ]);
    const resumed = foldLog([...log, ...stamp([{ type: 'resumed' }], 1e5)], library);
    expect(resumed.phase).toBe('voting');
    expect(resumed.paused).toBe(false);
  });

  it('keeps the time a vote had left across a pause', () => {
    const state = foldLog([...stamp(room), { type: 'voteOpened', at: 10_000, durationMs: 30_000 }, { type: 'paused', at: 22_000 }, { type: 'resumed', at: 100_000 }], library);
    expect(state.vote).toMatchObject({ open: true, remainingMs: 18_000, since: 100_000 });
  });

  it('ends in a summary that refuses everything after it, and will not skip past the last scenario', () => {
    expect(reasons(stamp([started([LATE], ['ann'])]), [{ type: 'skipped' }, { type: 'ended' }, ...joined('zed')])).toEqual([
      'this is the last scenario: end the session',
      null,
      'the session has ended',
    ]);
  });

  it('refuses a log that names a scenario the library does not have, or one the fold would refuse', () => {
    const unknown: Unstamped = { type: 'started', scenarios: [{ id: LATE, version: 999 }], seed: 1, roster: [], rotation: { every: 'scenario' } };
    expect(reasons([], [unknown])).toEqual([`scenario "${LATE}" version 999 is not in the library`]);
    // What arrives from the wire may not match the types: the core still refuses it with a reason.
    const wire = (event: object) => event as Unstamped;
    const rotation = { every: 'decisions', n: 0 } as const;
    expect(reasons([], [wire({ ...started([LATE], []), rotation }), wire({ ...started([LATE], []), rotation: { every: 'hour' } })])).toEqual([
      'the hot seat rotates every scenario or after a whole number of decisions, at least 1',
      'the hot seat rotates every scenario or after a whole number of decisions, at least 1',
    ]);
    expect(reasons(stamp(room), [wire({ type: 'decided', source: 'coin' }), wire({ type: 'voteOpened' }), wire({ type: 'shuffled' })])).toEqual([
      'an unknown source "coin"',
      'a vote lasts a positive number of milliseconds',
      'an unknown event "shuffled"',
    ]);
    expect(() => foldLog(stamp([started([LATE], []), { type: 'voteClosed' }]), library)).toThrow('Event 2 (voteClosed) cannot be folded: no vote is open');
  });
});

/** Every event that might be sent next, most of them refused; the property keeps the accepted ones. */
function candidates(state: LiveState, at: number): LiveEvent[] {
  const people = ['ann', 'bob', 'cat', 'ghost'];
  const moves = state.phase === 'lobby' || state.phase === 'summary' ? [] : legalChoices(currentScenario(state, library), currentConversation(state));
  const events: Unstamped[] = [
    started([LATE, HOLIDAY], ['ann', 'bob'], { every: 'decisions', n: 3 }),
    ...people.flatMap((participant): Unstamped[] => [{ type: 'joined', participant, name: participant }, { type: 'left', participant }]),
    { type: 'voteOpened', durationMs: 30_000 },
    { type: 'voteOpened', durationMs: null },
    ...people.flatMap((participant) => moves.map((choice): Unstamped => ({ type: 'voteCast', participant, choice }))),
    { type: 'voteClosed' },
    ...moves.slice(0, 2).map((choice, i): Unstamped => ({ type: 'handsCounted', counts: [{ choice, count: i + 1 }] })),
    { type: 'decided', source: 'hotSeat' },
    { type: 'decided', source: 'majority' },
    ...moves.map((choice): Unstamped => ({ type: 'decided', source: 'trainer', choice })),
    ...(['revealed', 'advanced', 'paused', 'resumed', 'undone', 'skipped'] as const).map((type): Unstamped => ({ type })),
  ];
  return events.map((event) => ({ ...event, at }) as LiveEvent);
}

describe('any sequence of valid events', () => {
  it('folds without throwing, the same every time, and an undo right after a decision restores the exact prior state', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 10, maxLength: 80 }), (picks) => {
        let state = emptyLiveState();
        const log: LiveEvent[] = [];
        for (const [step, [kind, which]] of picks.entries()) {
          // A kind of event first, then one of that kind, so votes and decisions are as likely as joins.
          const valid = candidates(state, step * 500).filter((event) => validateEvent(state, event, library).ok);
          const kinds = [...new Set(valid.map((event) => event.type))];
          const ofKind = valid.filter((event) => event.type === kinds[kind % kinds.length]);
          const event = ofKind[which % ofKind.length];
          if (!event) break;
          const next = applyEvent(state, event, library);
          if (event.type === 'decided') {
            const undone = { type: 'undone', at: step * 500 } as const;
            expect(validateEvent(next, undone, library)).toEqual({ ok: true });
            expect(applyEvent(next, undone, library)).toEqual(state);
          }
          log.push(event);
          state = next;
        }
        expect(foldLog(log, library)).toEqual(state);
        expect(foldLog(log, library)).toEqual(foldLog(log, library));
        // The room's path is always one the rules accept from the start.
        for (const [index, conversation] of state.conversations.entries()) {
          const scenario = scenarioAt(state, index, library);
          const replayed = replayChoices(scenario, conversation.decisions.map((d) => d.choice), state.seed);
          expect(replayed.ok && replayed.state.node).toBe(conversation.node);
        }
      }),
      { numRuns: 150 },
    );
  });
});
