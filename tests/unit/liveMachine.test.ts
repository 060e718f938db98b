import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { foldLog, liveSessionMachine, type LiveEvent } from '../../src/index.ts';
import { joined, library, reply, stamp, started, type Unstamped } from './liveLog.ts';

const setUp = [started(['late-return', 'holiday-delay'], ['ann', 'bob']), ...joined('ann', 'bob')];

/** A room on a simulated clock; `send` stamps each event with the clock's time, as the server does. */
function openRoom(log: readonly LiveEvent[] = [], now?: number) {
  const clock = new SimulatedClock();
  if (now !== undefined) clock.set(now);
  const actor = createActor(liveSessionMachine, { input: { scenarios: library, log, now }, clock }).start();
  const rejected: string[] = [];
  actor.on('event.rejected', (event) => rejected.push(event.reason));
  const send = (...events: Unstamped[]) => events.forEach((event) => actor.send({ ...event, at: clock.now() } as LiveEvent));
  const snapshot = () => actor.getSnapshot();
  return { actor, clock, rejected, send, snapshot };
}

describe('the live session machine', () => {
  it('moves from the lobby through a round, logging every accepted event and folding it to its state', () => {
    const { send, snapshot, clock } = openRoom();
    expect(snapshot().value).toBe('lobby');
    send(...setUp);
    expect(snapshot().value).toEqual({ active: 'presenting' });
    clock.increment(1000);
    send({ type: 'voteOpened', durationMs: null }, { type: 'voteCast', participant: 'ann', choice: reply('ask') });
    expect(snapshot().value).toEqual({ active: 'voting' });
    send({ type: 'voteClosed' }, { type: 'decided', source: 'hotSeat' });
    expect(snapshot().value).toEqual({ active: 'revealed' });
    send({ type: 'revealed' }, { type: 'advanced' });
    expect(snapshot().value).toEqual({ active: 'presenting' });
    const { log, state } = snapshot().context;
    expect(log.map((event) => event.type)).toEqual(['started', 'joined', 'joined', 'voteOpened', 'voteCast', 'voteClosed', 'decided', 'revealed', 'advanced']);
    expect(foldLog(log, library)).toEqual(state);
    expect(state.decisions[0]).toMatchObject({ choice: reply('ask'), source: 'hotSeat', hotSeat: 'ann' });
  });

  it('refuses an invalid event with an emitted reason and leaves the log as it was', () => {
    const { send, snapshot, rejected } = openRoom();
    send({ type: 'voteOpened', durationMs: null }, ...setUp, { type: 'voteCast', participant: 'ann', choice: reply('ask') }, { type: 'undone' });
    expect(rejected).toEqual(['the session has not started', 'no vote is open', 'there is no decision to undo']);
    expect(snapshot().context.log).toHaveLength(3);
    expect(snapshot().value).toEqual({ active: 'presenting' });
  });

  it('closes a timed vote on the actor clock, logging the close at the moment it ran out', () => {
    const { send, snapshot, clock } = openRoom();
    send(...setUp);
    clock.increment(5000);
    send({ type: 'voteOpened', durationMs: 10_000 });
    clock.increment(9999);
    expect(snapshot().value).toEqual({ active: 'voting' });
    clock.increment(1);
    expect(snapshot().value).toEqual({ active: 'presenting' });
    expect(snapshot().context.log.at(-1)).toEqual({ type: 'voteClosed', at: 15_000 });
    expect(snapshot().context.state.vote).toMatchObject({ open: false, remainingMs: 0 });
  });

  it('leaves an untimed vote open until the trainer closes it', () => {
    const { send, snapshot, clock } = openRoom();
    send(...setUp, { type: 'voteOpened', durationMs: null });
    clock.increment(3_600_000);
    expect(snapshot().value).toEqual({ active: 'voting' });
  });

  it('pauses a vote with its timer stopped and resumes to the same vote with the time it had left', () => {
    const { send, snapshot, clock, rejected } = openRoom();
    send(...setUp, { type: 'voteOpened', durationMs: 10_000 });
    clock.increment(4000);
    send({ type: 'paused' });
    expect(snapshot().value).toBe('paused');
    clock.increment(60_000);
    send({ type: 'voteCast', participant: 'bob', choice: reply('ask') });
    expect(rejected).toEqual(['the session is paused']);
    expect(snapshot().value).toBe('paused');
    send({ type: 'resumed' });
    expect(snapshot().value).toEqual({ active: 'voting' });
    clock.increment(5999);
    expect(snapshot().value).toEqual({ active: 'voting' });
    clock.increment(1);
    expect(snapshot().value).toEqual({ active: 'presenting' });
    expect(snapshot().context.log.at(-1)).toEqual({ type: 'voteClosed', at: 70_000 });
  });

  it('resumes to the reveal it paused on', () => {
    const { send, snapshot } = openRoom();
    send(...setUp, { type: 'decided', source: 'trainer', choice: reply('ask') }, { type: 'paused' }, { type: 'resumed' });
    expect(snapshot().value).toEqual({ active: 'revealed' });
  });

  it('rebuilds a stored log where it was: a paused vote returns to voting, an open vote closes on what it had left', () => {
    const paused = stamp([...setUp, { type: 'voteOpened', durationMs: 10_000 }, { type: 'paused' }]);
    const again = openRoom(paused, 100_000);
    expect(again.snapshot().value).toBe('paused');
    again.send({ type: 'resumed' });
    expect(again.snapshot().value).toEqual({ active: 'voting' });

    // Opened at 4 s for 10 s; the server restarts at 11 s, so the vote has 3 s left.
    const open = stamp([...setUp, { type: 'voteOpened', durationMs: 10_000 }]);
    const restarted = openRoom(open, 11_000);
    expect(restarted.snapshot().value).toEqual({ active: 'voting' });
    restarted.clock.increment(2999);
    expect(restarted.snapshot().value).toEqual({ active: 'voting' });
    restarted.clock.increment(1);
    expect(restarted.snapshot().context.log.at(-1)).toEqual({ type: 'voteClosed', at: 14_000 });
  });

  it('ends in the summary, where every further event is refused', () => {
    const { send, snapshot, rejected } = openRoom();
    send(...setUp, { type: 'ended' }, { type: 'resumed' });
    expect(snapshot().value).toBe('summary');
    expect(rejected).toEqual(['the session has ended']);
  });
});
